import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BINDINGS_CODES } from '../src/bindings/load.js';
import { CHECK_CODES } from '../src/check/codes.js';
import { CLIENT_CODES } from '../src/clients/codes.js';
import { CONFIGURE_CODES } from '../src/configure/codes.js';
import { GRAFT_CODES } from '../src/core/codes.js';
import { adapters } from '../src/formats/index.js';
import { SPEC_CODES } from '../src/spec/codes.js';
import { HANDOFF_CODES } from '../src/handoff/codes.js';
import { bindingsSchema } from '../src/bindings/schema.js';
import { requirementsSchema } from '../src/check/requirements.js';
import { customerKafkaSchema } from '../src/spec/schema.js';
import { ROOT } from './support/cases.js';

const declared: Record<string, string> = {
  ...SPEC_CODES,
  ...BINDINGS_CODES,
  ...CLIENT_CODES,
  ...CONFIGURE_CODES,
  ...GRAFT_CODES,
  ...Object.fromEntries(adapters.flatMap((a) => Object.entries(a.codes))),
  ...CHECK_CODES,
  ...HANDOFF_CODES,
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const f = join(dir, n);
    if (statSync(f).isDirectory()) return n === 'cases' ? [] : sources(f);
    return f.endsWith('.ts') && !f.endsWith('.test.ts') ? [f] : [];
  });
}

describe('docs agree with the code', () => {
  it('every diagnostic code raised in src/ is declared in a codes table', () => {
    const used = new Set<string>();
    for (const f of sources(join(ROOT, 'src'))) {
      for (const m of readFileSync(f, 'utf8').matchAll(/code: '([A-Z][A-Z0-9_]+)'/g)) used.add(m[1] ?? '');
    }
    expect(used.size).toBeGreaterThan(10);
    for (const code of used) expect(declared, `${code} is raised but not declared`).toHaveProperty(code);
  });

  it('docs/diagnostics.md is what scripts/diagnostics-doc.ts writes from the codes tables', async () => {
    const { DOC, diagnosticsDoc } = await import('../scripts/diagnostics-doc.js');
    expect(readFileSync(DOC, 'utf8'), 'run npx tsx scripts/diagnostics-doc.ts').toBe(await diagnosticsDoc());
  });

  it('every declared code is documented in docs/diagnostics.md', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'diagnostics.md'), 'utf8');
    for (const code of Object.keys(declared)) expect(doc, `${code} missing from docs/diagnostics.md`).toContain(`\`${code}\``);
  });

  it('the published JSON Schemas match the ones graft prints', () => {
    const read = (n: string): unknown => JSON.parse(readFileSync(join(ROOT, 'schemas', n), 'utf8'));
    expect(read('customer-kafka.schema.json')).toEqual(JSON.parse(JSON.stringify(customerKafkaSchema)));
    expect(read('bindings.schema.json')).toEqual(JSON.parse(JSON.stringify(bindingsSchema)));
    expect(read('requirements.schema.json')).toEqual(JSON.parse(JSON.stringify(requirementsSchema)));
  });

  it('every format folder is named after its adapter and has a README naming its stages and codes', () => {
    for (const a of adapters) {
      const readme = readFileSync(join(ROOT, 'src', 'formats', a.name, 'README.md'), 'utf8');
      for (const stage of ['parse', 'analyze', 'rewrite', 'facts', 'verify'])
        expect(readme, `${a.name} README: ${stage}`).toContain(`**${stage}**`);
      expect(readme, `${a.name} README names its codes`).toContain(`\`${Object.keys(a.codes)[0]?.split('_')[0] ?? ''}_*\``);
    }
  });

  it('every client family folder is named after its family and has a README', async () => {
    const { families } = await import('../src/clients/index.js');
    for (const f of families) {
      const dir = join(ROOT, 'src', 'clients', f.family);
      expect(statSync(dir).isDirectory(), `src/clients/${f.family}/`).toBe(true);
      expect(readFileSync(join(dir, 'README.md'), 'utf8').length).toBeGreaterThan(100);
    }
  });
});

describe('README', () => {
  it('carries the current conformance matrix', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const matrix = readFileSync(join(ROOT, 'tests', 'conformance', 'MATRIX.md'), 'utf8');
    const rows = (t: string) => t.split('\n').filter((l) => l.startsWith('|'));
    const inReadme = /<!-- matrix:start -->\n([\s\S]*?)\n<!-- matrix:end -->/.exec(readme)?.[1] ?? '';
    expect(rows(inReadme)).toEqual(rows(matrix));
  });

  it('carries the current migration matrix', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const matrix = readFileSync(join(ROOT, 'tests', 'conformance', 'MIGRATION.md'), 'utf8');
    const rows = (t: string) => t.split('\n').filter((l) => l.startsWith('|'));
    const inReadme = /<!-- migration:start -->\n([\s\S]*?)\n<!-- migration:end -->/.exec(readme)?.[1] ?? '';
    expect(rows(inReadme).length).toBeGreaterThan(2);
    expect(rows(inReadme)).toEqual(rows(matrix));
  });
});
