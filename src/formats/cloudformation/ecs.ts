import { isMap, isSeq, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { ClientBinding } from '../../bindings/types.js';
import type { ClientFamily, Emission, ServiceFacts } from '../../clients/types.js';
import { staleReason, staleSecuritySettings } from '../../configure/security-surface.js';
import { describeSecretRef } from '../../secrets/names.js';
import type { RewiredItem } from '../../plan/types.js';
import type { SecretValue } from '../../spec/types.js';
import { awsSecretOf, ecsValueFrom } from '../aws/secrets.js';
import { ECS_NO_FILES, ecsSecretEnvName, ecsSetting, ENV_VAR_PROVIDER, secretEnvNamesIn, usesProviderFiles } from '../aws/ecs.js';
import { chooseFamily, needsSecurity } from '../../configure/stage.js';
import { noteSecret, report, type CfnContext } from './context.js';
import { grantStatements } from './grants.js';
import { applyNaming } from './naming.js';
import { mapAt, pairOf, textOf, type Resource } from './parse.js';
import { collectRefs } from './refs.js';
import { ref, sub, type CfnValue } from './render.js';

interface EnvEntry {
  item: YAMLMap;
  value: unknown;
}

/** One container of a task definition while graft rewrites it. */
interface EcsContainer {
  r: Resource;
  node: YAMLMap;
  name: string;
  env: Map<string, EnvEntry>;
  secrets: Map<string, EnvEntry>;
}

/** Rewires ECS task definition containers: Environment gets the settings, Secrets the customer's secret ARNs. */
export function rewriteEcs(ctx: CfnContext): void {
  for (const r of ctx.a.t.resources) {
    if (r.type !== 'AWS::ECS::TaskDefinition' || ctx.a.dropped.has(r.id)) continue;
    const defs = mapAt(r.node, 'Properties')?.get('ContainerDefinitions', true);
    const read: SecretValue[] = [];
    for (const c of isSeq(defs) ? defs.items : []) if (isMap(c)) rewriteContainer(ctx, r, c, read);
    grantExecutionRole(ctx, r, read);
  }
}

/**
 * The task execution role (the one ECS injects `Secrets` with) may read exactly the customer's secrets the containers
 * name: `secretsmanager:GetSecretValue` on the secrets' ARNs, `ssm:GetParameters` on the parameters.
 */
function grantExecutionRole(ctx: CfnContext, r: Resource, read: readonly SecretValue[]): void {
  const sm = new Map<string, CfnValue>();
  const ssm = new Map<string, CfnValue>();
  for (const s of read) {
    const aws = awsSecretOf(s.secretRef);
    const param = ctx.params.secret(s, ctx.secrets);
    if (!aws || !param) continue;
    const name = param.arg as string;
    if (aws.store === 'secretsManager') sm.set(name, ref(name));
    else
      ssm.set(
        name,
        sub(`arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter${aws.name.startsWith('/') ? '' : '/'}\${${name}}`),
      );
  }
  const statements: CfnValue[] = [];
  const one = (m: Map<string, CfnValue>): CfnValue => (m.size === 1 ? [...m.values()][0] : [...m.values()]);
  if (sm.size) statements.push({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: one(sm) });
  if (ssm.size) statements.push({ Effect: 'Allow', Action: 'ssm:GetParameters', Resource: one(ssm) });
  const grantee = grantStatements(ctx, r, statements, 'GraftKafkaSecrets');
  const item = [...ctx.plan.rewired].reverse().find((i) => i.service.startsWith(`${r.id} `) || i.service === r.id);
  if (!grantee || !item) return;
  const i = item.notes.findIndex((n) => n.startsWith('the task execution role must be allowed'));
  if (i >= 0) item.notes.splice(i, 1);
  item.notes.push(`the task execution role may read the secrets: granted in ${grantee}`);
}

function entries(node: YAMLMap, key: string, valueKey: string): Map<string, EnvEntry> {
  const out = new Map<string, EnvEntry>();
  const seq = node.get(key, true);
  for (const item of isSeq(seq) ? seq.items : []) {
    if (!isMap(item)) continue;
    const name = textOf(item.get('Name', true));
    if (name !== undefined) out.set(name, { item, value: item.get(valueKey, true) });
  }
  return out;
}

function rewriteContainer(ctx: CfnContext, r: Resource, node: YAMLMap, read: SecretValue[]): void {
  const c: EcsContainer = {
    r,
    node,
    name: textOf(node.get('Name', true)) ?? r.id,
    env: entries(node, 'Environment', 'Value'),
    secrets: entries(node, 'Secrets', 'ValueFrom'),
  };
  const literal = new Map<string, string>();
  const matched: string[] = [];
  const bootstrapVars = new Set<string>();
  for (const [k, e] of c.env) {
    const refs = collectRefs(e.value);
    if (refs.some((x) => ctx.a.lookups.has(x.target))) {
      matched.push(`Environment ${k} = ${refs.map((x) => x.target + (x.attr ? `.${x.attr}` : '')).join(', ')}`);
      literal.set(k, ctx.spec.bootstrapServers.join(','));
      bootstrapVars.add(k);
    } else {
      const v = textOf(e.value);
      if (v !== undefined) literal.set(k, v);
    }
  }
  const binding = ctx.bindings?.clients.get(c.name) ?? ctx.bindings?.clients.get(`${r.id}/${c.name}`);
  const facts: ServiceFacts = {
    name: c.name,
    ...(textOf(node.get('Image', true)) ? { image: textOf(node.get('Image', true)) } : {}),
    env: literal,
  };
  if (matched.length === 0 && !binding) return;
  const { family } = chooseFamily(facts, binding?.family, binding?.env !== undefined);
  const at = node.get('Name', true) as Node;
  const item: RewiredItem = {
    service: `${r.id} container ${c.name}`,
    family: family?.family ?? 'bootstrap-only',
    matched,
    changed: [],
    notes: [],
    at: { file: ctx.a.t.source.path, start: 0, end: 0 },
  };
  item.at = { file: ctx.a.t.source.path, start: at?.range?.[0] ?? 0, end: at?.range?.[1] ?? 0 };
  const wanted = new Map<string, CfnValue>();
  const secretVars = new Map<string, SecretValue>();
  for (const k of bootstrapVars) wanted.set(k, ctx.params.bootstrap(ctx.spec.bootstrapServers));
  if (!family) {
    if (needsSecurity(ctx.spec)) {
      report(
        ctx,
        'CFN_CLIENT_UNKNOWN_FAMILY',
        'error',
        at,
        `container "${c.name}" of ${r.id} uses Kafka (${matched[0] ?? 'declared'}) but graft cannot tell how it reads ${ctx.spec.securityProtocol} settings`,
        `declare it in graft.yaml: kafka.clients.${c.name}: { family: env, env: { ... } }`,
      );
      return;
    }
    item.notes.push('no client family recognized; only the bootstrap address was rewired (PLAINTEXT needs nothing more)');
  } else if (supported(ctx, family, c, at, binding?.supports)) {
    const emission = family.emit({
      spec: ctx.spec,
      service: facts,
      ...(binding ? { binding } : {}),
      bootstrap: ctx.spec.bootstrapServers.join(','),
      mountSecret: (secret) => ({ dir: ECS_NO_FILES, name: ecsSecretEnvName(secret), path: `${ECS_NO_FILES}/${ecsSecretEnvName(secret)}` }),
    });
    for (const p of emission.problems)
      report(
        ctx,
        p.code === 'CLIENT_MECHANISM_UNSUPPORTED' ? 'CFN_CLIENT_MECHANISM_UNSUPPORTED' : 'CFN_CLIENT_PROBLEM',
        p.severity,
        at,
        p.message,
        p.help,
      );
    applyEmission(ctx, c, family, emission, at, wanted, secretVars, item, binding);
  }
  applyNaming(ctx, `${r.id}/${c.name}`, family, binding, literal, wanted, at);
  write(ctx, c, wanted, secretVars, item, read);
  ctx.plan.rewired.push(item);
}

function supported(
  ctx: CfnContext,
  family: ClientFamily,
  c: EcsContainer,
  at: Node,
  supports?: { awsMskIam?: boolean; oauthbearer?: boolean },
): boolean {
  const m = ctx.spec.sasl?.mechanism;
  const vouched = (m === 'AWS_MSK_IAM' && supports?.awsMskIam) || (m === 'OAUTHBEARER' && supports?.oauthbearer);
  if (!m || !ctx.spec.securityProtocol.startsWith('SASL') || family.mechanisms.includes(m) || vouched) return true;
  report(
    ctx,
    'CFN_CLIENT_MECHANISM_UNSUPPORTED',
    'error',
    at,
    `container "${c.name}" of ${c.r.id} (family ${family.family}) cannot use SASL ${m} from configuration alone`,
    m === 'AWS_MSK_IAM'
      ? 'if the image ships aws-msk-iam-auth, vouch for it in graft.yaml (supports.awsMskIam: true)'
      : `the customer must offer one of: ${family.mechanisms.join(', ')}`,
  );
  return false;
}

function applyEmission(
  ctx: CfnContext,
  c: EcsContainer,
  family: ClientFamily,
  e: Emission,
  at: Node,
  wanted: Map<string, CfnValue>,
  secretVars: Map<string, SecretValue>,
  item: RewiredItem,
  binding: ClientBinding | undefined,
): void {
  const byEnv = new Map(ctx.secrets.map((s) => [ecsSecretEnvName(s), s]));
  const fail = (code: 'CFN_ECS_SECRET_FILE' | 'CFN_ECS_COMPOSITE_SECRET', key: string, what: string): void =>
    report(
      ctx,
      code,
      'error',
      at,
      `container "${c.name}" of ${c.r.id} (family ${family.family}) needs ${what} in ${key}, which an ECS task definition cannot provide`,
      code === 'CFN_ECS_SECRET_FILE'
        ? 'ECS injects secrets only as environment variables: use a family that reads the value from a variable (graft.yaml family env with value bindings), or have the customer use a public CA / no client certificate'
        : 'bind the container as family env with one variable per secret in graft.yaml, so each secret is injected on its own',
    );
  const current = [...c.env.keys(), ...c.secrets.keys()];
  for (const k of staleSecuritySettings(family.family, current, Object.keys(e.env), binding)) {
    wanted.set(k, DELETE);
    const entry = c.env.get(k) ?? c.secrets.get(k);
    const node = entry?.item ?? at;
    ctx.plan.removed.push({
      kind: 'env',
      name: k,
      from: `${c.r.id}/${c.name}`,
      reason: staleReason(k),
      at: { file: ctx.a.t.source.path, start: node.range?.[0] ?? 0, end: node.range?.[1] ?? 0 },
    });
  }
  const usesEnvProvider = usesProviderFiles(Object.values(e.env).filter((v): v is string => typeof v === 'string'));
  for (const [k, v] of Object.entries(e.env)) {
    if (typeof v !== 'string') {
      const [only] = v.parts;
      if (v.parts.length === 1 && only !== undefined && typeof only !== 'string') secretVars.set(k, only.secret);
      else
        fail(
          'CFN_ECS_COMPOSITE_SECRET',
          k,
          `a value built around ${v.parts
            .filter((p) => typeof p !== 'string')
            .map((p) => p.secret.path)
            .join(', ')}`,
        );
      continue;
    }
    const setting = ecsSetting(family.family, k, v, usesEnvProvider);
    if (setting.text === undefined) continue;
    const text = setting.text;
    if (setting.file) {
      fail('CFN_ECS_SECRET_FILE', k, `a secret file (${text})`);
      continue;
    }
    for (const name of secretEnvNamesIn(text)) {
      const s = byEnv.get(name);
      if (s) secretVars.set(name, s);
    }
    wanted.set(k, valueFor(ctx, k, text));
  }
  if (usesEnvProvider)
    item.notes.push(`secrets reach the client as \${secrets:GRAFT_…} placeholders resolved by ${ENV_VAR_PROVIDER} (kafka-clients ≥ 3.5)`);
  if (Object.values(e.env).some((v) => typeof v === 'string' && /\$\{GRAFT_/.test(v)) && family.family === 'spring-boot')
    item.notes.push('Spring Boot resolves the ${GRAFT_…} placeholders from the secrets ECS injects as environment variables');
  if (e.files && Object.keys(e.files).length) fail('CFN_ECS_SECRET_FILE', Object.keys(e.files).join(', '), 'generated files');
  if (e.properties) fail('CFN_ECS_SECRET_FILE', e.properties.file, 'settings in a properties file inside the image');
  item.notes.push(...e.notes.filter((n) => !n.includes('config tree')));
}

/** Marks a variable to delete. */
const DELETE: CfnValue = { __graftDelete: true };

function valueFor(ctx: CfnContext, key: string, text: string): CfnValue {
  const boot = ctx.spec.bootstrapServers.join(',');
  if (text === boot) return ctx.params.bootstrap(ctx.spec.bootstrapServers);
  if (text.includes(boot)) {
    ctx.params.bootstrap(ctx.spec.bootstrapServers);
    return sub(text.replace(/\$\{/g, '${!').split(boot).join('${GraftKafkaBootstrapServers}'));
  }
  if (/SECURITY_PROTOCOL$/.test(key) && text === ctx.spec.securityProtocol) {
    return ctx.params.use({
      name: 'GraftKafkaSecurityProtocol',
      type: 'String',
      description: "Security protocol of the customer's Kafka cluster",
      default: text,
      inFile: true,
    });
  }
  if (/SASL_MECHANISMS?$/.test(key) && text === ctx.spec.sasl?.mechanism) {
    return ctx.params.use({
      name: 'GraftKafkaSaslMechanism',
      type: 'String',
      description: "SASL mechanism of the customer's Kafka cluster",
      default: text,
      inFile: true,
    });
  }
  return text;
}

function write(
  ctx: CfnContext,
  c: EcsContainer,
  wanted: Map<string, CfnValue>,
  secretVars: Map<string, SecretValue>,
  item: RewiredItem,
  read: SecretValue[],
): void {
  const { ed } = ctx;
  const envSeq = c.node.get('Environment', true) as YAMLSeq | undefined;
  const secSeq = c.node.get('Secrets', true) as YAMLSeq | undefined;
  const newEnv: CfnValue[] = [];
  const newSecrets: CfnValue[] = [];
  for (const [k, v] of wanted) {
    const e = c.env.get(k);
    if (v === DELETE || secretVars.has(k)) {
      if (e && envSeq) {
        ed.remove(envSeq, e.item);
        for (const x of collectRefs(e.value)) ctx.handled.add(x.node);
        item.changed.push(v === DELETE ? `-${k}` : k);
      }
      const secret = c.secrets.get(k);
      if (v === DELETE && secret && secSeq) {
        ed.remove(secSeq, secret.item);
        for (const x of collectRefs(secret.value)) ctx.handled.add(x.node);
        item.changed.push(`-${k}`);
      }
      continue;
    }
    if (c.secrets.get(k) && secSeq) ed.remove(secSeq, c.secrets.get(k)?.item as YAMLMap);
    if (e) {
      if (typeof v === 'string' && textOf(e.value) === v) continue;
      for (const x of collectRefs(e.value)) ctx.handled.add(x.node);
      const pair = pairOf(e.item, 'Value');
      if (e.value && pair) ed.replaceNode(e.value as Node, v, pair);
      else newEnv.push({ Name: k, Value: v });
    } else newEnv.push({ Name: k, Value: v });
    item.changed.push(k);
  }
  for (const [k, s] of [...secretVars].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const aws = awsSecretOf(s.secretRef);
    if (!aws) {
      report(
        ctx,
        'CFN_SECRET_STORE_UNSUPPORTED',
        'error',
        c.node.get('Name', true),
        `container "${c.name}" of ${c.r.id} needs ${s.path} (${describeSecretRef(s)}), but ECS reads secrets only from Secrets Manager or SSM Parameter Store`,
        `reference ${s.path} as awsSecretsManager: { arn, key } or awsSsm: { name } in the customer spec`,
      );
      continue;
    }
    const param = ctx.params.secret(s, ctx.secrets);
    if (!param) continue;
    const valueFrom =
      aws.store === 'secretsManager' && aws.key !== undefined
        ? sub(ecsValueFrom(aws, `\${${param.arg as string}}`))
        : ref(param.arg as string);
    const existing = c.secrets.get(k);
    if (existing && secSeq) ed.remove(secSeq, existing.item);
    newSecrets.push({ Name: k, ValueFrom: valueFrom });
    item.changed.push(k);
    noteSecret(ctx, s, describeSecretRef(s), `${c.r.id}/${c.name}`);
    read.push(s);
  }
  if (newSecrets.length)
    item.notes.push('the task execution role must be allowed to read the secrets (secretsmanager:GetSecretValue / ssm:GetParameters)');
  append(ctx, c.node, 'Environment', envSeq, newEnv);
  append(ctx, c.node, 'Secrets', secSeq, newSecrets);
}

function append(ctx: CfnContext, node: YAMLMap, key: string, seq: YAMLSeq | undefined, items: CfnValue[]): void {
  if (items.length === 0) return;
  // `Environment:` left empty reads as null, not as a list
  if (!isSeq(seq)) seq = undefined;
  const remaining = seq ? seq.items.filter((i) => !ctx.ed.isRemoved(seq, i as YAMLMap)) : [];
  // an empty YAML list (`Secrets: []`) is appended to like any other; the editor writes it as a block list
  if (seq && isSeq(seq) && (remaining.length > 0 || (seq.items.length === 0 && !ctx.ed.t.json))) ctx.ed.appendItems(seq, items);
  else if (seq && isSeq(seq)) {
    ctx.ed.unremove(seq);
    const pair = pairOf(node, key);
    if (pair) ctx.ed.replaceNode(seq, items, pair);
  } else ctx.ed.appendEntries(node, [[key, items]]);
}
