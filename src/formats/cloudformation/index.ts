import type { Diagnostic } from '../../core/diagnostic.js';
import type { Edit } from '../../core/edit.js';
import type { SourceFile } from '../../core/span.js';
import { emptyPlan } from '../../plan/types.js';
import type { FormatAdapter, Reference, StackReader } from '../types.js';
import { analyzeTemplate } from './analyze.js';
import { cloudformationFacts } from './facts.js';
import { emptyFacts } from '../facts.js';
import { looksLikeTemplate, parseTemplate, type Template } from './parse.js';
import { collectRefs, resourceRefs } from './refs.js';
import { rewriteTemplate } from './rewrite.js';
import { CFN_CODES } from './codes.js';

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
  compile: (sources, spec, bindings, read, _options): ReturnType<FormatAdapter['compile']> => {
    const plan = emptyPlan('cloudformation');
    const diagnostics: Diagnostic[] = [];
    const edits = new Map<string, Edit[]>();
    const newFiles = new Map<string, string>();
    const dropped = new Set<string>();
    const templates: Template[] = [];
    for (const source of sources) {
      const parsed = parseTemplate(source);
      diagnostics.push(...parsed.diagnostics);
      if (!parsed.template) continue;
      templates.push(parsed.template);
      const analysis = analyzeTemplate(parsed.template);
      for (const name of [...analysis.dropped.keys(), ...analysis.droppedParameters]) dropped.add(name);
      const out = rewriteTemplate(analysis, spec, bindings, plan);
      diagnostics.push(...out.diagnostics);
      edits.set(source.path, out.edits);
      if (out.parametersFile) newFiles.set(parametersFileOf(relativePath(source.path, read)), out.parametersFile);
    }
    return {
      edits,
      plan,
      diagnostics,
      newFiles,
      facts: () => cloudformationFacts(templates, plan, emptyFacts()),
      leftovers: { hosts: [], names: [...dropped].sort(), references: templateReferences },
    };
  },
} satisfies FormatAdapter;

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
