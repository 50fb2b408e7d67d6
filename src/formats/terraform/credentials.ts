// The SASL/SCRAM credential secrets of a dropped MSK cluster, and their counterpart on the customer's cluster.
import { awsSecretOf } from '../aws/secrets.js';
import type { Plan } from '../../plan/types.js';
import { usesSasl } from '../../spec/types.js';
import type { CustomerKafka } from '../../spec/types.js';
import { isSupport } from './analyze.js';
import { attribute, refsWithin, type TfEntity, type TfModule, type TfRef } from './parse.js';
import type { TfVariables } from './variables.js';

/** What these steps read of a module's rewrite context. */
interface CredentialScope {
  spec: CustomerKafka;
  mod: TfModule;
  vars: TfVariables;
  dropped: Map<string, string>;
  credentialSecrets: Map<string, string>;
  credentialOutputs: Map<string, string>;
  plan: Plan;
}

const ASSOCIATIONS: Record<string, string> = {
  aws_msk_scram_secret_association: 'secret_arn_list',
  aws_msk_single_scram_secret_association: 'secret_arn',
};

/** Arguments of MSK modules that attach SCRAM secrets (terraform-aws-modules, cloudposse). */
const MODULE_ASSOCIATIONS = ['scram_secret_association_secret_arn_list', 'client_sasl_scram_secret_association_arns'];

const SECRET_TYPES = new Set(['aws_secretsmanager_secret']);

/** Attributes of a Secrets Manager secret that name it as its ARN (`id` is the ARN too). */
const ARN_ATTRS = new Set(['arn', 'id']);

/** Outputs of a Secrets Manager module that are its secret's ARN (terraform-aws-modules/secrets-manager). */
const MODULE_ARN_OUTPUTS = new Set(['secret_arn', 'secret_id']);

/** The argument through which an entity attaches SCRAM secrets to a cluster, if it is such an association. */
function associationArgument(ctx: CredentialScope, e: TfEntity): ReturnType<typeof attribute> {
  if (e.kind === 'resource') {
    const list = ASSOCIATIONS[e.type];
    return list ? attribute(e.body, list) : undefined;
  }
  if (e.kind !== 'module' || !ctx.dropped.has(e.address)) return undefined;
  for (const name of MODULE_ASSOCIATIONS) {
    const a = attribute(e.body, name);
    if (a) return a;
  }
  return undefined;
}

/**
 * Marks the Secrets Manager secrets that only dropped SCRAM secret associations attach to a cluster: they held the
 * dropped cluster's users and go with it; what still refers to them gets the customer's secret instead. A secret
 * reached through a module output (`module.x.secret_arn`) is followed: a Secrets Manager module goes like a secret;
 * a module that declares more keeps its other outputs, and the uses of that output get the customer's secret.
 */
export function dropCredentialSecrets(ctx: CredentialScope): void {
  const attached = new Map<string, { association: string; cluster?: string; output?: string }>();
  const keptUse = new Set<string>();
  for (const e of ctx.mod.entities.values()) {
    const a = associationArgument(ctx, e);
    if (!a) continue;
    // a Kafka module attaches the secrets to the cluster it declares
    const cluster =
      e.kind === 'module'
        ? undefined
        : refsWithin(ctx.mod, e.file, e.node.startIndex, e.node.endIndex).find((r) => /^aws_msk_(serverless_)?cluster\./.test(r.target))
            ?.target;
    for (const r of refsWithin(ctx.mod, e.file, a.startIndex, a.endIndex)) {
      const target = ctx.mod.entities.get(r.target);
      const secret = target && SECRET_TYPES.has(target.type) && (target.kind === 'resource' || target.kind === 'data');
      const output = target?.kind === 'module' && r.attr ? r.attr : undefined;
      if (!secret && !output) continue;
      const key = output ? `${r.target}.${output}` : r.target;
      if (!ctx.dropped.has(e.address)) keptUse.add(key);
      else if (!attached.has(key))
        attached.set(key, { association: e.address, ...(cluster ? { cluster } : {}), ...(output ? { output } : {}) });
    }
  }
  for (const [key, { association, cluster, output }] of attached) {
    const address = output ? key.slice(0, -output.length - 1) : key;
    if (keptUse.has(key) || ctx.dropped.has(address) || ctx.credentialSecrets.has(address)) continue;
    ctx.credentialSecrets.set(address, association);
    if (output) ctx.credentialOutputs.set(address, output);
    const module = output ? ctx.mod.entities.get(address) : undefined;
    // a module that declares more than the secret stays; only the uses of its secret's output change
    if (module && !isSupport(module)) {
      ctx.plan.notes.push(
        `${address} is kept (it declares more than the secret behind its output ${output}, the SASL/SCRAM credentials ${association} attached to the dropped cluster); the uses of that output read the customer's secret now — remove that secret from the module`,
      );
      continue;
    }
    ctx.dropped.set(address, `the SASL/SCRAM credentials ${association} attached to ${cluster ?? 'the dropped cluster'}`);
  }
}

/** Whether a reference is a use of the output of a kept module through which a dropped association reached its secret. */
export function isCredentialOutput(ctx: CredentialScope, r: TfRef): boolean {
  return !ctx.dropped.has(r.target) && r.attr !== undefined && ctx.credentialOutputs.get(r.target) === r.attr;
}

/** Whether a reference names a dropped credential secret by its ARN. */
function namesArn(ctx: CredentialScope, r: TfRef): boolean {
  if (!r.attr) return false;
  const output = ctx.credentialOutputs.get(r.target);
  if (output === undefined) return ARN_ATTRS.has(r.attr);
  return r.attr === output || (ctx.dropped.has(r.target) && MODULE_ARN_OUTPUTS.has(r.attr));
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
  if (!ctx.credentialSecrets.has(r.target) || !namesArn(ctx, r)) return undefined;
  const v = customerCredentialVar(ctx);
  return v ? `var.${v}` : undefined;
}

/** Why a reference to a dropped credential secret has no counterpart, or undefined when it is no such reference. */
export function credentialGap(ctx: CredentialScope, r: TfRef, original: string): { message: string; help: string } | undefined {
  const association = ctx.credentialSecrets.get(r.target);
  if (!association) return undefined;
  const output = ctx.credentialOutputs.get(r.target);
  // a kept module's other outputs are other things of the module's
  if (output !== undefined && !ctx.dropped.has(r.target) && r.attr !== output) return undefined;
  const held = `the SASL/SCRAM credentials ${association} attached to the dropped cluster`;
  const what =
    output && r.attr !== output
      ? `${r.from} uses ${original}, output ${r.attr ?? ''} of ${r.target}, whose secret (output ${output}) held ${held}`
      : `${r.from} uses ${original}, ${output ? 'the secret holding ' : ''}${held}`;
  const arn = output ? `${r.target}.${output}` : `${r.target}.arn`;
  const v = customerCredentialVar(ctx);
  if (v)
    return {
      message: `${what}; only its ARN has a counterpart (the customer's secret, var.${v})`,
      help: `use ${arn}, which graft makes var.${v}, or remove this use, then compile again`,
    };
  return {
    message: `${what}; the customer's spec has no Secrets Manager secret holding a SASL username and password to hand out in its place`,
    help: "remove this use (the customer's cluster takes other credentials), or give sasl.username and sasl.password as two keys of one awsSecretsManager secret in the customer's spec, then compile again",
  };
}
