import type { Node } from 'yaml';
import { findFamily, families } from '../../clients/index.js';
import type { ClientFamily, ServiceFacts } from '../../clients/types.js';
import type { RewiredItem } from '../../plan/types.js';
import type { CustomerKafka } from '../../spec/types.js';
import type { ServiceInfo } from './analyze.js';
import type { EnvState } from './env-state.js';
import { spanOfEntry, spanOfNode } from './parse.js';
import type { RewriteContext } from './context.js';
import { checkServiceEnvFiles } from './env-files.js';
import { editBoundProperties } from './properties.js';
import { composeLiteral } from './secrets.js';
import { staleReason, staleSecuritySettings } from '../../configure/security-surface.js';

/** Tells whether a client needs more than a bootstrap address to reach the customer's cluster. */
export function needsSecurity(spec: CustomerKafka): boolean {
  return spec.securityProtocol !== 'PLAINTEXT';
}

/** Picks a service's client family: the vendor's binding first, then what its image or environment shows. */
export function chooseFamily(
  facts: ServiceFacts,
  declared?: string,
  hasEnvBinding?: boolean,
): { family?: ClientFamily; certainty?: string } {
  if (declared) {
    const f = findFamily(declared);
    return f ? { family: f, certainty: 'declared in graft.yaml' } : {};
  }
  if (hasEnvBinding) return { family: findFamily('env'), certainty: 'env bindings in graft.yaml' };
  for (const level of ['certain', 'likely'] as const) {
    const f = families.find((fam) => fam.detect(facts) === level);
    if (f) return { family: f, certainty: level };
  }
  return {};
}

/** Decides whether a kept service is a Kafka client and, if so, writes its connection settings. */
export function configureClient(
  ctx: RewriteContext,
  info: ServiceInfo,
  env: EnvState,
  matched: string[],
  dependedOnDropped: boolean,
): RewiredItem | undefined {
  const { spec } = ctx;
  const def = info.defs[0];
  if (!def) return undefined;
  const at = spanOfNode(def.file.source, def.pair.key as Node);
  const binding = ctx.bindings?.clients.get(info.name);
  const facts: ServiceFacts = { name: info.name, ...(info.image ? { image: info.image } : {}), env: env.snapshot() };
  const { family, certainty } = chooseFamily(facts, binding?.family, binding?.env !== undefined);
  if (binding?.family && !family) {
    ctx.diagnostics.push({
      code: 'COMPOSE_UNKNOWN_FAMILY',
      severity: 'error',
      message: `graft.yaml gives service "${info.name}" family "${binding.family}", which graft does not know`,
      help: `use one of: ${families.map((f) => f.family).join(', ')}`,
      subject: at,
    });
    return undefined;
  }
  const isClient = matched.length > 0 || binding !== undefined || certainty === 'certain';
  if (!isClient) {
    if (dependedOnDropped) {
      ctx.diagnostics.push({
        code: 'COMPOSE_DEPENDS_ONLY',
        severity: 'warning',
        message: `service "${info.name}" depended on the dropped Kafka but names no Kafka address graft can see`,
        help: 'if it connects with an address built into its image, declare it in graft.yaml so graft can configure it',
        subject: at,
      });
    }
    return undefined;
  }
  const item: RewiredItem = { service: info.name, family: family?.family ?? 'bootstrap-only', matched, changed: [], notes: [], at };
  if (!family) {
    if (needsSecurity(spec)) {
      ctx.diagnostics.push({
        code: 'COMPOSE_CLIENT_UNKNOWN_FAMILY',
        severity: 'error',
        message: `service "${info.name}" uses Kafka (${matched[0] ?? 'declared'}) but graft cannot tell how it reads ${spec.securityProtocol} settings`,
        help: `declare it in graft.yaml: kafka.clients.${info.name}: { family: env, env: { bootstrapServers: ..., securityProtocol: ..., ... } }`,
        subject: at,
      });
      return undefined;
    }
    item.notes.push('no client family recognized; only the bootstrap address was rewired (PLAINTEXT needs nothing more)');
    return item;
  }
  if (!checkCapabilities(ctx, info.name, family, binding?.supports, at)) return undefined;
  const emission = family.emit({
    spec,
    service: facts,
    ...(binding ? { binding } : {}),
    bootstrap: spec.bootstrapServers.join(','),
    mountSecret: (secret) => ctx.secrets.mount(info.name, secret),
  });
  for (const p of emission.problems) ctx.diagnostics.push({ ...p, subject: at });
  const current = [...new Set([...info.env.map((e) => e.key), ...env.keys()])];
  for (const key of staleSecuritySettings(family.family, current, Object.keys(emission.env), binding)) {
    env.remove(key);
    const entry = info.env.find((e) => e.key === key);
    ctx.plan.removed.push({
      kind: 'env',
      name: key,
      from: info.name,
      reason: staleReason(key),
      at: entry ? spanOfEntry(entry) : at,
    });
  }
  for (const [key, value] of Object.entries(emission.env)) {
    if (typeof value === 'string' && value === env.get(key)) continue;
    env.set(key, ctx.secrets.render(info.name, key, value));
  }
  ctx.diagnostics.push(...checkServiceEnvFiles(ctx.read, info.defs, info.name, family.family, new Set(Object.keys(emission.env)), binding));
  item.notes.push(...emission.notes);
  // Kafka's DirectoryConfigProvider returns a file's bytes as they are, trailing newline included
  const viaProvider = new Set(
    [...Object.values(emission.env), ...Object.values(emission.files ?? {}), ...Object.values(emission.properties?.set ?? {})]
      .filter((v): v is string => typeof v === 'string')
      .flatMap((v) => [...v.matchAll(/\$\{secrets:[^:}]*:([A-Za-z0-9_.-]+)\}/g)].map((m) => m[1] ?? '')),
  );
  const fileSecrets = [...ctx.secrets.used.entries()]
    .filter(([name, u]) => viaProvider.has(name) && u.services.has(info.name) && 'file' in u.secret.secretRef)
    .map(([, u]) => u);
  if (fileSecrets.length > 0) {
    item.notes.push(
      `${fileSecrets.map((u) => u.secret.path).join(', ')} ${fileSecrets.length === 1 ? 'is' : 'are'} read through Kafka's DirectoryConfigProvider, which keeps a trailing newline: the customer's file must not end with one`,
    );
  }
  if (emission.properties) {
    const r = editBoundProperties(def, emission.properties, ctx.read);
    if (r.problem) ctx.diagnostics.push({ ...r.problem, severity: 'error', subject: at });
    else if (r.file) {
      ctx.fileEdits.set(r.file, [...(ctx.fileEdits.get(r.file) ?? []), ...r.edits]);
      if (r.edits.length) item.changed.push(`${emission.properties.file} (${Object.keys(emission.properties.set).join(', ')})`);
      for (const s of r.removed) {
        ctx.plan.removed.push({
          kind: 'setting',
          name: s.key,
          from: `${info.name} (${emission.properties.file})`,
          reason: staleReason(s.key),
          at: s.at,
        });
      }
    }
  }
  const usesRegistry = matched.some((m) => m.endsWith('(schema registry)'));
  const registryAuth = Object.keys(emission.env).some((k) => /BASIC_AUTH|USER_INFO|SCHEMA_?REGISTRY.*(AUTH|USER|PASSWORD)/.test(k));
  if (usesRegistry && spec.schemaRegistry?.basicAuth && !registryAuth) {
    ctx.diagnostics.push({
      code: 'COMPOSE_REGISTRY_AUTH_UNKNOWN',
      severity: 'warning',
      message: `service "${info.name}" now uses the customer's schema registry, which needs basic auth, but graft does not know how it reads registry credentials`,
      help: `declare schemaRegistryUsername and schemaRegistryPasswordFile for it in graft.yaml (family env)`,
      subject: at,
    });
  }
  if (emission.files && Object.keys(emission.files).length > 0) {
    item.notes.push(`needs files ${Object.keys(emission.files).join(', ')} (Compose configs)`);
    ctx.configs.push(
      ...Object.entries(emission.files).map(([target, content]) => ({ service: info.name, target, content: composeLiteral(content) })),
    );
  }
  return item;
}

function checkCapabilities(
  ctx: RewriteContext,
  service: string,
  family: ClientFamily,
  supports: { awsMskIam?: boolean; oauthbearer?: boolean } | undefined,
  at: RewiredItem['at'],
): boolean {
  const spec = ctx.spec;
  let ok = true;
  const m = spec.sasl?.mechanism;
  if (m && spec.securityProtocol.startsWith('SASL')) {
    const vouched = (m === 'AWS_MSK_IAM' && supports?.awsMskIam) || (m === 'OAUTHBEARER' && supports?.oauthbearer);
    if (!family.mechanisms.includes(m) && !vouched) {
      ok = false;
      ctx.diagnostics.push({
        code: 'COMPOSE_CLIENT_MECHANISM_UNSUPPORTED',
        severity: 'error',
        message: `service "${service}" (family ${family.family}) cannot use SASL ${m} from configuration alone`,
        help:
          m === 'AWS_MSK_IAM'
            ? `if its image ships the aws-msk-iam-auth library, vouch for it in graft.yaml (kafka.clients.${service}.supports.awsMskIam: true); otherwise the customer must offer SCRAM or mTLS`
            : `the customer must offer a mechanism the family supports: ${family.mechanisms.join(', ') || 'none'}`,
        subject: at,
      });
    }
  }
  if (spec.tls?.clientCert && !family.mtls) {
    ok = false;
    ctx.diagnostics.push({
      code: 'COMPOSE_CLIENT_MTLS_UNSUPPORTED',
      severity: 'error',
      message: `service "${service}" (family ${family.family}) cannot present a client certificate from configuration alone`,
      help: 'the customer must offer SASL authentication for this client',
      subject: at,
    });
  }
  return ok;
}
