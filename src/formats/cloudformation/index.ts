import type { Diagnostic } from '../../core/diagnostic.js';
import type { Edit } from '../../core/edit.js';
import type { SourceFile } from '../../core/span.js';
import { emptyPlan } from '../../plan/types.js';
import type { FormatAdapter, Reference, StackReader } from '../types.js';
import { analyzeTemplate, readsBootstrap, type TemplateAnalysis } from './analyze.js';
import { dirname, join } from 'node:path';
import { isMap } from 'yaml';
import { cloudformationFacts } from './facts.js';
import { taskRolesOf } from './ecs.js';
import { configInitsOf } from '../aws/ecs-config.js';
import { sourceRolesOf } from './lambda.js';
import { emptyFacts } from '../facts.js';
import { looksLikeTemplate, mapAt, parseTemplate, sectionOf, textOf, type Template } from './parse.js';
import { collectRefs, resourceRefs } from './refs.js';
import { rewriteTemplate, type NestedOutcome } from './rewrite.js';
import { CFN_CODES } from './codes.js';
import { isMskBrokerList } from '../aws/msk-arn.js';

const TEMPLATE_FILE = /\.(ya?ml|json|template)$/i;
/** Suffix of the parameters file graft writes beside each template it adds parameters to. */
export const PARAMETERS_SUFFIX = '.graft-parameters.json';

/** The parameters file of a template: `stack.yaml` → `stack.graft-parameters.json`. */
export function parametersFileOf(templatePath: string): string {
  return templatePath.replace(TEMPLATE_FILE, '') + PARAMETERS_SUFFIX;
}

/** CloudFormation (and SAM) templates in YAML or JSON: drops MSK and what only it used, rewires its consumers. */
export const cloudformation = {
  name: 'cloudformation',
  title: 'CloudFormation',
  codes: CFN_CODES,
  codesIntro: 'Raised while compiling CloudFormation and SAM templates.',
  select: (paths, peek) => paths.filter((p) => TEMPLATE_FILE.test(p) && !p.endsWith(PARAMETERS_SUFFIX) && looksLikeTemplate(peek(p))),
  parse: (sources) => {
    const diagnostics: Diagnostic[] = [];
    const templates = new Map<string, Template>();
    for (const source of sources) {
      const parsed = parseTemplate(source);
      diagnostics.push(...parsed.diagnostics);
      if (parsed.template) templates.set(source.path, parsed.template);
    }
    return { value: templates, diagnostics };
  },
  analyze: (templates) => {
    const analyses = new Map([...templates].map(([path, t]) => [path, analyzeTemplate(t)] as const));
    // a bootstrap look-up travels down through parameters and up through outputs, across as many levels as the tree has
    bootstrapListParameters(analyses);
    while (bootstrapParameters(analyses, templates) + bootstrapOutputs(analyses, templates) > 0);
    return { value: analyses, diagnostics: [] };
  },
  rewrite: (analyses, templates, { spec, bindings, read }) => {
    const plan = emptyPlan('cloudformation');
    const diagnostics: Diagnostic[] = [];
    const edits = new Map<string, Edit[]>();
    const newFiles = new Map<string, string>();
    // logical names are per template: a name one template dropped may be kept in another
    const droppedIn = new Map<string, Set<string>>();
    // a nested stack's template is rewritten before the template that creates it, which then follows its interface
    const outcomes = new Map<string, NestedOutcome>();
    for (const [path, template] of childrenFirst(templates)) {
      const analysis = analyses.get(path)!;
      const nested = new Map<string, NestedOutcome>();
      for (const [id, child] of nestedStacks(template, templates)) {
        const o = outcomes.get(child);
        if (o) nested.set(id, o);
      }
      const out = rewriteTemplate(analysis, spec, bindings, plan, nested);
      droppedIn.set(path, new Set([...analysis.dropped.keys(), ...analysis.droppedParameters]));
      outcomes.set(path, { path: relativePath(path, read), ...out.outcome });
      diagnostics.push(...out.diagnostics);
      edits.set(path, out.edits);
      if (out.parametersFile) newFiles.set(parametersFileOf(relativePath(path, read)), out.parametersFile);
    }
    return { edits, plan, diagnostics, newFiles, state: droppedIn };
  },
  facts: (_analyses, rewritten, templates) => {
    const facts = cloudformationFacts([...templates.values()], rewritten.plan, emptyFacts());
    const roles = taskRolesOf(rewritten.plan);
    const sources = sourceRolesOf(rewritten.plan);
    const inits = configInitsOf(rewritten.plan);
    return {
      ...facts,
      ...(roles.length ? { taskRoles: roles } : {}),
      ...(sources.length ? { sourceRoles: sources } : {}),
      ...(inits.length ? { ecsConfigInits: inits } : {}),
    };
  },
  verify: (_analyses, { state: droppedIn }) => {
    const references = (source: SourceFile): Reference[] => {
      const own = droppedIn.get(source.path);
      return templateReferences(source).filter((r) => !own || own.has(r.name));
    };
    const dropped = new Set([...droppedIn.values()].flatMap((names) => [...names]));
    return { leftovers: { hosts: [], names: [...dropped].sort(), references } };
  },
} satisfies FormatAdapter<Map<string, Template>, Map<string, TemplateAnalysis>, Map<string, Set<string>>>;

/**
 * The nested stacks a template creates from a template of the stack: `AWS::CloudFormation::Stack` `TemplateURL` and
 * SAM `AWS::Serverless::Application` `Location` given as a local relative path (what `aws cloudformation package` /
 * `sam package` upload), by logical id.
 */
function nestedStacks(t: Template, templates: ReadonlyMap<string, Template>): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of t.resources) {
    const key =
      r.type === 'AWS::CloudFormation::Stack' ? 'TemplateURL' : r.type === 'AWS::Serverless::Application' ? 'Location' : undefined;
    const url = key ? textOf(mapAt(r.node, 'Properties')?.get(key, true)) : undefined;
    if (!url || /^[a-z][a-z0-9+.-]*:/i.test(url)) continue;
    const path = join(dirname(t.source.path), url);
    if (templates.has(path)) out.set(r.id, path);
  }
  return out;
}

/**
 * A template parameter named for the brokers whose default is an MSK broker list, in a stack that drops its MSK
 * cluster, is how the stack's templates hand that cluster's bootstrap brokers to their clients (the operator copies
 * them from the cluster's template): a bootstrap look-up, whose clients are configured for the customer's cluster and
 * which goes like one passed down to a nested stack.
 */
function bootstrapListParameters(analyses: ReadonlyMap<string, TemplateAnalysis>): void {
  if (![...analyses.values()].some((a) => [...a.clusters].some((c) => a.dropped.has(c)))) return;
  for (const [path, a] of analyses) {
    for (const p of sectionOf(a.t, 'Parameters')?.items ?? []) {
      const name = textOf(p.key) ?? '';
      const def = isMap(p.value) ? textOf(p.value.get('Default', true)) : undefined;
      if (!/broker|bootstrap/i.test(name) || def === undefined || !isMskBrokerList(def) || a.lookups.has(name)) continue;
      a.lookups.add(name);
      a.dropped.set(name, {
        role: 'bootstrap parameter',
        reason: `${path} declares it for the dropped MSK cluster's bootstrap brokers (its default is an MSK broker list)`,
      });
      a.droppedParameters.add(name);
    }
  }
}

/**
 * A nested stack parameter the parent fills with the dropped cluster's bootstrap look-up is, in the child, a bootstrap
 * look-up too: its clients are configured for the customer's cluster, the parameter goes, and the parent stops
 * passing it (the child's GraftKafka* parameters default to the customer's settings).
 */
function bootstrapParameters(analyses: ReadonlyMap<string, TemplateAnalysis>, templates: ReadonlyMap<string, Template>): number {
  let found = 0;
  for (const [path, parent] of analyses) {
    for (const [id, childPath] of nestedStacks(parent.t, templates)) {
      const child = analyses.get(childPath);
      const stack = parent.byId.get(id);
      const params = stack ? mapAt(stack.node, 'Properties')?.get('Parameters', true) : undefined;
      if (!child || parent.dropped.has(id) || !isMap(params)) continue;
      for (const p of params.items) {
        const name = textOf(p.key) ?? '';
        const refs = collectRefs(p.value);
        const declared = sectionOf(child.t, 'Parameters')?.has(name) ?? false;
        if (
          !declared ||
          child.lookups.has(name) ||
          refs.length !== 1 ||
          !refs.every((x) => readsBootstrap(parent, x) && x.via !== 'Condition')
        )
          continue;
        found++;
        child.lookups.add(name);
        child.dropped.set(name, { role: 'bootstrap parameter', reason: `${path} passed the dropped cluster's bootstrap brokers in it` });
        child.droppedParameters.add(name);
      }
    }
  }
  return found;
}

/**
 * An output of a nested stack that carries the child's bootstrap look-up (kept, and rewired to the customer's
 * bootstrap there) is, where the parent reads it (`Fn::GetAtt Child.Outputs.X`), a bootstrap look-up too: the clients
 * reading it are configured for the customer's cluster like those of a look-up in the parent itself.
 */
function bootstrapOutputs(analyses: ReadonlyMap<string, TemplateAnalysis>, templates: ReadonlyMap<string, Template>): number {
  let found = 0;
  for (const parent of analyses.values()) {
    for (const [id, childPath] of nestedStacks(parent.t, templates)) {
      const child = analyses.get(childPath);
      if (!child || parent.dropped.has(id)) continue;
      for (const p of sectionOf(child.t, 'Outputs')?.items ?? []) {
        const name = textOf(p.key) ?? '';
        const refs = collectRefs(p.value).filter((x) => x.via !== 'Condition');
        const known = parent.lookupOutputs.get(id) ?? new Set<string>();
        if (known.has(name) || refs.length === 0 || !refs.every((x) => readsBootstrap(child, x))) continue;
        known.add(name);
        parent.lookupOutputs.set(id, known);
        found++;
      }
    }
  }
  return found;
}

/** The templates in an order where every nested stack's template comes before the templates that create it. */
function childrenFirst(templates: ReadonlyMap<string, Template>): [string, Template][] {
  const out: [string, Template][] = [];
  const seen = new Set<string>();
  const visit = (path: string): void => {
    const t = templates.get(path);
    if (!t || seen.has(path)) return;
    seen.add(path);
    for (const child of nestedStacks(t, templates).values()) visit(child);
    out.push([path, t]);
  };
  for (const path of templates.keys()) visit(path);
  return out;
}

// a source's path relative to the stack root: the shortest tail the stack reader resolves to the same file
function relativePath(path: string, read: StackReader): string {
  const parts = path.split('/');
  for (let i = parts.length - 1; i >= 0; i--) {
    const rel = parts.slice(i).join('/');
    if (read(rel)?.path === path) return rel;
  }
  return parts[parts.length - 1] ?? path;
}

/** The references a template makes to logical names: Ref, GetAtt, Sub and DependsOn (conditions are another namespace). */
function templateReferences(source: SourceFile): Reference[] {
  const t = parseTemplate(source).template;
  if (!t) return [];
  const refs = [...t.resources.flatMap((r) => resourceRefs(r.node)), ...collectRefs(t.root.get('Outputs', true))];
  return refs
    .filter((r) => r.via !== 'Condition' && r.node.range)
    .map((r) => ({ name: r.target, via: r.via, start: r.node.range?.[0] ?? 0, end: r.node.range?.[1] ?? 0 }));
}
