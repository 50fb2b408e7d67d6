import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, stringify, type Node } from 'yaml';
import { compileStack, type CompileResult } from '../../src/compile/pipeline.js';
import type { TestbedState } from '../../testbed/kafka/index.js';
import { RUNNERS, type RunnerName } from '../../testbed/runners/index.js';
import { render } from './compile-setup.js';
import type { ContainerView } from './compose-service.js';
import { launchImage } from './images.js';
import { startEcsContainer, type EcsContainerSpec, type EcsStart, type EcsTask } from './ecs-init.js';
import { RUNNER_LABEL } from './families.js';
import { createSecretStore, type TestSecretStore } from './secret-store.js';
import type { Setup } from './setups.js';

// The ECS side of the conformance matrix: examples/conformance-ecs (a CloudFormation template) compiled for
// one setup, and each task definition's container started the way the ECS agent starts it, without AWS:
// `Environment` as given, each `Secrets` entry's `ValueFrom` (`<secret arn>:<json key>::`, or an SSM
// parameter ARN) read from a stand-in Secrets Manager into its variable — a task execution role whose inline
// policies do not allow the read, a missing secret or JSON key stop the task, as ECS's
// ResourceInitializationError does — with the template's parameters at the
// values of the compiled stack.graft-parameters.json, else their defaults. The setup's secrets become
// JSON keys of one Secrets Manager secret the customer owns. A Confluent Connect image is played by the java
// runner behind a stand-in of its entrypoint (images.ts).

/** The Secrets Manager secret holding the customer's credentials. */
export const CUSTOMER_SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:customer-kafka-AbCdEf';
/** The ECS example stack. */
export const ECS_EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'conformance-ecs');
const TEMPLATE = 'stack.yaml';

/** Secrets Manager (JSON secrets by ARN) and SSM parameters (by ARN), as the task execution role would read them. */
export type AwsSecrets = Record<string, Record<string, string> | string>;
/** The customer-managed KMS key each secret or parameter (by ARN) is encrypted with; absent: the AWS-managed key. */
export type AwsKeys = Record<string, string>;

/** The ECS agent could not start the task. */
export class TaskStartError extends Error {}

/** A container of the example and the runner that plays it. */
export interface EcsExampleService {
  service: string;
  runner: RunnerName;
}

interface ContainerDef {
  resource: string;
  node: Node;
}

type Dict = Record<string, unknown>;

function containerDefs(text: string): ContainerDef[] {
  const doc = parseDocument(text, { customTags: CFN_TAGS });
  const resources = doc.get('Resources', true);
  if (!isMap(resources)) return [];
  return resources.items.flatMap((p) => {
    const r = p.value;
    if (!isMap(r) || String((r.get('Type', true) as { value?: unknown } | undefined)?.value) !== 'AWS::ECS::TaskDefinition') return [];
    const defs = r.getIn(['Properties', 'ContainerDefinitions'], true);
    return isSeq(defs) ? defs.items.map((node) => ({ resource: String((p.key as { value: unknown }).value), node: node as Node })) : [];
  });
}

// CloudFormation's short-form tags, kept on their nodes (`node.tag`) so that a template prints back unchanged.
const CFN_TAGS = [
  'Ref',
  'Sub',
  'GetAtt',
  'Join',
  'Select',
  'Split',
  'ImportValue',
  'If',
  'Base64',
  'FindInMap',
  'GetAZs',
  'Equals',
  'Not',
  'And',
  'Or',
  'Condition',
  'Cidr',
].flatMap((name) => [
  { tag: `!${name}`, resolve: (v: string) => v },
  { tag: `!${name}`, collection: 'seq' as const, resolve: (v: unknown) => v },
  { tag: `!${name}`, collection: 'map' as const, resolve: (v: unknown) => v },
]);

const json = (node: Node): Dict => (node as unknown as { toJSON(): Dict }).toJSON();

/** The example's containers that carry the runner label, in file order. */
export function ecsExampleServices(): EcsExampleService[] {
  return containerDefs(readFileSync(join(ECS_EXAMPLE, TEMPLATE), 'utf8')).flatMap(({ node }) => {
    const c = json(node);
    const runner = (c['DockerLabels'] as Record<string, string> | undefined)?.[RUNNER_LABEL];
    if (runner === undefined) return [];
    if (!(RUNNERS as readonly string[]).includes(runner)) throw new Error(`container ${String(c['Name'])}: unknown runner ${runner}`);
    return [{ service: String(c['Name']), runner: runner as RunnerName }];
  });
}

/** The template's parameter values: the compiled parameters file over the defaults. */
function parameters(stackDir: string): Map<string, string> {
  const out = new Map<string, string>();
  const doc = parseDocument(readFileSync(join(stackDir, TEMPLATE), 'utf8'), { customTags: CFN_TAGS }).toJSON() as Dict;
  for (const [k, v] of Object.entries((doc['Parameters'] as Record<string, Dict> | undefined) ?? {}))
    if (typeof v['Default'] === 'string' || typeof v['Default'] === 'number') out.set(k, String(v['Default']));
  const file = join(stackDir, 'stack.graft-parameters.json');
  if (existsSync(file))
    for (const p of JSON.parse(readFileSync(file, 'utf8')) as { ParameterKey: string; ParameterValue: string }[])
      out.set(p.ParameterKey, p.ParameterValue);
  return out;
}

// Evaluates the intrinsics graft writes into a container definition: literals, !Ref and !Sub of parameters.
function evaluate(node: unknown, params: ReadonlyMap<string, string>): string {
  const param = (name: string): string => {
    const value = name === 'AWS::Region' ? 'us-east-1' : name === 'AWS::AccountId' ? '111122223333' : params.get(name);
    if (value === undefined) throw new Error(`parameter ${name} has no value`);
    return value;
  };
  if (!isScalar(node)) throw new Error(`cannot evaluate ${JSON.stringify(node)}`);
  const text = typeof node.value === 'string' ? node.value : JSON.stringify(node.value);
  if (node.tag === '!Ref') return param(text);
  if (node.tag === '!Sub')
    return text.replace(/\$\{(!?)([^}]*)\}/g, (_m, bang: string, name: string) => (bang ? `\${${name}}` : param(name)));
  if (node.tag) throw new Error(`cannot evaluate ${node.tag} ${text}`);
  return text;
}

// The `Name`/`Value` (or `ValueFrom`) pairs of a list in a container definition.
function pairs(def: Node, list: string, value: string): [string, unknown][] {
  const seq = isMap(def) ? def.get(list, true) : undefined;
  if (!isSeq(seq)) return [];
  return seq.items.flatMap((item) => (isMap(item) ? [[String(item.get('Name')), item.get(value, true)] as [string, unknown]] : []));
}

/** An IAM statement of a role's policy, evaluated: Allow statements only. */
export interface AllowStatement {
  actions: string[];
  resources: string[];
  /** `Condition`: operator → key → values; a statement applies only when every condition holds. */
  conditions?: Record<string, Record<string, string[]>>;
}

// IAM's wildcards: `*` any run of characters, `?` one; actions compare case-insensitively
function iamMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    ignoreCase ? 'i' : '',
  );
  return re.test(value);
}

// IAM's string condition operators on the request's context keys; an operator the harness does not model never holds
function conditionsHold(conditions: AllowStatement['conditions'], context: Readonly<Record<string, string>>): boolean {
  return Object.entries(conditions ?? {}).every(([op, keys]) =>
    Object.entries(keys).every(([key, values]) => {
      const actual = Object.entries(context).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
      if (actual === undefined) return op.endsWith('IfExists');
      const base = op.replace(/IfExists$/, '');
      if (base === 'StringEquals') return values.includes(actual);
      if (base === 'StringEqualsIgnoreCase') return values.some((v) => v.toLowerCase() === actual.toLowerCase());
      if (base === 'StringLike') return values.some((v) => iamMatch(v, actual));
      return false;
    }),
  );
}

/**
 * Whether a role's statements allow an action on a resource in a request context (AWS managed policies grant no
 * secret reads here).
 */
export function allows(
  statements: readonly AllowStatement[],
  action: string,
  resource: string,
  context: Readonly<Record<string, string>> = {},
): boolean {
  return statements.some(
    (s) =>
      s.actions.some((a) => iamMatch(a, action, true)) &&
      s.resources.some((r) => iamMatch(r, resource)) &&
      conditionsHold(s.conditions, context),
  );
}

/**
 * What ECS checks before it injects `Secrets`: the task execution role may call secretsmanager:GetSecretValue on the
 * secret (ssm:GetParameters on the parameter), and, when the value is encrypted with a customer-managed key, kms:Decrypt
 * on that key through the storing service (the request's `kms:ViaService`); otherwise the task stops with ECS's
 * AccessDeniedException.
 */
export function checkExecutionRole(
  role: string | undefined,
  statements: readonly AllowStatement[],
  valueFrom: string,
  keys: AwsKeys = {},
): void {
  const sm = /^(arn:aws:secretsmanager:[^:]+:\d+:secret:[^:]+)/.exec(valueFrom)?.[1];
  const action = sm ? 'secretsmanager:GetSecretValue' : 'ssm:GetParameters';
  const resource =
    sm ?? (valueFrom.startsWith('arn:') ? valueFrom : `arn:aws:ssm:us-east-1:111122223333:parameter/${valueFrom.replace(/^\//, '')}`);
  if (role === undefined)
    throw new TaskStartError(`ResourceInitializationError: the task definition has no execution role to retrieve ${resource} with`);
  if (!allows(statements, action, resource))
    throw new TaskStartError(
      `ResourceInitializationError: unable to pull secrets: AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/${role}/task is not authorized to perform: ${action} on resource: ${resource}`,
    );
  const key = keys[resource] ?? keys[valueFrom];
  if (key === undefined) return;
  const region = resource.split(':')[3] ?? '';
  const via = `${sm ? 'secretsmanager' : 'ssm'}.${region}.amazonaws.com`;
  if (!allows(statements, 'kms:Decrypt', key, { 'kms:ViaService': via }))
    throw new TaskStartError(
      `ResourceInitializationError: unable to pull secrets: AccessDeniedException: Access to KMS is not allowed: User: arn:aws:sts::111122223333:assumed-role/${role}/task is not authorized to perform: kms:Decrypt on resource: ${key} (via ${via}) to read ${resource}`,
    );
}

// The inline policies of the template's role a task definition's ExecutionRoleArn names (!GetAtt X.Arn / !Ref X).
function executionRole(
  text: string,
  resource: string,
  params: ReadonlyMap<string, string>,
): { role?: string; statements: AllowStatement[] } {
  const doc = parseDocument(text, { customTags: CFN_TAGS });
  const arn = doc.getIn(['Resources', resource, 'Properties', 'ExecutionRoleArn'], true);
  if (!isScalar(arn)) return { statements: [] };
  const role = String(arn.value).replace(/\.Arn$/, '');
  const policies = doc.getIn(['Resources', role, 'Properties', 'Policies'], true);
  const statements: AllowStatement[] = [];
  const list = (n: unknown): unknown[] => (isSeq(n) ? n.items : n === undefined ? [] : [n]);
  for (const p of list(policies)) {
    if (!isMap(p)) continue;
    for (const st of list(p.getIn(['PolicyDocument', 'Statement'], true))) {
      if (!isMap(st) || String(st.get('Effect')) !== 'Allow') continue;
      const condition = st.get('Condition', true);
      const conditions: NonNullable<AllowStatement['conditions']> = {};
      for (const op of isMap(condition) ? condition.items : []) {
        if (!isMap(op.value)) continue;
        conditions[String((op.key as { value: unknown }).value)] = Object.fromEntries(
          op.value.items.map((k) => [String((k.key as { value: unknown }).value), list(k.value).map((v) => evaluate(v, params))]),
        );
      }
      statements.push({
        actions: list(st.get('Action', true)).map((a) => evaluate(a, params)),
        resources: list(st.get('Resource', true)).map((r) => evaluate(r, params)),
        ...(condition !== undefined ? { conditions } : {}),
      });
    }
  }
  return { role, statements };
}

/** A container of the compiled template as the ECS agent would start it (its own values; see `runTask` for its order). */
export function startTask(stackDir: string, service: string, secrets: AwsSecrets, scratch: string, keys: AwsKeys = {}): ContainerView {
  return prepareTask(stackDir, service, secrets, scratch, keys).view;
}

/** A container of the compiled template as the ECS agent would start it, after the containers it depends on. */
export async function runTask(
  stackDir: string,
  service: string,
  secrets: AwsSecrets,
  scratch: string,
  keys: AwsKeys = {},
): Promise<EcsStart> {
  const t = prepareTask(stackDir, service, secrets, scratch, keys);
  return startEcsContainer(t.containers, t.volumes, service, t.view, scratch);
}

function prepareTask(stackDir: string, service: string, secrets: AwsSecrets, scratch: string, keys: AwsKeys): EcsTask {
  const text = readFileSync(join(stackDir, TEMPLATE), 'utf8');
  const def = containerDefs(text).find(({ node }) => json(node)['Name'] === service);
  if (!def) throw new Error(`compiled template has no container ${service}`);
  const c = json(def.node);
  const params = parameters(stackDir);
  const { role, statements } = executionRole(text, def.resource, params);
  const specOf = (node: Node): EcsContainerSpec => {
    const d = json(node);
    const env: Record<string, string> = {};
    for (const [name, value] of pairs(node, 'Environment', 'Value')) env[name] = evaluate(value, params);
    for (const [name, value] of pairs(node, 'Secrets', 'ValueFrom')) {
      const from = evaluate(value, params);
      checkExecutionRole(role, statements, from, keys);
      env[name] = secretValue(from, secrets);
    }
    const argv = [...((d['EntryPoint'] as string[] | undefined) ?? []), ...((d['Command'] as string[] | undefined) ?? [])];
    return {
      name: String(d['Name']),
      image: String(d['Image']),
      essential: d['Essential'] !== false,
      ...(typeof d['User'] === 'string' || typeof d['User'] === 'number' ? { user: String(d['User']) } : {}),
      env,
      ...(argv.length > 0 ? { argv } : {}),
      dependsOn: ((d['DependsOn'] as Dict[] | undefined) ?? []).map((x) => ({
        container: String(x['ContainerName']),
        condition: String(x['Condition']),
      })),
      mountPoints: ((d['MountPoints'] as Dict[] | undefined) ?? []).map((x) => ({
        volume: String(x['SourceVolume']),
        path: String(x['ContainerPath']),
        readOnly: x['ReadOnly'] === true,
      })),
    };
  };
  const app = specOf(def.node);
  const containers = new Map<string, EcsContainerSpec>([[app.name, app]]);
  for (const other of containerDefs(text).filter((x) => x.resource === def.resource && x.node !== def.node)) {
    const d = json(other.node);
    // a container the app depends on is started; the others are not this run's
    if (app.dependsOn.some((x) => x.container === d['Name'])) containers.set(String(d['Name']), specOf(other.node));
  }
  const doc = parseDocument(text, { customTags: CFN_TAGS }).toJSON() as Dict;
  const task = ((doc['Resources'] as Record<string, Dict>)[def.resource]?.['Properties'] ?? {}) as Dict;
  const volumes = new Map(
    ((task['Volumes'] as Dict[] | undefined) ?? []).map((v) => [String(v['Name']), Object.keys(v).filter((k) => k !== 'Name')]),
  );
  const labels = (c['DockerLabels'] as Record<string, string> | undefined) ?? {};
  const known = new Set([
    'Name',
    'Image',
    'Essential',
    'DockerLabels',
    'Environment',
    'Secrets',
    'PortMappings',
    'LogConfiguration',
    'DependsOn',
    'MountPoints',
  ]);
  const view: ContainerView = {
    service,
    env: app.env,
    mounts: [],
    labels,
    command:
      c['Command'] || c['EntryPoint'] ? [...((c['EntryPoint'] as string[]) ?? []), ...((c['Command'] as string[]) ?? [])] : undefined,
    unmodeled: Object.keys(c).filter((k) => !known.has(k)),
    warnings: [],
  };
  return { containers, volumes, view: launchImage(String(c['Image']), view, scratch) };
}

// `arn:aws:secretsmanager:<region>:<account>:secret:<name>:<json-key>:<version-stage>:<version-id>` or an SSM parameter ARN.
export function secretValue(valueFrom: string, secrets: AwsSecrets): string {
  const sm = /^(arn:aws:secretsmanager:[^:]+:\d+:secret:[^:]+)(?::([^:]*):([^:]*):([^:]*))?$/.exec(valueFrom);
  const arn = sm?.[1] ?? valueFrom;
  const stored = secrets[arn];
  if (stored === undefined)
    throw new TaskStartError(`ResourceInitializationError: unable to retrieve secret from asm: secret ${arn} not found`);
  const key = sm?.[2];
  if (!key) return typeof stored === 'string' ? stored : JSON.stringify(stored);
  const value = typeof stored === 'string' ? undefined : stored[key];
  if (value === undefined)
    throw new TaskStartError(`ResourceInitializationError: retrieved secret from Secrets Manager did not contain json key ${key}`);
  return value;
}

/** One setup compiled for ECS. */
export interface CompiledEcsSetup {
  store: TestSecretStore;
  secrets: AwsSecrets;
  refused: Map<string, string[]>;
  result: CompileResult;
  stackDir: string;
}

/** Replaces every `{ file }` / `{ env }` reference of a spec with a JSON key of the customer's Secrets Manager secret. */
export function toAwsRefs(spec: unknown, store: TestSecretStore): { spec: unknown; secrets: AwsSecrets } {
  const json: Record<string, string> = {};
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const ref = (v as { secretRef?: { file?: string; env?: string } }).secretRef;
    if (ref && (ref.file !== undefined || ref.env !== undefined)) {
      const key = ref.file !== undefined ? basename(ref.file) : (ref.env ?? '');
      const value = ref.file !== undefined ? readFileSync(ref.file, 'utf8') : store.vars[key];
      if (value === undefined) throw new Error(`setup references env ${key}, which the store does not hold`);
      json[key] = value;
      return { secretRef: { awsSecretsManager: { arn: CUSTOMER_SECRET_ARN, key } } };
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
  };
  return { spec: walk(spec), secrets: { [CUSTOMER_SECRET_ARN]: json } };
}

/** Compiles the ECS example (or a copy of it with more resources, `example`) for one setup under `dir`. */
export function compileEcsSetup(setup: Setup, tb: TestbedState, dir: string, example = ECS_EXAMPLE): CompiledEcsSetup {
  return compileAwsSetup(
    example,
    (result) => attributeEcsErrors(result, example),
    (to, services) => pruneEcsStack(to, services, example),
    setup,
    tb,
    dir,
  );
}

/**
 * Compiles an AWS example (CloudFormation or Terraform) for one setup under `dir`, with the customer's secrets in a
 * stand-in Secrets Manager: the services graft refuses (`attribute`) are removed from a copy of the example (`prune`)
 * and the copy compiled again, which must then compile cleanly; the compiled stack is written to `dir/stack`.
 */
export function compileAwsSetup(
  example: string,
  attribute: (result: CompileResult) => Map<string, string[]>,
  prune: (to: string, services: readonly string[]) => void,
  setup: Setup,
  tb: TestbedState,
  dir: string,
): CompiledEcsSetup {
  const store = createSecretStore(join(dir, 'store'));
  const { spec, secrets } = toAwsRefs(setup.spec(tb, store), store);
  const specFile = join(dir, 'customer-kafka.yaml');
  writeFileSync(specFile, stringify({ apiVersion: 'graft.dev/v1', kind: 'CustomerKafka', ...(spec as object) }));
  const first = compileStack({ stack: example, spec: specFile });
  const refused = attribute(first);
  let result = first;
  if (refused.size > 0) {
    const pruned = join(dir, 'origin');
    prune(pruned, [...refused.keys()]);
    result = compileStack({ stack: pruned, spec: specFile });
    const left = result.diagnostics.filter((d) => d.severity === 'error');
    if (left.length > 0) throw new Error(`errors left after removing ${[...refused.keys()].join(', ')}:\n${render(result, left)}`);
  }
  const stackDir = join(dir, 'stack');
  for (const f of result.files) {
    mkdirSync(dirname(join(stackDir, f.path)), { recursive: true });
    writeFileSync(join(stackDir, f.path), f.content);
  }
  return { store, secrets, refused, result, stackDir };
}

// Each error belongs to the container its message names (`container "x"`), else to the task definition holding its subject.
function attributeEcsErrors(result: CompileResult, example = ECS_EXAMPLE): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const file = join(example, TEMPLATE);
  const text = readFileSync(file, 'utf8');
  const defs = containerDefs(text).map(({ node }) => ({
    name: String(json(node)['Name']),
    start: node.range?.[0] ?? 0,
    end: node.range?.[2] ?? 0,
  }));
  for (const d of result.diagnostics.filter((x) => x.severity === 'error')) {
    const byMessage = /container "([^"]+)"/.exec(d.message)?.[1];
    const s = d.subject;
    const bySpan = s?.file === file ? defs.find((r) => s.start >= r.start && s.start < r.end)?.name : undefined;
    const name = byMessage ?? bySpan;
    if (!name) throw new Error(`an error about no container:\n${render(result, [d])}`);
    out.set(name, [...new Set([...(out.get(name) ?? []), d.code])].sort());
  }
  return out;
}

// Copies the example without the task definitions of the given containers and their bindings.
export function pruneEcsStack(to: string, services: readonly string[], example = ECS_EXAMPLE): void {
  cpSync(example, to, { recursive: true });
  const doc = parseDocument(readFileSync(join(to, TEMPLATE), 'utf8'), { customTags: CFN_TAGS });
  for (const { resource, node } of containerDefs(readFileSync(join(to, TEMPLATE), 'utf8')))
    if (services.includes(String(json(node)['Name']))) doc.deleteIn(['Resources', resource]);
  writeFileSync(join(to, TEMPLATE), doc.toString());
  const bindings = parseDocument(readFileSync(join(to, 'graft.yaml'), 'utf8'));
  for (const s of services) bindings.deleteIn(['kafka', 'clients', s]);
  writeFileSync(join(to, 'graft.yaml'), bindings.toString());
  if (!isScalar(doc.get('AWSTemplateFormatVersion', true))) throw new Error('pruned template lost its header');
}

/** Deletes a key of a container definition of the compiled template (to break graft's rendering on purpose). */
export function deleteContainerKey(stackDir: string, container: string, key: string): void {
  const file = join(stackDir, TEMPLATE);
  const text = readFileSync(file, 'utf8');
  const doc = parseDocument(text, { customTags: CFN_TAGS });
  const def = containerDefs(text).find(({ node }) => json(node)['Name'] === container);
  if (!def) throw new Error(`compiled template has no container ${container}`);
  const defs = doc.getIn(['Resources', def.resource, 'Properties', 'ContainerDefinitions'], true);
  const node = isSeq(defs) ? defs.items.find((n) => isMap(n) && n.get('Name') === container) : undefined;
  if (!isMap(node) || !node.has(key)) throw new Error(`container ${container} has no ${key}`);
  node.delete(key);
  writeFileSync(file, doc.toString());
}
