import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDiagnostics } from '../src/core/diagnostic.js';
import { compileStack, REPORT_FILE, type CompileResult } from '../src/compile/pipeline.js';
import type { CompileOptions } from '../src/formats/types.js';
import { adapters, prepareFormats } from '../src/formats/index.js';
import { renderDiff, renderPlan } from '../src/plan/render.js';
import { handoffName, planLabel, workloadLabel } from '../src/plan/types.js';
import { buildReport } from '../src/plan/report.js';
import { loadSpec } from '../src/spec/validate.js';
import { relativizer } from '../src/cli/io.js';
import { validateComposeFiles } from '../tools/compose-validate/index.js';
import { validateManifests } from '../tools/k8s-validate/index.js';
import {
  prepareHclValidate,
  terraformBinary,
  terraformFmtDirty,
  terraformValidate,
  validateTerraform,
} from '../tools/hcl-validate/index.js';
import { lintTemplate, newErrors } from '../tools/cfn-lint/index.js';
import { ensureHelm, runHelm } from '../tools/helm/index.js';

// CRDs no reachable registry publishes: Confluent for Kubernetes, the Redpanda operator, Prometheus operator monitors
const OPERATORS_WITHOUT_SCHEMAS = [
  'platform.confluent.io/*',
  'cluster.redpanda.com/*',
  'monitoring.coreos.com/*',
  'jaegertracing.io/*',
  'numaflow.numaproj.io/*',
];
import { findCases, listFiles } from './support/cases.js';
import { PLANTED, plantSecrets } from './support/secrets.js';
import { pyyamlErrors } from './support/pyyaml.js';
import { notRun } from './support/skips.js';

// focus one case while debugging, e.g. 'formats/compose/cases/sasl-scram-spring'
const ONLY = '';
const UPDATE = process.env.UPDATE_GOLDEN === '1';
await prepareFormats();
// Helm cases render with a real helm (built once into .cache/ by tools/helm/setup.sh); the compile finds it by GRAFT_HELM
const helmBuild = await ensureHelm();
if (helmBuild.helm) process.env['GRAFT_HELM'] ??= helmBuild.helm;
const scratch = mkdtempSync(join(tmpdir(), 'graft-golden-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function golden(file: string, actual: string): void {
  if (UPDATE) writeFileSync(file, actual);
  else expect(actual, `golden ${file} (UPDATE_GOLDEN=1 rewrites it)`).toBe(readFileSync(file, 'utf8'));
}

function compileCase(stack: string, spec: string): CompileResult {
  const restore = plantSecrets(readFileSync(spec, 'utf8'));
  // a case may set compile options (e.g. an External Secrets store) in options.json beside kafka.yaml
  const optionsFile = join(spec, '..', 'options.json');
  const raw = existsSync(optionsFile)
    ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as CompileOptions & { withPreflight?: { bundle: string } })
    : undefined;
  const { withPreflight, ...options } = raw ?? {};
  try {
    return compileStack({
      stack,
      spec,
      ...(raw ? { options } : {}),
      ...(withPreflight ? { withPreflight: { bundle: join(spec, '..', withPreflight.bundle) } } : {}),
    });
  } finally {
    restore();
  }
}

/** Normalizes machine-specific paths out of rendered text. */
function portable(text: string, dir: string): string {
  return text.split(dir + '/').join('');
}

const cases = findCases().filter((c) => !ONLY || c.name === ONLY);

/** What one golden case's output is checked with beyond the goldens: the format's own tools. */
interface FormatCheckInput {
  result: CompileResult;
  input: string;
  expectedDir: string;
  ctx: Parameters<typeof notRun>[0];
}

/** Each format's external validators of a compiled stack, by adapter name; every adapter has one. */
const FORMAT_CHECKS: Record<string, (c: FormatCheckInput) => Promise<void>> = {
  // compose-go loads the compiled Compose files for every format (a stack may carry a Compose file beside its own)
  compose: () => Promise.resolve(),
  kubernetes: async ({ result }) => {
    const manifests = result.files
      // kustomization.yaml is kustomize's own file, not an object the API server receives
      .filter((f) => /\.ya?ml$/.test(f.path) && f.path !== 'graft.yaml' && !/(^|\/)kustomization\.ya?ml$/.test(f.path))
      .map((f) => f.content.toString('utf8'));
    const v = await validateManifests(manifests, { allowUnknownKinds: OPERATORS_WITHOUT_SCHEMAS });
    expect(v.errors).toEqual([]);
  },
  terraform: ({ input, expectedDir, ctx }) => {
    // the real HCL parser, with every reference resolved; terraform validate where no provider download is needed
    expect(validateTerraform([expectedDir])).toEqual([]);
    if (terraformBinary() === undefined)
      notRun(ctx, 'terraform validate and terraform fmt -check of compiled Terraform: no terraform or tofu binary on PATH');
    const tv = terraformValidate(expectedDir);
    if (tv.ran) expect(tv.ok, tv.output).toBe(true);
    // files terraform fmt accepted before graft edited them, and the files graft writes, stay fmt-clean
    const before = terraformFmtDirty(input);
    const after = terraformFmtDirty(expectedDir);
    if (before && after) expect(after.filter((f) => !before.includes(f))).toEqual([]);
    return Promise.resolve();
  },
  helm: async ({ result, expectedDir, ctx }) => {
    const helm = process.env['GRAFT_HELM'];
    if (!helm) return notRun(ctx, `helm lint and render of the compiled chart: ${helmBuild.reason ?? 'no helm'}`);
    const lint = runHelm(helm, ['lint', expectedDir]);
    expect(lint.status, `helm lint: ${lint.stdout}${lint.stderr}`).toBe(0);
    // the chart renders as installed, and with a user's values file (user-values.yaml beside kafka.yaml) too
    const user = join(expectedDir, '..', 'user-values.yaml');
    const name =
      result.files
        .find((f) => f.path === 'Chart.yaml')
        ?.content.toString('utf8')
        .match(/^name:\s*(\S+)/m)?.[1] ?? 'release';
    for (const extra of existsSync(user) ? [[], ['-f', user]] : [[]]) {
      const r = runHelm(helm, ['template', name, expectedDir, '--namespace', 'default', ...extra]);
      expect(r.status, `helm template ${extra.join(' ')}: ${r.stderr}`).toBe(0);
      const v = await validateManifests([r.stdout], { allowUnknownKinds: OPERATORS_WITHOUT_SCHEMAS });
      expect(v.errors).toEqual([]);
    }
  },
  cloudformation: async ({ result, input, expectedDir }) => {
    // AWS's cfn-lint: no error the origin template did not already have
    for (const f of result.stack?.files ?? []) {
      const rel = f.path.slice(input.length + 1);
      const before = await lintTemplate(join(input, rel));
      const after = await lintTemplate(join(expectedDir, rel));
      expect(newErrors(before, after), `cfn-lint errors graft introduced in ${rel}`).toEqual([]);
    }
  },
};

// a first build of the HCL validator can take minutes: done here, without blocking the worker
beforeAll(() => prepareHclValidate(), 600_000);

describe('format checks', () => {
  it('every format adapter has its output checks in the golden runner, and every check an adapter', () => {
    expect(Object.keys(FORMAT_CHECKS).sort()).toEqual(adapters.map((a) => a.name).sort());
  });
});

describe('golden cases', () => {
  it('every case folder has what it needs', () => {
    for (const c of cases) {
      const specOnly = !existsSync(join(c.dir, 'input'));
      expect(existsSync(join(c.dir, 'kafka.yaml')), `${c.name} lacks kafka.yaml`).toBe(true);
      const ok = c.isError
        ? existsSync(join(c.dir, 'diagnostics.txt')) || UPDATE
        : specOnly || existsSync(join(c.dir, 'expected')) || UPDATE;
      expect(ok, `${c.name} lacks ${c.isError ? 'diagnostics.txt' : 'expected/'}`).toBe(true);
    }
    expect(cases.length).toBeGreaterThan(5);
  });

  for (const c of cases) {
    const isSpecOnly = !existsSync(join(c.dir, 'input'));
    it(c.name, async (ctx) => {
      if (c.name.startsWith('formats/helm/') && !process.env['GRAFT_HELM'])
        return notRun(ctx, `the Helm case ${c.name}: ${helmBuild.reason ?? 'no helm'}`);
      const spec = join(c.dir, 'kafka.yaml');
      if (isSpecOnly) {
        const source = { path: 'kafka.yaml', text: readFileSync(spec, 'utf8') };
        const r = loadSpec(source);
        if (c.isError) {
          expect(r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
          golden(
            join(c.dir, 'diagnostics.txt'),
            renderDiagnostics(r.diagnostics, () => source),
          );
        } else {
          expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        }
        return;
      }
      const input = join(c.dir, 'input');
      // a case may compile one file of its input, named in a `stack` file beside kafka.yaml
      const stackFile = join(c.dir, 'stack');
      const one = existsSync(stackFile) ? readFileSync(stackFile, 'utf8').trim() : '';
      // the stack below a copy of the input: the compile's output paths are relative to it
      const stackIn = (dir: string): string => (one ? join(dir, one) : dir);
      const result = compileCase(stackIn(input), spec);
      const lookup = (p: string) => result.sources.get(p);
      if (c.isError) {
        expect(
          result.diagnostics.some((d) => d.severity === 'error'),
          'an error case must fail',
        ).toBe(true);
        expect(result.files, 'a failed compile yields no output').toEqual([]);
        golden(join(c.dir, 'diagnostics.txt'), portable(renderDiagnostics(result.diagnostics, lookup), c.dir));
        return;
      }
      expect(
        renderDiagnostics(
          result.diagnostics.filter((d) => d.severity === 'error'),
          lookup,
        ),
      ).toBe('Found 0 errors and 0 warnings.\n');
      const rel = relativizer(input);
      // every rewired entry's structured id names what its text names
      expect(result.plan.rewired.map((r) => planLabel(r.id))).toEqual(result.plan.rewired.map((r) => r.service));
      // and so does every other entry's: what was dropped, what a setting was removed from, whose names were renamed,
      // who reads a secret
      expect(result.plan.dropped.map((d) => d.id && planLabel(d.id))).toEqual(result.plan.dropped.map((d) => d.service));
      for (const r of result.plan.removed) {
        // every removal says, as data, which origin file and which of its parts it was removed from
        expect(r.fromId, `${r.kind} ${r.name}`).toBeDefined();
        expect(result.sources.has(r.fromId.file), `${r.kind} ${r.name} from ${r.fromId.file}`).toBe(true);
        if (r.from === undefined) continue;
        const names = [planLabel(r.fromId), handoffName(r.fromId)];
        expect(
          names.some((n) => r.from === n || r.from?.startsWith(`${n} (`)),
          r.from,
        ).toBe(true);
      }
      expect(result.plan.renames.map((r) => r.id && handoffName(r.id))).toEqual(result.plan.renames.map((r) => r.service));
      for (const s of result.plan.secrets)
        expect(
          s.users?.map((u, i) => [planLabel(u), handoffName(u), workloadLabel(u)].includes(s.usedBy[i] ?? '')),
          s.name,
        ).toEqual(s.usedBy.map(() => true));
      const expectedDir = join(c.dir, 'expected');
      const report = JSON.stringify(buildReport(result, rel), null, 2) + '\n';
      const plan = portable(renderPlan(result.plan, result.spec!, lookup, rel) + '\n' + renderDiff(result.files, result.removed), c.dir);
      if (UPDATE) rmSync(expectedDir, { recursive: true, force: true });
      for (const f of result.files) {
        const target = join(expectedDir, f.path);
        if (UPDATE) mkdirSync(dirname(target), { recursive: true });
        golden(target, f.content.toString('utf8'));
      }
      golden(join(expectedDir, REPORT_FILE), report);
      golden(join(c.dir, 'plan.txt'), plan);
      if (!UPDATE) expect(listFiles(expectedDir).sort()).toEqual([...result.files.map((f) => f.path), REPORT_FILE].sort());

      // invariants
      const all = [report, plan, ...result.files.map((f) => f.content.toString('utf8'))].join('\n');
      expect(all.includes(PLANTED), 'a secret value leaked into the output').toBe(false);
      const again = compileCase(stackIn(input), spec);
      expect(again.files.map((f) => f.content.toString('base64'))).toEqual(result.files.map((f) => f.content.toString('base64')));
      const second = compileCase(expectedDir, spec);
      expect(second.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(
        second.files.filter((f) => f.changed).map((f) => f.path),
        'compiling the output again changes nothing',
      ).toEqual([]);
      for (const f of result.files.filter((f) => f.before)) {
        const before = yamlComments(f.before ?? '');
        for (const line of yamlComments(f.content.toString('utf8'))) expect(before, 'no comment is invented').toContain(line);
      }
      const crlfDir = join(scratch, c.name.replace(/\W+/g, '_'));
      cpSync(input, crlfDir, { recursive: true });
      for (const f of result.files.filter((f) => f.before)) {
        writeFileSync(join(stackIn(crlfDir), f.path), '\uFEFF' + (f.before ?? '').replace(/\n/g, '\r\n'));
      }
      const crlf = compileCase(stackIn(crlfDir), spec);
      for (const f of result.files.filter((f) => f.before)) {
        const out = crlf.files.find((g) => g.path === f.path)?.content.toString('utf8');
        expect(out, `${f.path} keeps BOM and CRLF`).toBe('\uFEFF' + f.content.toString('utf8').replace(/\n/g, '\r\n'));
      }
      // a second YAML implementation reads every YAML file graft wrote
      const yamlOut = result.files
        .filter((f) => f.changed && /\.ya?ml$/.test(f.path))
        .map((f) => ({ path: f.path, text: f.content.toString('utf8') }));
      const py = yamlOut.length > 0 ? pyyamlErrors(yamlOut) : [];
      if (py === undefined) notRun(ctx, 'PyYAML reading of compiled YAML: PyYAML is not installed (python3 -m pip install pyyaml)');
      else expect(py).toEqual([]);
      const composeOut = result.files.filter((f) => /compose.*\.ya?ml$/.test(f.path)).map((f) => join(expectedDir, f.path));
      if (composeOut.length > 0) expect((await validateComposeFiles(composeOut)).errors).toEqual([]);
      const check = FORMAT_CHECKS[result.plan.format];
      expect(check, `the golden runner has no output check for the ${result.plan.format} format`).toBeDefined();
      await check?.({ result, input, expectedDir, ctx });
    });
  }
});

/** Comment lines of a YAML text, skipping lines inside block scalars (`|`, `>`), which are content. */
function yamlComments(text: string): string[] {
  const out: string[] = [];
  let blockIndent = -1;
  for (const line of text.split(/\r?\n/)) {
    const indent = line.length - line.trimStart().length;
    if (blockIndent >= 0) {
      if (line.trim() === '' || indent > blockIndent) continue;
      blockIndent = -1;
    }
    // graft's own header comments on content it adds are not the user's
    if (/^\s*#/.test(line) && !/^\s*# Written by graft/.test(line)) out.push(line.trim());
    else if (/:\s*[|>][-+0-9]*\s*(#.*)?$/.test(line)) blockIndent = indent;
  }
  return out;
}
