// The SASL/SCRAM credential secrets of a dropped MSK cluster, and their counterpart on the customer's cluster.
import { awsSecretOf } from '../aws/secrets.js';
import { usesSasl } from '../../spec/types.js';
import type { CustomerKafka } from '../../spec/types.js';
import { attribute, refsWithin, type TfModule, type TfRef } from './parse.js';
import type { TfVariables } from './variables.js';

/** What these steps read of a module's rewrite context. */
interface CredentialScope {
  spec: CustomerKafka;
  mod: TfModule;
  vars: TfVariables;
  dropped: Map<string, string>;
  credentialSecrets: Map<string, string>;
}

const ASSOCIATIONS: Record<string, string> = {
  aws_msk_scram_secret_association: 'secret_arn_list',
  aws_msk_single_scram_secret_association: 'secret_arn',
};

const SECRET_TYPES = new Set(['aws_secretsmanager_secret']);

/** Attributes of a Secrets Manager secret that name it as its ARN (`id` is the ARN too). */
const ARN_ATTRS = new Set(['arn', 'id']);

/**
 * Marks the Secrets Manager secrets that only dropped SCRAM secret associations attach to a cluster: they held the
 * dropped cluster's users and go with it; what still refers to them gets the customer's secret instead.
 */
export function dropCredentialSecrets(ctx: CredentialScope): void {
  const attached = new Map<string, { association: string; cluster?: string }>();
  const keptUse = new Set<string>();
  for (const e of ctx.mod.entities.values()) {
    const list = e.kind === 'resource' ? ASSOCIATIONS[e.type] : undefined;
    const a = list ? attribute(e.body, list) : undefined;
    if (!a) continue;
    const cluster = refsWithin(ctx.mod, e.file, e.node.startIndex, e.node.endIndex).find((r) =>
      /^aws_msk_(serverless_)?cluster\./.test(r.target),
    )?.target;
    for (const r of refsWithin(ctx.mod, e.file, a.startIndex, a.endIndex)) {
      const target = ctx.mod.entities.get(r.target);
      if (!target || !SECRET_TYPES.has(target.type) || (target.kind !== 'resource' && target.kind !== 'data')) continue;
      if (!ctx.dropped.has(e.address)) keptUse.add(r.target);
      else if (!attached.has(r.target)) attached.set(r.target, { association: e.address, ...(cluster ? { cluster } : {}) });
    }
  }
  for (const [secret, { association, cluster }] of attached) {
    if (keptUse.has(secret) || ctx.dropped.has(secret)) continue;
    ctx.credentialSecrets.set(secret, association);
    ctx.dropped.set(secret, `the SASL/SCRAM credentials ${association} attached to ${cluster ?? 'the dropped cluster'}`);
  }
}

/** The graft variable holding the customer's SASL username and password, when one Secrets Manager secret holds both. */
export function customerCredentialVar(ctx: CredentialScope): string | undefined {
  const sasl = ctx.spec.sasl;
  if (!sasl || !usesSasl(ctx.spec.securityProtocol)) return undefined;
  const { username, password } = sasl;
  if (!username || !password || typeof username === 'string' || typeof password === 'string') return undefined;
  if (awsSecretOf(username.secretRef)?.store !== 'secretsManager') return undefined;
  const u = ctx.vars.secretVar(username);
  const p = ctx.vars.secretVar(password);
  return u !== undefined && u === p ? u : undefined;
}

/** What a reference to a dropped credential secret becomes: `var.<customer's secret ARN>`, or undefined. */
export function credentialRef(ctx: CredentialScope, r: TfRef): string | undefined {
  if (!ctx.credentialSecrets.has(r.target) || !r.attr || !ARN_ATTRS.has(r.attr)) return undefined;
  const v = customerCredentialVar(ctx);
  return v ? `var.${v}` : undefined;
}

/** Why a reference to a dropped credential secret has no counterpart, or undefined when it is no such reference. */
export function credentialGap(ctx: CredentialScope, r: TfRef, original: string): { message: string; help: string } | undefined {
  const association = ctx.credentialSecrets.get(r.target);
  if (!association) return undefined;
  const what = `${r.from} uses ${original}, the SASL/SCRAM credentials ${association} attached to the dropped cluster`;
  const v = customerCredentialVar(ctx);
  if (v)
    return {
      message: `${what}; only its ARN has a counterpart (the customer's secret, var.${v})`,
      help: `use ${r.target}.arn, which graft makes var.${v}, or remove this use, then compile again`,
    };
  return {
    message: `${what}; the customer's spec has no Secrets Manager secret holding a SASL username and password to hand out in its place`,
    help: "remove this use (the customer's cluster takes other credentials), or give sasl.username and sasl.password as two keys of one awsSecretsManager secret in the customer's spec, then compile again",
  };
}
