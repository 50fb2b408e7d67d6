import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import type { compileStack } from '../../src/compile/pipeline.js';
import { envTargets, type EnvTarget } from '../../src/formats/terraform/clients.js';
import { kid, kids, type Node } from '../../src/formats/terraform/hcl.js';
import {
  attribute,
  attrValue,
  blockType,
  bodyOf,
  nestedBlocks,
  parseModule,
  refsWithin,
  stringValue,
  type TfModule,
} from '../../src/formats/terraform/parse.js';
import type { TestbedState } from '../../testbed/kafka/index.js';
import { RUNNERS, type RunnerName } from '../../testbed/runners/index.js';
import { render } from './compile-setup.js';
import type { ContainerView } from './compose-service.js';
import {
  checkExecutionRole,
  compileAwsSetup,
  secretValue,
  type AllowStatement,
  type AwsKeys,
  type AwsSecrets,
  type CompiledEcsSetup,
  type EcsExampleService,
} from './ecs-task.js';
import { RUNNER_LABEL } from './families.js';
import { launchImage } from './images.js';
import { startEcsContainer, type EcsContainerSpec, type EcsStart, type EcsTask } from './ecs-init.js';
import type { Setup } from './setups.js';

// The ECS side of the conformance matrix for Terraform: examples/conformance-ecs-terraform compiled for one setup, and
// each `aws_ecs_task_definition` container started the way the ECS agent starts it, without AWS: `environment` as
// given, each `secrets` entry's `valueFrom` read from the stand-in Secrets Manager — only when the task's execution
// role (an `aws_iam_role` of the module) has an `aws_iam_role_policy` allowing the read, as in ecs-task.ts — with the
// module's variables at the values of the compiled graft_kafka.auto.tfvars. The compiled HCL is read with graft's own
// tree-sitter model; the expressions graft writes (strings, `var.x`, `"${var.x}:key::"`, the data sources of an SSM
// parameter ARN) are evaluated here.

/** The Terraform ECS example stack. */
export const TF_ECS_EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'conformance-ecs-terraform');

function moduleOf(dir: string): TfModule {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.tf'))
    .sort()
    .map((f) => ({ path: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));
  return parseModule(files, []);
}

function containers(mod: TfModule): EnvTarget[] {
  return [...mod.entities.values()].flatMap((e) => envTargets(e)).filter((t) => t.kind === 'ecs');
}

/** The example's containers that carry the runner label, in file order. */
export function tfEcsExampleServices(): EcsExampleService[] {
  return containers(moduleOf(TF_ECS_EXAMPLE)).flatMap((t) => {
    const runner = new RegExp(`"${RUNNER_LABEL.replace(/\./g, '\\.')}"\\s*=\\s*"([\\w-]+)"`).exec(t.container?.text ?? '')?.[1];
    if (runner === undefined) return [];
    if (!(RUNNERS as readonly string[]).includes(runner)) throw new Error(`container ${t.name}: unknown runner ${runner}`);
    return [{ service: t.name, runner: runner as RunnerName }];
  });
}

/** The value of an HCL string literal's text, escapes undone (`$${` is a literal `${`). */
function hclText(raw: string): string {
  return raw.replace(/\\(["\\nt])/g, (_m, c: string) => ({ n: '\n', t: '\t' })[c] ?? c).replace(/([$%])\1\{/g, '$1{');
}

// What the data sources graft declares for SSM parameter ARNs read as, in the stand-in account.
const DATA: Record<string, string> = {
  'data.aws_partition.graft_kafka.partition': 'aws',
  'data.aws_region.graft_kafka.name': 'us-east-1',
  'data.aws_caller_identity.graft_kafka.account_id': '111122223333',
};

function interpolation(expr: string, vars: ReadonlyMap<string, string>): string {
  const e = expr.trim();
  const v = /^var\.(\w+)$/.exec(e);
  if (v) {
    const value = vars.get(v[1] ?? '');
    if (value === undefined) throw new Error(`variable ${e} has no value`);
    return value;
  }
  const trim = /^trimprefix\((.+),\s*"(.*)"\)$/.exec(e);
  if (trim) {
    const inner = interpolation(trim[1] ?? '', vars);
    return inner.startsWith(trim[2] ?? '') ? inner.slice((trim[2] ?? '').length) : inner;
  }
  const data = DATA[e];
  if (data !== undefined) return data;
  throw new Error(`cannot evaluate ${e}`);
}

/** Evaluates the expression forms graft writes: strings, templates of `${...}`, `var.x`. */
function evaluate(node: Node, vars: ReadonlyMap<string, string>): string {
  const text = node.text.trim();
  if (!text.startsWith('"')) return interpolation(text, vars);
  const literal = stringValue(node);
  if (literal !== undefined) return hclText(literal);
  const m = /^"(.*)"$/s.exec(text);
  if (!m) throw new Error(`cannot evaluate ${text}`);
  return hclText((m[1] ?? '').replace(/\$\{([^{}]*(?:\([^)]*\))?[^{}]*)\}/g, (_x, inner: string) => interpolation(inner, vars)));
}

/** The module's variables: defaults, then graft_kafka.auto.tfvars. */
function variables(mod: TfModule, stackDir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of mod.entities.values()) {
    const def = e.kind === 'variable' ? stringValue(attrValue(attribute(e.body, 'default'))) : undefined;
    if (def !== undefined) out.set(e.name, def);
  }
  let tfvars = '';
  try {
    tfvars = readFileSync(join(stackDir, 'graft_kafka.auto.tfvars'), 'utf8');
  } catch {
    return out;
  }
  for (const m of tfvars.matchAll(/^(\w+)\s*=\s*"(.*)"$/gm)) out.set(m[1] ?? '', hclText(m[2] ?? ''));
  return out;
}

function elems(obj: Node): Map<string, Node> {
  return new Map(
    kids(obj)
      .filter((n) => n.type === 'object_elem')
      .map((el) => [stringValue(el.childForFieldName('key')) ?? el.childForFieldName('key')!.text, el.childForFieldName('val')!]),
  );
}

function listItems(node: Node | undefined): Node[] {
  if (!node) return [];
  const tuple = node.descendantsOfType('tuple')[0];
  if (tuple && node.text.trim().startsWith('[')) return kids(tuple).filter((n) => n.type === 'expression');
  return [node];
}

/** The execution role a task definition names, and the Allow statements of the role policies attached to it. */
function executionRole(mod: TfModule, task: EnvTarget, vars: ReadonlyMap<string, string>): { role?: string; statements: AllowStatement[] } {
  const attr = attribute(task.entity.body, 'execution_role_arn');
  if (!attr) return { statements: [] };
  const ref = refsWithin(mod, task.entity.file, attr.startIndex, attr.endIndex)[0];
  const role = ref && mod.entities.get(ref.target)?.type === 'aws_iam_role' ? ref.target : undefined;
  if (!role) return { role: attrValue(attr)?.text, statements: [] };
  const statements: AllowStatement[] = [];
  for (const p of mod.entities.values()) {
    if (p.kind !== 'resource' || p.type !== 'aws_iam_role_policy') continue;
    const r = attribute(p.body, 'role');
    if (!r || !refsWithin(mod, p.file, r.startIndex, r.endIndex).some((x) => x.target === role)) continue;
    const policy = attrValue(attribute(p.body, 'policy'));
    for (const obj of policy?.descendantsOfType('object') ?? []) {
      if (!obj) continue;
      const el = elems(obj);
      const effect = el.get('Effect');
      if (!effect || evaluate(effect, vars) !== 'Allow') continue;
      const condition = el.get('Condition')?.descendantsOfType('object')[0];
      const conditions: NonNullable<AllowStatement['conditions']> = {};
      for (const [op, keys] of condition ? elems(condition) : []) {
        const inner = keys.descendantsOfType('object')[0];
        conditions[op] = Object.fromEntries(
          [...(inner ? elems(inner) : [])].map(([k, v]) => [k, listItems(v).map((n) => evaluate(n, vars))]),
        );
      }
      statements.push({
        actions: listItems(el.get('Action')).map((n) => evaluate(n, vars)),
        resources: listItems(el.get('Resource')).map((n) => evaluate(n, vars)),
        ...(condition ? { conditions } : {}),
      });
    }
  }
  return { role: role.replace(/^aws_iam_role\./, ''), statements };
}

/** A container of the compiled module as the ECS agent would start it (its own values; see `runTfTask` for its order). */
export function startTfTask(stackDir: string, service: string, secrets: AwsSecrets, scratch: string, keys: AwsKeys = {}): ContainerView {
  return prepareTfTask(stackDir, service, secrets, scratch, keys).view;
}

/** A container of the compiled module as the ECS agent would start it, after the containers it depends on. */
export async function runTfTask(
  stackDir: string,
  service: string,
  secrets: AwsSecrets,
  scratch: string,
  keys: AwsKeys = {},
): Promise<EcsStart> {
  const t = prepareTfTask(stackDir, service, secrets, scratch, keys);
  return startEcsContainer(t.containers, t.volumes, service, t.view, scratch);
}

// An HCL value of a container definition as JSON: tuples, objects, booleans, numbers, and strings evaluated.
function hclJson(node: Node, vars: ReadonlyMap<string, string>): unknown {
  const text = node.text.trim();
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text.startsWith('[')) return listItems(node).map((n) => hclJson(n, vars));
  if (text.startsWith('{')) {
    const obj = node.descendantsOfType('object')[0];
    return Object.fromEntries([...(obj ? elems(obj) : [])].map(([k, v]) => [k, hclJson(v, vars)]));
  }
  return evaluate(node, vars);
}

// Every container object of a task definition's container_definitions, in order.
function containerObjects(task: EnvTarget): Node[] {
  const defs = attrValue(attribute(task.entity.body, 'container_definitions'));
  const tuple = defs?.descendantsOfType('tuple')[0];
  return tuple
    ? kids(tuple)
        .filter((n) => n.type === 'expression')
        .flatMap((n) => n.descendantsOfType('object')[0] ?? [])
    : [];
}

function prepareTfTask(stackDir: string, service: string, secrets: AwsSecrets, scratch: string, keys: AwsKeys): EcsTask {
  const mod = moduleOf(stackDir);
  const task = containers(mod).find((t) => t.name === service);
  if (!task?.container) throw new Error(`compiled module has no container ${service}`);
  const vars = variables(mod, stackDir);
  const { role, statements } = executionRole(mod, task, vars);
  const specOf = (obj: Node): EcsContainerSpec => {
    const el = elems(obj);
    const env: Record<string, string> = {};
    for (const item of listItems(el.get('environment'))) {
      const e = hclJson(item, vars) as { name?: string; value?: string };
      if (e.name !== undefined && e.value !== undefined) env[e.name] = String(e.value);
    }
    for (const item of listItems(el.get('secrets'))) {
      const o = item.descendantsOfType('object')[0];
      const x = o ? elems(o) : new Map<string, Node>();
      const name = x.get('name');
      const from = x.get('valueFrom');
      if (!name || !from) throw new Error(`container ${service}: a secrets entry without name or valueFrom`);
      const valueFrom = evaluate(from, vars);
      checkExecutionRole(role, statements, valueFrom, keys);
      env[evaluate(name, vars)] = secretValue(valueFrom, secrets);
    }
    const list = (key: string): Record<string, unknown>[] =>
      el.get(key) ? (hclJson(el.get(key)!, vars) as Record<string, unknown>[]) : [];
    const argv = [...(list('entryPoint') as unknown as string[]), ...(list('command') as unknown as string[])];
    return {
      name: el.get('name') ? evaluate(el.get('name')!, vars) : '',
      image: el.get('image') ? evaluate(el.get('image')!, vars) : '',
      essential: el.get('essential')?.text.trim() !== 'false',
      ...(el.get('user') ? { user: evaluate(el.get('user')!, vars) } : {}),
      env,
      ...(argv.length > 0 ? { argv } : {}),
      dependsOn: list('dependsOn').map((x) => ({ container: String(x['containerName']), condition: String(x['condition']) })),
      mountPoints: list('mountPoints').map((x) => ({
        volume: String(x['sourceVolume']),
        path: String(x['containerPath']),
        readOnly: x['readOnly'] === true,
      })),
    };
  };
  const app = specOf(task.container);
  const all = new Map<string, EcsContainerSpec>([[app.name, app]]);
  for (const obj of containerObjects(task)) {
    const name = elems(obj).get('name');
    const n = name ? evaluate(name, vars) : '';
    // a container the app depends on is started; the others are not this run's
    if (n !== app.name && app.dependsOn.some((x) => x.container === n)) all.set(n, specOf(obj));
  }
  const volumes = new Map(
    nestedBlocks(task.entity.body, 'volume').map((b) => {
      const body = bodyOf(b);
      const name = stringValue(attrValue(attribute(body, 'name'))) ?? '';
      const other = body ? kids(body).filter((n) => n.type === 'attribute' || n.type === 'block') : [];
      const rest = other
        .map((n) => (n.type === 'block' ? blockType(n) : (n.childForFieldName('name')?.text ?? kid(n, 'identifier')?.text ?? '')))
        .filter((k) => k !== 'name');
      return [name, rest] as [string, string[]];
    }),
  );
  const container = elems(task.container);
  const labels = Object.fromEntries(
    [
      ...(container.get('dockerLabels')?.descendantsOfType('object')[0]
        ? elems(container.get('dockerLabels')!.descendantsOfType('object')[0]!)
        : []),
    ].map(([k, v]) => [k, evaluate(v, vars)]),
  );
  const known = new Set([
    'name',
    'image',
    'essential',
    'dockerLabels',
    'environment',
    'secrets',
    'portMappings',
    'logConfiguration',
    'dependsOn',
    'mountPoints',
  ]);
  const view: ContainerView = {
    service,
    env: app.env,
    mounts: [],
    labels,
    command: undefined,
    unmodeled: [...container.keys()].filter((k) => !known.has(k)),
    warnings: [],
  };
  return { containers: all, volumes, view: launchImage(task.image ?? '', view, scratch) };
}

/**
 * Compiles the Terraform ECS example (or a copy of it with more resources, `example`) for one setup under `dir`;
 * containers graft refuses are removed and compiled again.
 */
export function compileTfEcsSetup(setup: Setup, tb: TestbedState, dir: string, example = TF_ECS_EXAMPLE): CompiledEcsSetup {
  return compileAwsSetup(
    example,
    (result) => attributeErrors(result, example),
    (to, services) => pruneStack(to, services, example),
    setup,
    tb,
    dir,
  );
}

// Each error belongs to the container whose definition holds its subject.
function attributeErrors(result: ReturnType<typeof compileStack>, example = TF_ECS_EXAMPLE): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const defs = containers(moduleOf(example)).map((t) => ({
    name: t.name,
    file: t.entity.file.source.path,
    start: t.entity.node.startIndex,
    end: t.entity.node.endIndex,
  }));
  for (const d of result.diagnostics.filter((x) => x.severity === 'error')) {
    const s = d.subject;
    const name = s ? defs.find((r) => r.file === s.file && s.start >= r.start && s.start < r.end)?.name : undefined;
    if (!name) throw new Error(`an error about no container:\n${render(result, [d])}`);
    out.set(name, [...new Set([...(out.get(name) ?? []), d.code])].sort());
  }
  return out;
}

// Copies the example without the task definitions of the given containers and their bindings.
export function pruneStack(to: string, services: readonly string[], example = TF_ECS_EXAMPLE): void {
  cpSync(example, to, { recursive: true });
  const cut = containers(moduleOf(to))
    .filter((t) => services.includes(t.name))
    .map((t) => t.entity)
    .sort((a, b) => b.node.startIndex - a.node.startIndex);
  for (const e of cut) {
    const path = e.file.source.path;
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.slice(0, e.node.startIndex) + text.slice(e.node.endIndex));
  }
  const bindings = parseDocument(readFileSync(join(to, 'graft.yaml'), 'utf8'));
  for (const s of services) bindings.deleteIn(['kafka', 'clients', s]);
  writeFileSync(join(to, 'graft.yaml'), bindings.toString());
}
