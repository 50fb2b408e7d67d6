import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ClientBinding } from '../bindings/types.js';
import { parseSecretRef } from '../secrets/index.js';
import type { CustomerKafka } from '../spec/types.js';
import { CLIENT_CODES } from './codes.js';
import { families, findFamily } from './index.js';
import { makeContext, secretAt, showEnv, showValue } from './testing.js';

const here = dirname(fileURLToPath(import.meta.url));
const folders = readdirSync(here).filter((f) => statSync(join(here, f)).isDirectory());
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return f.endsWith('.ts') && !f.endsWith('.test.ts') ? [p] : [];
  });

describe('family registry', () => {
  it('has one folder per family, named as its family field', () => {
    const familyFolders = folders.filter((f) => f !== 'java-common');
    expect([...familyFolders].sort()).toEqual(families.map((f) => f.family).sort());
  });

  it('finds families by name', () => {
    for (const f of families) expect(findFamily(f.family)).toBe(f);
    expect(findFamily('kafkajs')).toBeUndefined();
  });

  it('lists AWS_MSK_IAM only for families whose official images sign it themselves or ship aws-msk-iam-auth', () => {
    const iam = families.filter((f) => (f.mechanisms as readonly string[]).includes('AWS_MSK_IAM')).map((f) => f.family);
    expect(iam.sort()).toEqual(['akhq', 'conduktor', 'kafka-ui', 'redpanda-console']);
  });

  it('declares every CLIENT_ code the families use in codes.ts', () => {
    const used = new Set(
      sources(here)
        .flatMap((p) => readFileSync(p, 'utf8').match(/'CLIENT_[A-Z_]+'/g) ?? [])
        .map((s) => s.slice(1, -1)),
    );
    for (const code of used) expect(Object.keys(CLIENT_CODES), code).toContain(code);
  });
});

// README examples are executed: a ```yaml graft-example block gives the spec, the service and what it gets.
interface Example {
  family: string;
  spec: Record<string, unknown>;
  service: { name?: string; image?: string; env?: Record<string, string> };
  binding?: Omit<ClientBinding, 'service'>;
  emits: {
    env?: Record<string, string>;
    files?: Record<string, string>;
    properties?: { file: string; format: string; set: Record<string, string> };
  };
}

/** Turns every `{ secretRef }` object of a YAML spec into a SecretValue declared at its path. */
function withSecrets(value: unknown, path: string[] = []): unknown {
  if (Array.isArray(value)) return value.map((v, i) => withSecrets(v, [...path, String(i)]));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  if ('secretRef' in obj) {
    const ref = parseSecretRef(obj.secretRef);
    if (!ref) throw new Error(`${path.join('.')}: secretRef names no store`);
    return secretAt(path.join('.'), ref);
  }
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, withSecrets(v, [...path, k])]));
}

const examples = folders.flatMap((folder) => {
  let text: string;
  try {
    text = readFileSync(join(here, folder, 'README.md'), 'utf8');
  } catch {
    return [];
  }
  return [...text.matchAll(/```yaml graft-example\n([\s\S]*?)```/g)].map((m, i) => ({ folder, i, example: parse(m[1] ?? '') as Example }));
});

describe('README examples', () => {
  it('exist for every family, except those whose README predates executable examples', () => {
    const older = ['env', 'spring-boot'];
    for (const f of families.filter((f) => !older.includes(f.family)))
      expect(
        examples.map((e) => e.folder),
        f.family,
      ).toContain(f.family);
  });

  for (const { folder, i, example } of examples) {
    it(`${folder} example ${i + 1}`, () => {
      const family = findFamily(example.family);
      expect(family?.family).toBe(folder);
      const spec = { file: 'kafka.yaml', ...(withSecrets(example.spec) as object) } as CustomerKafka;
      const name = example.service.name ?? folder;
      const ctx = makeContext({
        spec,
        name,
        ...(example.service.image ? { image: example.service.image } : {}),
        env: example.service.env ?? {},
        ...(example.binding ? { binding: { service: name, ...example.binding } } : {}),
      });
      const out = family?.emit(ctx);
      expect(out?.problems).toEqual([]);
      expect(showEnv(out?.env ?? {})).toEqual(example.emits.env ?? {});
      expect(out?.files).toEqual(example.emits.files);
      const props = out?.properties;
      expect(props && { ...props, set: Object.fromEntries(Object.entries(props.set).map(([k, v]) => [k, showValue(v)])) }).toEqual(
        example.emits.properties,
      );
    });
  }
});
