import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureComposeValidator, validateComposeFiles } from './index.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpusDir = resolve(repoRoot, 'tests', 'corpus', 'stacks', 'compose');
const corpusFiles = readdirSync(corpusDir)
  .map((name) => join(corpusDir, name, 'docker-compose.yml'))
  .filter((file) => existsSync(file))
  .sort();

let workDir = '';

async function compose(name: string, lines: string[]): Promise<string> {
  const file = join(workDir, name);
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'compose-validate-test-'));
  await ensureComposeValidator(); // a cold build downloads modules and compiles
}, 600_000);

afterAll(async () => {
  if (workDir !== '') await rm(workDir, { recursive: true, force: true });
});

describe('validateComposeFiles', () => {
  it('accepts a valid file', async () => {
    const file = await compose('valid.yml', [
      'services:',
      '  web:',
      '    image: nginx:1.27',
      "    ports: ['8080:80']",
      '    depends_on: [db]',
      '    volumes: [data:/data]',
      '  db:',
      '    image: postgres:16',
      'volumes:',
      '  data: {}',
    ]);
    expect(await validateComposeFiles([file])).toEqual({
      ok: true,
      errors: [],
      warnings: [],
    });
  });

  it('rejects depends_on naming an undefined service', async () => {
    const file = await compose('depends-on.yml', ['services:', '  web:', '    image: nginx', '    depends_on: [db]']);
    const result = await validateComposeFiles([file]);
    expect(result.ok).toBe(false);
    expect(result.errors.join('\n')).toMatch(/depends on undefined service "db"/);
  });

  it('rejects a service referencing an undefined secret', async () => {
    const file = await compose('undefined-secret.yml', ['services:', '  web:', '    image: nginx', '    secrets: [db_password]']);
    const result = await validateComposeFiles([file]);
    expect(result.ok).toBe(false);
    expect(result.errors.join('\n')).toMatch(/undefined secret db_password/);
  });

  it('rejects an unknown key in a service', async () => {
    const file = await compose('unknown-key.yml', ['services:', '  web:', '    image: nginx', '    restart_policy_typo: always']);
    const result = await validateComposeFiles([file]);
    expect(result.ok).toBe(false);
    expect(result.errors.join('\n')).toMatch(/services\.web\.restart_policy_typo/);
  });

  it('accepts top-level secrets with environment and file sources', async () => {
    const file = await compose('secrets.yml', [
      'services:',
      '  web:',
      '    image: nginx',
      '    secrets:',
      '      - from_env',
      '      - source: from_file',
      '        target: /run/secrets/custom',
      'secrets:',
      '  from_env:',
      '    environment: KAFKA_PASSWORD',
      '  from_file:',
      '    file: ./secrets/password.txt',
    ]);
    expect(await validateComposeFiles([file])).toEqual({
      ok: true,
      errors: [],
      warnings: [],
    });
  });

  it('accepts configs with inline content', async () => {
    const file = await compose('configs.yml', [
      'services:',
      '  web:',
      '    image: nginx',
      '    configs:',
      '      - source: client_properties',
      '        target: /etc/kafka/client.properties',
      'configs:',
      '  client_properties:',
      '    content: |',
      '      bootstrap.servers=kafka:9092',
      '      security.protocol=PLAINTEXT',
    ]);
    expect(await validateComposeFiles([file])).toEqual({
      ok: true,
      errors: [],
      warnings: [],
    });
  });

  it('accepts a required variable that is not set, and says so', async () => {
    const file = await compose('required-var.yml', [
      'services:',
      '  web:',
      '    image: nginx',
      '    environment:',
      '      KAFKA_BOOTSTRAP_SERVERS: ${GRAFT_TEST_UNSET_VAR:?must be set}',
    ]);
    const result = await validateComposeFiles([file]);
    expect(result).toMatchObject({ ok: true, errors: [] });
    expect(result.warnings.join('\n')).toMatch(/required variable GRAFT_TEST_UNSET_VAR is missing/);
  });

  it('throws on a usage error such as a missing input file', async () => {
    await expect(validateComposeFiles([join(workDir, 'no-such-file.yml')])).rejects.toThrow(/exit 2/);
  });
});

describe('corpus', () => {
  it('has compose files to check', () => {
    expect(corpusFiles.length).toBeGreaterThanOrEqual(3);
  });

  for (const file of corpusFiles) {
    it(`accepts ${file.slice(corpusDir.length + 1)}`, async () => {
      const result = await validateComposeFiles([file]);
      expect(result.errors).toEqual([]);
      expect(result.ok).toBe(true);
    });
  }

  it('reports a service extending a missing file as a warning, not an error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'compose-validate-extends-'));
    try {
      const file = join(dir, 'compose.yaml');
      await writeFile(file, 'services:\n  console:\n    extends:\n      file: conduktor.yml\n      service: console\n');
      const result = await validateComposeFiles([file]);
      expect(result.errors).toEqual([]);
      expect(result.warnings.filter((w) => /^extends: .* which does not exist/.test(w)).length).toBeGreaterThan(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
