import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { COMMANDS, FLAGS } from '../src/cli/usage.js';
import { STACK_FORMATS } from '../src/formats/kinds.js';
import { ROOT } from './support/cases.js';

const tmp = mkdtempSync(join(tmpdir(), 'graft-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const EXAMPLE = join(ROOT, 'examples', 'shop');
const SPEC = join(ROOT, 'examples', 'customer-kafka.yaml');

function run(...args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('graft CLI', () => {
  it('compile writes the whole stack and a report; twice gives the same bytes', () => {
    const a = join(tmp, 'a');
    const b = join(tmp, 'b');
    expect(run('compile', EXAMPLE, '--kafka', SPEC, '--out', a).code).toBe(0);
    expect(run('compile', EXAMPLE, '--kafka', SPEC, '--out', b).code).toBe(0);
    for (const f of ['docker-compose.yml', 'graft.yaml', 'graft-report.json']) {
      expect(readFileSync(join(a, f), 'utf8')).toBe(readFileSync(join(b, f), 'utf8'));
    }
    const report = JSON.parse(readFileSync(join(a, 'graft-report.json'), 'utf8')) as { dropped: { service: string }[] };
    expect(report.dropped.map((d) => d.service).sort()).toEqual(['kafka', 'kafka-init', 'schema-registry']);
  });

  it('compile writes the customer handoff beside the stack; graft handoff writes it alone', () => {
    const a = join(tmp, 'with-handoff');
    expect(run('compile', EXAMPLE, '--kafka', SPEC, '--out', a).code).toBe(0);
    const files = [
      'README.md',
      'requirements.json',
      'topics.sh',
      'acls.sh',
      'egress.md',
      'egress.json',
      'terraform-kafka/main.tf',
      'terraform-confluent/main.tf',
      'rpk.sh',
      'confluent.sh',
      'kafka-gitops.yaml',
    ];
    for (const f of files) expect(existsSync(join(a, 'handoff', f)), f).toBe(true);
    // compiling the compiled stack replaces its handoff instead of copying it
    const again = join(tmp, 'again');
    expect(run('compile', a, '--kafka', SPEC, '--out', again).code).toBe(0);
    expect(readFileSync(join(again, 'handoff', 'requirements.json'), 'utf8')).toBe(
      readFileSync(join(a, 'handoff', 'requirements.json'), 'utf8'),
    );
    const alone = join(tmp, 'handoff-only');
    const r = run('handoff', EXAMPLE, '--kafka', SPEC, '--out', alone);
    expect(r.code).toBe(0);
    for (const f of files) expect(readFileSync(join(alone, f), 'utf8')).toBe(readFileSync(join(a, 'handoff', f), 'utf8'));
    expect(run('handoff', EXAMPLE, '--kafka', SPEC).code).toBe(2);
  });

  it('a failing compile writes nothing and leaves an existing output untouched', () => {
    const out = join(tmp, 'kept');
    mkdirSync(out);
    writeFileSync(join(out, 'marker'), 'before');
    const bad = join(tmp, 'bad.yaml');
    writeFileSync(bad, 'apiVersion: graft.dev/v1\nkind: CustomerKafka\nbootstrapServers: x:1\nsecurityProtocol: SASL_SSL\n');
    const r = run('compile', EXAMPLE, '--kafka', bad, '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toContain('SPEC_SASL_NEEDS_MECHANISM');
    expect(r.err).toContain('bad.yaml:4:19');
    expect(readFileSync(join(out, 'marker'), 'utf8')).toBe('before');
    expect(existsSync(join(out, 'docker-compose.yml'))).toBe(false);
  });

  it('refuses an output inside the stack, and usage errors exit 2', () => {
    expect(run('compile', EXAMPLE, '--kafka', SPEC, '--out', join(EXAMPLE, 'out')).code).toBe(2);
    expect(run('compile', EXAMPLE).code).toBe(2);
    expect(run('frobnicate').code).toBe(2);
    expect(run('plan', EXAMPLE, '--kafka', SPEC, '--bogus').code).toBe(2);
  });

  it('each command has its own --help with all its options; the global help lists every command and stack format', () => {
    const global = run('--help');
    expect(global.code).toBe(0);
    for (const c of COMMANDS) expect(global.out).toContain(`graft ${c.name} `);
    for (const f of STACK_FORMATS) expect(global.out).toContain(f.name);
    const texts = new Set<string>();
    for (const c of COMMANDS) {
      const h = run(c.name, '--help');
      expect(h.code, c.name).toBe(0);
      expect(h.out.startsWith(`Usage: graft ${c.name} `), h.out).toBe(true);
      for (const f of FLAGS) {
        const listed = h.out.includes(`--${f.name}`);
        expect(listed, `${c.name} --help and --${f.name}`).toBe(f.commands.includes(c.name));
      }
      texts.add(h.out);
    }
    expect(texts.size).toBe(COMMANDS.length);
    expect(run('compile', '-h').out).toMatch(/--with-preflight[\s\S]*--force +replace an --out directory graft did not write/);
    expect(run('plan', '--help').out).toContain('--external-secrets <store>');
    expect(run('schema', '--help').out).toContain('graft schema [customer-kafka | bindings | requirements]');
  });

  it('an option the command does not take, or a flag before the command, is a usage error naming the command', () => {
    const r = run('validate', SPEC, '--out', 'x');
    expect(r.code).toBe(2);
    expect(r.err).toContain("Unknown option '--out'");
    expect(r.err).toContain('Run graft validate --help for usage.');
    expect(run('--kafka', SPEC, 'plan', EXAMPLE).code).toBe(2);
    expect(run().code).toBe(2);
  });

  it('a stack with no file graft compiles says so, with every format in the help line', () => {
    const empty = join(tmp, 'empty-stack');
    mkdirSync(empty, { recursive: true });
    writeFileSync(join(empty, 'notes.txt'), 'nothing to compile\n');
    const r = run('plan', empty, '--kafka', SPEC);
    expect(r.code).toBe(1);
    expect(r.err).toContain('GRAFT_NO_STACK_FILES');
    const help = r.err.split('\n').find((l) => l.includes('help:')) ?? '';
    for (const f of STACK_FORMATS) expect(help).toContain(`${f.name} (${f.looks})`);
  });

  it('plan on a stack without Kafka says no Kafka was found', () => {
    const dir = join(tmp, 'no-kafka');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.27\n');
    const r = run('plan', dir, '--kafka', SPEC);
    expect(r.code).toBe(0);
    expect(r.out).toContain('No Kafka found: graft recognized no broker');
    expect(r.out).not.toContain('No changes.');
  });

  it('plan prints the plan and a diff; --json is machine-readable', () => {
    const text = run('plan', EXAMPLE, '--kafka', SPEC);
    expect(text.code).toBe(0);
    expect(text.out).toContain('Drop (3):');
    expect(text.out).toContain('+++ b/docker-compose.yml');
    const json = run('plan', EXAMPLE, '--kafka', SPEC, '--json');
    const parsed = JSON.parse(json.out) as { rewired: { service: string; family: string }[]; diff: string };
    expect(parsed.rewired.map((r) => `${r.service}:${r.family}`)).toEqual(['orders:spring-boot', 'payments:env']);
    expect(parsed.diff).toContain('-  kafka:');
  });

  it('validate reports every problem at once with positions, and accepts valid files', () => {
    const bad = join(tmp, 'many.yaml');
    writeFileSync(
      bad,
      'apiVersion: graft.dev/v1\nkind: CustomerKafka\nbootstrapServers: a:1,b\nsecurityProtocol: SSL\ntopics: { prefix: p., allow: [x] }\n',
    );
    const r = run('validate', bad, '--json');
    expect(r.code).toBe(1);
    const codes = (JSON.parse(r.out) as { diagnostics: { code: string; line: number }[] }).diagnostics.map((d) => `${d.code}@${d.line}`);
    expect(codes).toEqual(['SPEC_BAD_HOST_PORT@3', 'SPEC_TOPICS_PREFIX_AND_ALLOW@5']);
    expect(run('validate', SPEC).code).toBe(0);
    expect(run('validate', join(EXAMPLE, 'graft.yaml')).code).toBe(0);
  });

  it('schema prints valid JSON Schemas', () => {
    const s = JSON.parse(run('schema').out) as { $schema: string; properties: Record<string, unknown> };
    expect(s.$schema).toContain('draft-07');
    expect(Object.keys(s.properties)).toContain('bootstrapServers');
    expect(JSON.parse(run('schema', 'bindings').out)).toHaveProperty('title', 'graft Bindings');
  });

  it('the bundled binary runs (built by npm test before the tests)', () => {
    const bin = join(ROOT, 'dist', 'graft.js');
    if (!existsSync(bin)) execFileSync('node', [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT });
    const r = spawnSync('node', [bin, 'plan', EXAMPLE, '--kafka', SPEC, '--no-diff'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Rewire (2):');
  });

  it('the bundle compiles a Terraform module with the grammar beside it, and the output is the golden one', () => {
    const bin = join(ROOT, 'dist', 'graft.js');
    if (!existsSync(bin)) execFileSync('node', [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT });
    const dir = join(ROOT, 'src', 'formats', 'terraform', 'cases', 'lambda-msk-trigger');
    const out = join(tmp, 'tf');
    const r = spawnSync('node', [bin, 'compile', join(dir, 'input'), '--kafka', join(dir, 'kafka.yaml'), '--out', out], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    for (const f of ['main.tf', 'graft_kafka.tf', 'graft_kafka.auto.tfvars']) {
      expect(readFileSync(join(out, f), 'utf8')).toBe(readFileSync(join(dir, 'expected', f), 'utf8'));
    }
    expect(existsSync(join(out, 'handoff', 'topics.sh'))).toBe(true);
  });
});
