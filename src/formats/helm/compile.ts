import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isPair, isScalar, isSeq, parseDocument, visit, type Pair, type Scalar, type YAMLSeq } from 'yaml';
import type { Bindings } from '../../bindings/types.js';
import type { Diagnostic } from '../../core/diagnostic.js';
import { applyEdits, type Edit } from '../../core/edit.js';
import { findEndpointRuns, k8sHostSuffix, type EndpointRun, renderBootstrap, spliceAll } from '../../core/endpoints.js';
import type { SourceFile, Span } from '../../core/span.js';
import { emptyPlan, type DroppedItem, type Plan, type PlanId, type RewiredItem } from '../../plan/types.js';
import type { CustomerKafka } from '../../spec/types.js';
import { YamlEditor } from '../yaml/editor.js';
import { renderScalar } from '../yaml/text.js';
import {
  addEnv,
  envAdditions,
  envValues,
  keyFor,
  probeReach,
  probeValues,
  type EnvEntry,
  type EnvValue,
  type Reach,
} from './env-values.js';
import type { CompileOptions, FormatAdapter, StackReader } from '../types.js';
import { runStages, type FormatOutput } from '../stages.js';
import { deepestKey, isBoolScalar, readChart, valueAt, type Chart, type Dependency } from './chart.js';
import { externalKafkaValues } from './external.js';
import { renamedValues } from './names.js';
import { removeSubcharts } from './remove.js';
import { documents, kindOf, templateSpan } from './lines.js';
import { withoutDocuments } from './split.js';
import {
  helmignoreWith,
  helmPreflight,
  isGraftPreflightFile,
  PREFLIGHT_BUNDLE_FILE,
  PREFLIGHT_IGNORE,
  PREFLIGHT_TEMPLATE,
} from './preflight.js';
import { PREFLIGHT_NAME } from '../../preflight/index.js';
import { customerHostsOf, findDroppedNames } from '../../core/dropped-names.js';
import { helmBinary, helmTemplate, releaseName, splitRendered, subchartOf, type Release, type RenderedTemplate } from './helm.js';

/** The chart's file graft edits to set values: the chart's own defaults, which a user's `-f` still overrides. */
export const VALUES_FILE = 'values.yaml';
/** Where chart-testing keeps a chart's sample values files; graft renders the compiled chart with each as a user's `-f`. */
export const CI_VALUES = /^ci\/[^/]+-values\.ya?ml$/;
/** The suffix of the path graft gives a rendered template, so no location is read as a line of the template itself. */
const RENDERED = ' (rendered)';

/** The manifests of one render, as sources the Kubernetes format reads, each named after its template. */
function renderedSources(root: string, templates: readonly RenderedTemplate[]): SourceFile[] {
  return templates.filter((t) => t.text !== '').map((t) => ({ path: join(root, t.template) + RENDERED, text: t.text }));
}

/** The template path of a rendered source (`<root>/templates/x.yaml (rendered)` → `templates/x.yaml`). */
function templateOf(root: string, path: string): string {
  return path.slice(root.length + 1).replace(RENDERED, '');
}

/** A span of a rendered source on its template (`hints`: literal lines of what the object holds). */
type Locate = (span: Span, hints?: readonly string[]) => Span;

/**
 * Maps a span of a rendered source to its template's line (`lines.ts`): the plan and diagnostics point at the chart's
 * own file. A span of a template graft cannot read (in a `.tgz` subchart) stays on the render.
 */
function locator(root: string, sources: readonly SourceFile[], read: StackReader): Locate {
  const text = new Map(sources.map((s) => [s.path, s.text]));
  return (span, hints) => {
    const rendered = span.file.endsWith(RENDERED) ? text.get(span.file) : undefined;
    const template = rendered === undefined ? undefined : read(templateOf(root, span.file));
    return rendered !== undefined && template ? templateSpan(template, rendered, span, hints) : span;
  };
}

/** The plan with every rendered object's location on its template. */
function located(plan: Plan, at: Locate): Plan {
  return {
    ...plan,
    dropped: plan.dropped.map((d) => ({ ...d, at: at(d.at) })),
    removed: plan.removed.map((r) => ({ ...r, at: at(r.at) })),
    // a container is found by the settings it holds that the template writes literally (`- name: KAFKA_BROKERS`)
    rewired: plan.rewired.map((r) => ({
      ...r,
      at: at(
        r.at,
        r.changed.map((name) => `name: ${name}`),
      ),
    })),
  };
}

/** Diagnostics with their subjects on templates. */
function locatedDiagnostics(diagnostics: readonly Diagnostic[], at: Locate): Diagnostic[] {
  return diagnostics.map((d) => (d.subject ? { ...d, subject: at(d.subject) } : d));
}

/** The compile options without the preflight, which the chart would get as a hook Job of its own. */
const noOptions = (options: CompileOptions): CompileOptions => {
  const rest = { ...options };
  delete rest.preflight;
  return rest;
};

/** The plan id of a value of the chart graft sets (`value kafka.brokers`). */
function valueId(file: string, name: string): PlanId {
  return { format: 'helm', file, kind: 'value', name };
}

function error(code: string, message: string, help: string, subject?: Span): Diagnostic {
  return { code, severity: 'error', message, help, ...(subject ? { subject } : {}) };
}

/**
 * Compiles a Helm chart: renders it with helm, lets the Kubernetes format find the bundled Kafka and its clients in
 * the rendered manifests, turns the subcharts that run the Kafka off through their condition in values.yaml, points
 * the values that name the bundled Kafka at the customer's cluster, then renders the result again (and with each
 * `ci/*-values.yaml` as a user's values file) and lets the Kubernetes format check that nothing is left to change.
 */
export function compileChart(
  manifests: FormatAdapter,
  files: SourceFile[],
  spec: CustomerKafka,
  bindings: Bindings | undefined,
  read: StackReader,
  options: CompileOptions,
): FormatOutput {
  const chartFile = files.find((f) => f.path.endsWith('/Chart.yaml'));
  if (!chartFile) return { edits: new Map(), diagnostics: [] };
  const root = dirname(chartFile.path);
  const valuesFile = files.find((f) => f.path === join(root, VALUES_FILE));
  const at = (file: SourceFile): Span => ({ file: file.path, start: 0, end: 0 });

  const read0 = readChart(
    chartFile,
    valuesFile,
    files.find((f) => f.path === join(root, 'requirements.yaml')),
  );
  const chart = read0.chart;
  if (!chart) return { edits: new Map(), diagnostics: read0.diagnostics };
  const earlier = earlierPreflight(read, options);
  if (earlier.length > 0) return { edits: new Map(), diagnostics: earlier };
  const helm = helmBinary();
  if (!helm)
    return {
      edits: new Map(),
      diagnostics: [
        error(
          'HELM_NOT_FOUND',
          'graft needs helm to render this chart: no helm on PATH and GRAFT_HELM is not set',
          'install helm 3 (https://helm.sh/docs/intro/install/) or set GRAFT_HELM=/path/to/helm, then compile again',
          at(chartFile),
        ),
      ],
    };
  const release: Release = { name: releaseName(chart.name), namespace: 'default' };

  // 1. the origin, rendered, read by the Kubernetes format
  const origin = helmTemplate(helm, root, release);
  if (!origin.ok)
    return {
      edits: new Map(),
      diagnostics: [missingValue(origin.error, root, files, read) ?? renderFailed(origin.error, chartFile, 'the chart')],
    };
  const templates = splitRendered(origin.text);
  const originSources = renderedSources(root, templates);
  const onTemplate = locator(root, originSources, read);
  // with --with-preflight, the Kubernetes format's preflight Job for the rendered workloads becomes the chart's hook
  const k = runStages(manifests, originSources, { spec, bindings, read, options });
  if (k.diagnostics.some((d) => d.severity === 'error'))
    return {
      edits: new Map(),
      diagnostics: locatedDiagnostics(k.diagnostics, onTemplate),
      plan: located(k.plan ?? emptyPlan('helm'), onTemplate),
    };
  const kplan = k.plan ?? emptyPlan('kubernetes');
  const diagnostics: Diagnostic[] = locatedDiagnostics(k.diagnostics, onTemplate);
  const plan: Plan = { ...emptyPlan('helm'), secrets: kplan.secrets, renames: kplan.renames, topicsToCreate: kplan.topicsToCreate };

  // 2. what was dropped, by template: whole subcharts are turned off; the chart's own templates are refused
  const droppedBy = new Map<string, DroppedItem[]>();
  for (const d of kplan.dropped) {
    const t = templateOf(root, d.at.file);
    droppedBy.set(t, [...(droppedBy.get(t) ?? []), d]);
  }
  const subcharts = new Map<string, { dropped: DroppedItem[]; documents: number }>();
  for (const t of templates) {
    const sub = subchartOf(t.template);
    if (!sub) continue;
    const s = subcharts.get(sub) ?? { dropped: [], documents: 0 };
    // a `helm test` pod of the subchart goes with it
    s.documents += t.documents - t.tests;
    s.dropped.push(...(droppedBy.get(t.template) ?? []));
    subcharts.set(sub, s);
  }
  // a template of the chart's own whose every object is the bundled Kafka (or served only it) is emptied to one
  // comment line; one that also renders kept objects loses the documents of the Kafka where they are `---` documents
  // of their own (`split.ts`), and is refused otherwise
  const emptied = new Map<string, string>();
  const trimmed = new Map<string, { file: SourceFile; edits: Edit[] }>();
  for (const [t, items] of [...droppedBy].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (subchartOf(t)) continue;
    const rendered = templates.find((x) => x.template === t);
    const kept = (rendered?.documents ?? 0) - (rendered?.tests ?? 0) - items.length;
    if (kept <= 0 && rendered?.tests === 0) {
      emptied.set(
        t,
        `# Written by graft: every object this template rendered (${items.map((d) => d.service).join(', ')}) served the bundled Kafka, which the customer's cluster replaces\n`,
      );
      plan.dropped.push(...items);
      continue;
    }
    const file = read(t);
    const renderedText = originSources.find((x) => x.path === join(root, t) + RENDERED)?.text;
    let why = `it also renders \`helm test\` hooks`;
    if (file && renderedText !== undefined && rendered?.tests === 0) {
      const docs = documents(renderedText);
      const drop = new Set(items.map((d) => docs.findIndex((x) => d.at.start >= x.start && d.at.start <= x.end)));
      const split = drop.has(-1)
        ? { why: 'graft cannot tell which document rendered which object' }
        : withoutDocuments(
            file,
            docs.map((x) => kindOf(renderedText.slice(x.start, x.end))),
            drop,
          );
      if ('edits' in split) {
        trimmed.set(t, { file, edits: split.edits });
        plan.dropped.push(...items);
        continue;
      }
      why = split.why;
    }
    for (const d of items)
      diagnostics.push(
        error(
          'HELM_KAFKA_IN_TEMPLATES',
          `${d.service} (${d.role}), rendered from the chart's own ${t}, is part of the bundled Kafka, and ${t} also renders objects graft keeps; graft cannot remove the Kafka's documents alone, as ${why}`,
          `move the Kafka objects of ${t} into a template of their own (or a subchart with a condition), then compile again`,
          onTemplate(d.at),
        ),
      );
  }
  const editor = chart.values ? new YamlEditor(chart.values.file, [chart.values.doc]) : undefined;
  const off: { dep: Dependency; how: string }[] = [];
  // subcharts without a condition or tags: removed from the chart's dependencies, its lock and charts/
  const removing: Dependency[] = [];
  for (const [sub, s] of [...subcharts].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (s.dropped.length === 0) continue;
    const dep = chart.dependencies.find((d) => d.as === sub || d.name === sub);
    if (s.dropped.length < s.documents) {
      diagnostics.push(
        error(
          'HELM_SUBCHART_PARTLY_KAFKA',
          `subchart ${sub} renders ${s.documents} objects; ${s.dropped.length} of them are the bundled Kafka (${s.dropped.map((d) => d.service).join(', ')}), the others are kept`,
          `split the Kafka out of ${sub}, or give its Kafka objects a value that turns them off and set it to false in ${VALUES_FILE}`,
          dep?.at ?? at(chartFile),
        ),
      );
      continue;
    }
    if (dep && dep.conditions.length === 0 && dep.tags.length === 0) {
      removing.push(dep);
      for (const d of s.dropped) plan.dropped.push(d);
      continue;
    }
    if (!dep) {
      diagnostics.push(
        error(
          'HELM_SUBCHART_NO_CONDITION',
          `subchart ${sub} runs the bundled Kafka (${s.dropped.map((d) => d.service).join(', ')}) and is not listed in the chart's \`dependencies:\`, so graft has neither a condition to turn it off nor an entry to remove it from`,
          `list it in Chart.yaml's dependencies (\`- name: ${sub}\` with its version and repository), then compile again`,
          at(chartFile),
        ),
      );
      continue;
    }
    const how = turnOff(dep, chart, editor, diagnostics);
    if (how) off.push({ dep, how });
    for (const d of s.dropped) plan.dropped.push(d);
  }
  const removal = removeSubcharts(root, chart, removing, read, diagnostics);
  for (const r of [...removal.entries].reverse()) plan.dropped.unshift(r);
  if (removal.note) plan.notes.push(removal.note);
  for (const { dep, how } of off)
    plan.dropped.unshift({
      service: `subchart ${dep.as}`,
      id: { format: 'helm', file: dep.at.file, kind: 'subchart', name: dep.as },
      role: 'subchart',
      reason: `${how}: every object it renders is the bundled Kafka or served only it`,
      at: dep.at,
    });
  if (diagnostics.some((d) => d.severity === 'error')) return { edits: new Map(), diagnostics, plan: located(plan, onTemplate) };

  // 3. values that name the bundled Kafka now name the customer's cluster
  const hosts = new Set(k.leftovers?.hosts ?? []);
  const offNames = new Set([...off.map((o) => o.dep.as), ...removing.map((d) => d.as)]);
  if (chart.values && editor) plan.rewired.push(...rewireValues(chart, editor, hosts, offNames, spec, release));
  // the chart's own values for an external Kafka, which its templates read once the bundled one is off
  if (chart.values && editor && (offNames.size > 0 || emptied.size > 0 || trimmed.size > 0))
    plan.rewired.push(...externalKafkaValues(chart, editor, offNames, spec, diagnostics));
  if (diagnostics.some((d) => d.severity === 'error')) return { edits: new Map(), diagnostics, plan: located(plan, onTemplate) };
  if (chart.values && editor) plan.rewired.push(...renamedValues(chart, editor, offNames, kplan.renames));
  if (chart.values && editor) plan.rewired.push(...subchartBootstraps(root, chart, editor, kplan.rewired, offNames, spec, read));
  // the clients, as the origin rendered them; the render of the compiled chart below proves they reach the customer
  for (const r of kplan.rewired) if (!subchartOf(templateOf(root, r.at.file))) plan.rewired.push(r);

  const preflight = options.preflight ? preflightFiles(k.newFiles?.get(`${PREFLIGHT_NAME}.yaml`), read, chartFile) : undefined;
  if (preflight && 'error' in preflight)
    return { edits: new Map(), diagnostics: [...diagnostics, preflight.error], plan: located(plan, onTemplate) };
  if (preflight) plan.notes.push(preflight.note);

  // 4. settings the render still lacks, added through the env values the chart offers for the containers
  const overridesNow = (): Map<string, string> => {
    const e = chart.values && editor ? editor.result() : [];
    const out = new Map([...emptied, ...removal.files, ...(preflight?.files ?? [])]);
    for (const [t, { file, edits }] of trimmed) out.set(t, applyEdits(file, edits));
    if (chart.values && e.length > 0) out.set(VALUES_FILE, applyEdits(chart.values.file, e));
    return out;
  };
  if (chart.values && editor)
    plan.rewired.push(
      ...settingsThroughEnvValues(
        helm,
        root,
        release,
        chart,
        editor,
        overridesNow(),
        removal.removed,
        [...off, ...removing.map((dep) => ({ dep }))],
        manifests,
        spec,
        bindings,
        read,
        options,
      ),
    );

  // 5. the chart as graft writes it, rendered again: nothing may be left for the Kubernetes format to change
  const edits = new Map<string, Edit[]>();
  const overrides = overridesNow();
  const valuesEdits = editor?.result() ?? [];
  if (chart.values && valuesEdits.length > 0) edits.set(chart.values.file.path, valuesEdits);
  for (const [path, e] of removal.edits) edits.set(path, e);
  for (const { file, edits: e } of trimmed.values()) edits.set(file.path, e);
  const userValues = files.filter((f) => CI_VALUES.test(f.path.slice(root.length + 1))).map((f) => f.path);
  for (const valuesFiles of [[], ...userValues.map((f) => [f])]) {
    const again = helmTemplate(helm, root, release, overrides, valuesFiles, removal.removed);
    const what = valuesFiles.length ? `the compiled chart with -f ${valuesFiles[0]?.slice(root.length + 1) ?? ''}` : 'the compiled chart';
    if (!again.ok) {
      diagnostics.push(renderFailed(again.error, chartFile, what, read, [...offNames].sort()));
      continue;
    }
    diagnostics.push(...verifyRendered(manifests, root, splitRendered(again.text), hosts, spec, bindings, read, options, what, chartFile));
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { edits: new Map(), diagnostics, plan: located(plan, onTemplate) };
  plan.notes.push(
    `helm ${release.name} (namespace ${release.namespace}) rendered the compiled chart${userValues.length ? ` also with ${userValues.map((f) => f.slice(root.length + 1)).join(', ')}` : ''}: no bundled Kafka, every client on the customer's cluster`,
  );
  const newFiles = new Map([...emptied, ...removal.lockFiles, ...(preflight?.files ?? [])]);
  return {
    edits,
    ...(newFiles.size > 0 ? { newFiles } : {}),
    ...(removal.removed.length > 0 ? { removedPaths: removal.removed } : {}),
    plan: located(plan, onTemplate),
    diagnostics,
    ...(k.facts ? { facts: k.facts } : {}),
    leftovers: {
      hosts: [...hosts].sort(),
      hostSuffix: k8sHostSuffix(hosts),
      hostKeys: true,
      // the turned-off subcharts stay in the chart, unrendered: what they hold names their own Kafka
      unread: off.map((o) => ({ path: join(root, 'charts', o.dep.name) })),
    },
  };
}

/**
 * A chart graft already compiled with `--with-preflight` holds the hook and its bundle: compiled again with
 * `--with-preflight`, both are written anew (the bundle of this graft, the spec of this compile); compiled without it,
 * they would stay as they were, a hook checking the earlier spec with the earlier bundle, so the compile refuses. A file
 * of the chart's own at one of those paths is never overwritten.
 */
function earlierPreflight(read: StackReader, options: CompileOptions): Diagnostic[] {
  const found = [PREFLIGHT_TEMPLATE, PREFLIGHT_BUNDLE_FILE]
    .map((path) => ({ path, file: read(path) }))
    .filter((f): f is { path: string; file: SourceFile } => f.file !== undefined);
  const span = (file: SourceFile): Span => ({ file: file.path, start: 0, end: Math.min(1, file.text.length) });
  if (options.preflight)
    return found
      .filter((f) => !isGraftPreflightFile(f.file.text))
      .map((f) =>
        error(
          'HELM_PREFLIGHT_PATH_TAKEN',
          `--with-preflight: ${f.path} is a file of the chart's own (it does not start with graft's "# Written by graft:" line), and graft writes its preflight ${f.path === PREFLIGHT_TEMPLATE ? 'hook' : 'bundle'} there`,
          `rename or move ${f.path} in the chart, or compile without --with-preflight`,
          span(f.file),
        ),
      );
  const ours = found.filter((f) => isGraftPreflightFile(f.file.text));
  const first = ours[0];
  if (!first) return [];
  return [
    error(
      'HELM_PREFLIGHT_LEFT',
      `the chart holds the preflight hook an earlier graft compile --with-preflight wrote (${ours.map((f) => f.path).join(', ')}); compiled without --with-preflight it would keep a hook that checks the earlier spec with the earlier bundle`,
      `compile with --with-preflight to write the hook and its bundle anew, or remove ${PREFLIGHT_TEMPLATE}, ${PREFLIGHT_IGNORE} and the ${PREFLIGHT_IGNORE} line graft added to .helmignore from the chart, then compile again`,
      span(first.file),
    ),
  ];
}

/** The preflight hook's files (and `.helmignore`), from the Kubernetes format's preflight of the rendered chart. */
function preflightFiles(
  k8s: string | undefined,
  read: StackReader,
  chartFile: SourceFile,
): { files: Map<string, string>; note: string } | { error: Diagnostic } {
  const p = k8s === undefined ? undefined : helmPreflight(k8s);
  if (!p)
    return {
      error: error(
        'HELM_PREFLIGHT_UNSUPPORTED',
        "--with-preflight: the Kubernetes format wrote no preflight Job for the chart's rendered workloads",
        'compile without --with-preflight, and run `graft check --kafka <spec>` before `helm install`',
        { file: chartFile.path, start: 0, end: 0 },
      ),
    };
  const ignore = read('.helmignore');
  return { files: new Map([...p.files, ['.helmignore', helmignoreWith(ignore?.text)]]), note: p.note };
}

/**
 * A chart that does not render with its own values because a template reads a value nothing sets (helm: `template:
 * <chart>/templates/x.yaml:8:19: executing ... at <.Values.global.path>: nil pointer evaluating interface {}.path`):
 * the value is given where the chart is installed (an Argo CD application, a parent chart, `--set`), outside the stack.
 * The diagnostic stands at the template's line and column when the template is one of the stack's files.
 */
function missingValue(message: string, root: string, files: readonly SourceFile[], read: StackReader): Diagnostic | undefined {
  const m =
    /template: ([^\s:]+):(\d+):(\d+): executing "[^"]*" at <\.Values\.([\w.-]+)>: nil pointer evaluating interface \{\}\.([\w-]+)/.exec(
      message,
    );
  if (!m) return undefined;
  const [, template = '', line = '1', col = '1', path = ''] = m;
  // helm names the template below the chart's name: <chart>/templates/..., <chart>/charts/<sub>/templates/...
  const rel = template.split('/').slice(1).join('/');
  const file = files.find((f) => f.path === join(root, rel)) ?? read(rel);
  let subject: Span | undefined;
  if (file) {
    const lines = file.text.split('\n');
    const n = Math.min(Math.max(Number(line), 1), lines.length);
    const start = lines.slice(0, n - 1).reduce((sum, l) => sum + l.length + 1, 0) + Math.max(Number(col) - 1, 0);
    subject = { file: file.path, start, end: start };
  }
  const parent = path.split('.').slice(0, -1).join('.');
  return error(
    'HELM_VALUE_MISSING',
    `the chart does not render with its own values: ${rel}:${line}:${col} reads .Values.${path}, which neither values.yaml nor a parent chart sets${parent ? ` (.Values.${parent} is empty)` : ''}; the value is given where the chart is installed (a deployment tool's values, an Argo CD application, --set), outside the stack, and graft renders the chart with its values.yaml alone, so it cannot see what the chart runs`,
    `set ${path} in the chart's values.yaml to what the installation passes (and any other value it needs: \`helm template\` on the chart names the next one), then compile again`,
    subject,
  );
}

function renderFailed(message: string, chartFile: SourceFile, what: string, read?: StackReader, off: string[] = []): Diagnostic {
  const text = `helm template failed on ${what}: ${message.split('\n').slice(0, 6).join('\n')}`;
  // a template of the chart's own calling a named template of a subchart graft turned off or removed
  const m = /template: [^/\s]+\/(templates\/[^:\s]+):(\d+):(\d+): .*template "([^"]+)" not defined/.exec(message);
  const file = m && read ? read(m[1] ?? '') : undefined;
  if (m && file && off.length > 0) {
    const lineStart =
      file.text
        .split('\n')
        .slice(0, Number(m[2]) - 1)
        .join('\n').length + (Number(m[2]) > 1 ? 1 : 0);
    const start = Math.min(lineStart + Number(m[3]) - 1, file.text.length);
    return error(
      'HELM_RENDER_FAILED',
      `${text}\n${m[1]} of the chart's own uses the named template "${m[4]}", which only the subchart graft takes out with the bundled Kafka (${off.join(', ')}) defined`,
      `define "${m[4]}" in a template of the chart's own (a \`_helpers.tpl\`), or stop using it in ${m[1]}, then compile again`,
      { file: file.path, start, end: start },
    );
  }
  return error(
    'HELM_RENDER_FAILED',
    text,
    'run `helm template` on the chart and fix what it reports (a missing subchart under charts/: `helm dependency build`)',
    { file: chartFile.path, start: 0, end: 0 },
  );
}

/**
 * Turns a subchart off in values.yaml: its first condition set to false (or added), else each of its tags. Returns how,
 * for the plan.
 */
function turnOff(dep: Dependency, chart: Chart, editor: YamlEditor | undefined, diagnostics: Diagnostic[]): string | undefined {
  const values = chart.values;
  const settable = (path: string): { ok: true; node?: Scalar } | { ok: false; why: string } => {
    if (!values) return { ok: true };
    const v = valueAt(values.doc, path);
    if (v.rest.length === 0 && isBoolScalar(v.node)) return { ok: true, node: v.node };
    if (v.rest.length === 0 || v.node !== undefined) return { ok: false, why: `${path} is not true or false in ${VALUES_FILE}` };
    return { ok: true };
  };
  const paths = dep.conditions.length > 0 ? [dep.conditions[0] ?? ''] : dep.tags.map((t) => `tags.${t}`);
  for (const path of paths) {
    const s = settable(path);
    if (!s.ok) {
      diagnostics.push(
        error(
          'HELM_CONDITION_NOT_SETTABLE',
          `subchart ${dep.as} is turned on by ${path}, but ${s.why}`,
          `make ${path} a plain true/false in ${VALUES_FILE} (helm ignores a condition that is not a boolean)`,
          dep.at,
        ),
      );
      return undefined;
    }
  }
  if (!editor || !values) return undefined;
  for (const path of paths) {
    const v = valueAt(values.doc, path);
    if (isBoolScalar(v.node)) {
      // written plain: a quoted "false" is a string, which helm's condition ignores
      if (v.node.value === true && v.node.range) editor.replace(v.node.range[0], v.node.range[1], 'false');
      continue;
    }
    // a path values.yaml lacks: its missing keys, nested, under the deepest map that exists
    const block = v.rest.map((k, i) => `${'  '.repeat(i)}${k}:${i === v.rest.length - 1 ? ' false' : ''}`).join('\n');
    if (v.parent && v.parent.items.length > 0) editor.appendToMap(v.parent, [block]);
    else editor.appendAtEnd(block);
  }
  return `${paths.join(', ')} set to false in ${VALUES_FILE}`;
}

/** Points every value of the chart (not of a turned-off subchart) that names the bundled Kafka at the customer's cluster. */
function rewireValues(
  chart: Chart,
  editor: YamlEditor,
  hosts: ReadonlySet<string>,
  off: ReadonlySet<string>,
  spec: CustomerKafka,
  release: Release,
): RewiredItem[] {
  const values = chart.values;
  if (!values || hosts.size === 0) return [];
  const runsIn = (value: string): EndpointRun[] => endpointRuns(value, hosts, release);
  const out: RewiredItem[] = [];
  const file = values.file.path;
  const seqs = new Set<YAMLSeq>();
  visit(values.doc, {
    Pair: (_k, pair, path) => {
      // a turned-off subchart's own values configure its Kafka, which is gone
      if (path.length === 1 && isScalar(pair.key) && off.has(String(pair.key.value))) return visit.SKIP;
      return undefined;
    },
    Seq: (_k, seq) => {
      if (
        seq.flow !== true &&
        seq.items.length > 0 &&
        seq.items.every(
          (i) =>
            isScalar(i) &&
            typeof i.value === 'string' &&
            runsIn(i.value).some((r) => r.start === 0 && r.end === (i.value as string).length),
        )
      )
        seqs.add(seq);
      return undefined;
    },
  });
  const keyPath = (path: readonly unknown[]): string =>
    path
      .filter((p) => typeof p === 'object' && p !== null && 'key' in p && isScalar(p.key))
      .map((p) => String((p as { key: Scalar }).key.value))
      .join('.');
  visit(values.doc, {
    Pair: (_k, pair, path) => {
      if (path.length === 1 && isScalar(pair.key) && off.has(String(pair.key.value))) return visit.SKIP;
      return undefined;
    },
    Seq: (_k, seq, path) => {
      if (!seqs.has(seq)) return undefined;
      // a list of brokers becomes the customer's list, one server an item
      const name = keyPath([...path]);
      const before = seq.items.map((i) => String((i as Scalar).value));
      const servers = spec.bootstrapServers;
      seq.items.forEach((item, i) => {
        if (i < servers.length) editor.setScalar(item as Scalar, servers[i] ?? '');
      });
      if (seq.items.length > servers.length) editor.removeItems(seq, (item) => seq.items.indexOf(item) >= servers.length);
      if (servers.length > seq.items.length) editor.appendToSeq(seq, servers.slice(seq.items.length));
      out.push({
        service: `value ${name}`,
        id: valueId(file, name),
        family: 'helm-values',
        matched: [`${name} = [${before.join(', ')}]`],
        changed: [name],
        notes: [],
        at: { file, start: seq.range?.[0] ?? 0, end: seq.range?.[1] ?? 0 },
      });
      return visit.SKIP;
    },
    Scalar: (_k, node, path) => {
      if (typeof node.value !== 'string') return undefined;
      const runs = runsIn(node.value);
      if (runs.length === 0) return undefined;
      const name = keyPath([...path]);
      const parent = path[path.length - 1];
      // a key is not a value
      if (parent && typeof parent === 'object' && 'key' in parent && (parent as { key: unknown }).key === node) return undefined;
      if (isSeq(parent)) return undefined;
      editor.setScalar(
        node,
        spliceAll(
          node.value,
          runs.map((r) => ({ start: r.start, end: r.end, text: renderBootstrap(spec.bootstrapServers, spec.securityProtocol, r) })),
        ),
      );
      out.push({
        service: `value ${name}`,
        id: valueId(file, name),
        family: 'helm-values',
        matched: [`${name} = ${node.value}`],
        changed: [name],
        notes: [],
        at: { file, start: node.range?.[0] ?? 0, end: node.range?.[1] ?? 0 },
      });
      return undefined;
    },
  });
  return out;
}

/**
 * The compiled chart as helm renders it must need nothing more: no bundled Kafka left to drop, no client the
 * Kubernetes format would still rewire or configure, no dropped host named anywhere.
 */
function verifyRendered(
  manifests: FormatAdapter,
  root: string,
  templates: readonly RenderedTemplate[],
  hosts: ReadonlySet<string>,
  spec: CustomerKafka,
  bindings: Bindings | undefined,
  read: StackReader,
  options: CompileOptions,
  what: string,
  chartFile: SourceFile,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const sources = renderedSources(root, templates);
  const k = runStages(manifests, sources, { spec, bindings, read, options: noOptions(options) });
  const chartAt: Span = { file: chartFile.path, start: 0, end: 0 };
  // a rendered object's line in its template, where the template allows; else the template file
  const at = locator(root, sources, read);
  const templateAt = (renderedPath: string, span?: Span): Span => {
    const found = span ? at(span) : undefined;
    return found && found !== span ? found : { file: join(root, templateOf(root, renderedPath)), start: 0, end: 0 };
  };
  for (const d of k.diagnostics)
    if (d.severity === 'error')
      out.push(
        error(
          d.code,
          `${what}, rendered: ${d.message}`,
          d.help,
          d.subject?.file.endsWith(RENDERED) ? templateAt(d.subject.file, d.subject) : chartAt,
        ),
      );
  const plan = k.plan ?? emptyPlan('kubernetes');
  for (const d of plan.dropped)
    out.push(
      error(
        'HELM_STILL_BUNDLED',
        `${what} still renders ${d.service} from ${templateOf(root, d.at.file)}: ${d.reason}`,
        'give it a value that turns it off, or move it into a subchart with a condition',
        templateAt(d.at.file, d.at),
      ),
    );
  // a client the Kubernetes format finds on the customer's cluster is listed as rewired; only an edit is a change
  const changed = new Set([...k.edits].filter(([, e]) => e.length > 0).map(([f]) => f));
  for (const f of changed)
    if (!plan.rewired.some((r) => r.at.file === f) && !plan.removed.some((r) => r.at.file === f))
      out.push(
        error(
          'HELM_VALUE_NOT_EXPRESSED',
          `${what} renders ${templateOf(root, f)} with content the Kubernetes format would still change`,
          'compile the rendered manifests (`helm template ... > out.yaml; graft plan out.yaml`) to see the change, add a value for it to the chart, then compile again',
          templateAt(f),
        ),
      );
  for (const r of plan.rewired.filter((r) => changed.has(r.at.file)))
    out.push(
      error(
        'HELM_VALUE_NOT_EXPRESSED',
        `${what} renders ${r.service} (${templateOf(root, r.at.file)}) with settings no value of the chart sets: ${r.changed.join(', ')} (matched ${r.matched.join('; ')})`,
        `add a value for them to the chart's templates (an extra env list of that container, or a value for each setting), then compile again`,
        templateAt(r.at.file, r.at),
      ),
    );
  for (const r of plan.removed)
    out.push(
      error(
        'HELM_VALUE_NOT_EXPRESSED',
        `${what} renders ${r.kind} ${r.name}${r.from ? ` in ${r.from}` : ''} (${templateOf(root, r.at.file)}), which only served the bundled Kafka: ${r.reason}`,
        'give it a value that turns it off, then compile again',
        templateAt(r.at.file, r.at),
      ),
    );
  if (out.length === 0)
    for (const s of sources) {
      // the verifier's scanner: the customer's own hosts are never read as a dropped Service's DNS forms
      const found = findDroppedNames(s.text, hosts, {
        hostSuffix: k8sHostSuffix(hosts),
        hostKeys: true,
        customerHosts: customerHostsOf(spec),
      })[0];
      if (!found) continue;
      const where = templateAt(s.path, { file: s.path, start: found.start, end: found.end });
      out.push(
        found.key === undefined
          ? error(
              'HELM_STILL_BUNDLED',
              `${what} still names the bundled Kafka in ${templateOf(root, s.path)}: ${found.text}`,
              `set the value that renders it to the customer's bootstrap servers (${spec.bootstrapServers.join(',')}) in ${VALUES_FILE}`,
              where,
            )
          : // a host alone under a `host` key, its port in another (Akka discovery endpoints): no value of graft's sets it
            error(
              'HELM_STILL_BUNDLED',
              `${what} still names the bundled Kafka in ${templateOf(root, s.path)}: ${found.key}: ${found.text} (its port in a key of its own, as in Akka discovery endpoints)`,
              `set that host and its port to the customer's bootstrap server (${spec.bootstrapServers.join(',')}) through a value of the chart, and give the client that reads it the customer's security settings, then compile again`,
              where,
            ),
      );
    }
  return out;
}

/** The key of a subchart value that takes the Kafka bootstrap servers when its bundled Kafka is off. */
const BOOTSTRAP_KEY = /^(bootstrap[-_]?servers?|brokers|kafkaBrokers|kafkaBootstrapServers)$/i;

/**
 * Kept subcharts whose render names the bundled Kafka: their own values.yaml documents a bootstrap value left empty
 * for "when the Kafka chart is disabled" (`kafka.bootstrapServers: ""`); the parent's values.yaml sets it, under the
 * subchart's name, to the customer's servers.
 */
function subchartBootstraps(
  root: string,
  chart: Chart,
  editor: YamlEditor,
  clients: readonly RewiredItem[],
  off: ReadonlySet<string>,
  spec: CustomerKafka,
  read: StackReader,
): RewiredItem[] {
  const values = chart.values;
  if (!values) return [];
  const out: RewiredItem[] = [];
  const subs = [...new Set(clients.map((r) => subchartOf(templateOf(root, r.at.file))).filter((s): s is string => s !== undefined))].sort();
  for (const sub of subs) {
    if (off.has(sub)) continue;
    const dep = chart.dependencies.find((d) => d.as === sub || d.name === sub);
    const own = read(`charts/${dep?.name ?? sub}/${VALUES_FILE}`);
    if (!own) continue;
    const doc = parseDocument(own.text);
    const paths: string[] = [];
    visit(doc, {
      Pair: (_k, pair, path) => {
        if (!isScalar(pair.key) || !BOOTSTRAP_KEY.test(String(pair.key.value)) || !isScalar(pair.value) || pair.value.value !== '')
          return undefined;
        const keys = path.filter((p): p is Pair => isPair(p)).map((p) => String((p.key as Scalar).value));
        paths.push([...keys, String(pair.key.value)].join('.'));
        return undefined;
      },
    });
    for (const path of paths) {
      const full = `${sub}.${path}`;
      const text = spec.bootstrapServers.join(',');
      const v = valueAt(values.doc, full);
      if (v.rest.length === 0 && isScalar(v.node)) {
        if (v.node.value === text) continue;
        editor.setScalar(v.node, text);
      } else if (v.rest.length > 0 && v.node === undefined) {
        const block = v.rest.map((k, i) => `${'  '.repeat(i)}${k}:${i === v.rest.length - 1 ? ` ${renderScalar(text)}` : ''}`).join('\n');
        if (v.parent && v.parent.items.length > 0) editor.appendToMap(v.parent, [block]);
        else editor.appendAtEnd(block);
      } else continue;
      out.push({
        service: `value ${full}`,
        id: valueId(envValueAt(chart, full).file, full),
        family: 'helm-values',
        matched: [`charts/${dep?.name ?? sub}/${VALUES_FILE} ${path} (empty while the bundled Kafka runs)`],
        changed: [full],
        notes: [],
        at: envValueAt(chart, full),
      });
    }
  }
  return out;
}

/**
 * The compiled chart rendered once more: where the Kubernetes format would still add env entries to a container (a
 * security protocol, SASL settings from the customer's Secret), graft adds them through an env value of the chart that
 * reaches that container — found by rendering with a probe entry in every candidate (`extraEnv`, `customEnv`, ...),
 * never by reading templates. What no env value reaches is left for the verification to refuse.
 */
function settingsThroughEnvValues(
  helm: string,
  root: string,
  release: Release,
  chart: Chart,
  editor: YamlEditor,
  overrides: Map<string, string>,
  removed: readonly string[],
  off: readonly { dep: Dependency }[],
  manifests: FormatAdapter,
  spec: CustomerKafka,
  bindings: Bindings | undefined,
  read: StackReader,
  options: CompileOptions,
): RewiredItem[] {
  const values = chart.values;
  if (!values) return [];
  const first = helmTemplate(helm, root, release, overrides, [], removed);
  if (!first.ok) return [];
  const sources = renderedSources(root, splitRendered(first.text));
  const k = runStages(manifests, sources, { spec, bindings, read, options: noOptions(options) });
  if (k.diagnostics.some((d) => d.severity === 'error')) return [];
  const needs = new Map<string, EnvEntry[]>();
  for (const [file, e] of k.edits) {
    const src = sources.find((s) => s.path === file);
    if (!src || e.length === 0) continue;
    const add = envAdditions(src, e);
    for (const [container, entries] of add ?? []) needs.set(container, entries);
  }
  if (needs.size === 0) return [];
  const offNames = new Set(off.map((o) => o.dep.as));
  const candidates = [
    ...envValues(values.file.text, ''),
    ...chart.dependencies
      .filter((d) => !offNames.has(d.as))
      .flatMap((d) => {
        const own = read(`charts/${d.name}/${VALUES_FILE}`);
        return own ? envValues(own.text, d.as) : [];
      }),
  ].filter((v, i, all) => all.findIndex((w) => w.path === v.path) === i);
  if (candidates.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), 'graft-helm-probe-'));
  let reach: Map<EnvValue, Reach>;
  try {
    const probe = join(dir, 'probe-values.json');
    writeFileSync(probe, probeValues(candidates));
    const probed = helmTemplate(helm, root, release, overrides, [probe], removed);
    if (!probed.ok) return [];
    reach = probeReach(probed.text, candidates);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const out: RewiredItem[] = [];
  const done = new Set<string>();
  for (const [container, entries] of [...needs].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (done.has(container)) continue;
    const same = (c: string): boolean => JSON.stringify(needs.get(c)) === JSON.stringify(entries);
    const fits = candidates
      .map((v) => ({ v, r: reach.get(v) ?? { containers: [] } }))
      .filter(({ v, r }) => v.form === 'list' || entries.every((e) => e.valueFrom === undefined && keyFor(e.name, r) !== undefined))
      .map(({ v, r }) => ({ v, r, to: r.containers }))
      .filter(({ to }) => to.includes(container) && to.every(same))
      .sort((a, b) => a.to.length - b.to.length || (a.v.path < b.v.path ? -1 : 1));
    const pick = fits[0];
    if (!pick) continue;
    addEnv(editor, values.doc, pick.v, entries, pick.r);
    for (const c of pick.to) done.add(c);
    out.push({
      service: `value ${pick.v.path}`,
      id: valueId(envValueAt(chart, pick.v.path).file, pick.v.path),
      family: 'helm-values',
      matched: pick.to.map((c) => `reaches ${c}`),
      changed: entries.map((e) => e.name),
      notes: [],
      at: envValueAt(chart, pick.v.path),
    });
  }
  return out;
}

/** Where the plan points for an env value: the value in values.yaml, else the subchart's dependency entry. */
function envValueAt(chart: Chart, path: string): Span {
  const values = chart.values;
  const found = values ? deepestKey(values.doc, path, values.file.path) : undefined;
  if (found) return found;
  const dep = chart.dependencies.find((d) => d.as === path.split('.')[0]);
  return dep?.at ?? { file: chart.chartFile.path, start: 0, end: 0 };
}

/**
 * The endpoint runs naming the bundled Kafka in a value. A value the chart passes through `tpl` may build the host
 * from the release (`{{ .Release.Name }}-kafka:9092`): with the release graft rendered substituted, a value that is
 * then exactly one endpoint run is matched whole; any other template text is not read.
 */
export function endpointRuns(value: string, hosts: ReadonlySet<string>, release: Release): EndpointRun[] {
  if (!value.includes('{{')) return findEndpointRuns(value, hosts, k8sHostSuffix(hosts));
  const expanded = value
    .replace(/\{\{-?\s*\$?\.Release\.Name\s*-?\}\}/g, release.name)
    .replace(/\{\{-?\s*\$?\.Release\.Namespace\s*-?\}\}/g, release.namespace);
  if (expanded.includes('{{')) return [];
  const runs = findEndpointRuns(expanded, hosts, k8sHostSuffix(hosts));
  const run = runs[0];
  return runs.length === 1 && run && run.start === 0 && run.end === expanded.length
    ? [{ ...run, start: 0, end: value.length, text: value }]
    : [];
}
