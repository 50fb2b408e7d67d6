import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kubernetesTrim, secretCreation, secretStoreUpdates } from '../../src/handoff/secrets.js';
import { secretUpdates } from '../../src/handoff/rotation.js';
import type { HandoffModel } from '../../src/handoff/types.js';
import { parseSecretRef } from '../../src/secrets/index.js';
import { secretName } from '../../src/secrets/names.js';
import type { CustomerKafka, SecretValue } from '../../src/spec/types.js';
import { awsCli } from '../conformance/aws-cli.js';
import { skippable } from '../support/skips.js';

// The handoff's commands that put the customer's secrets into their store, run as printed (a real shell, jq and
// kubectl; the AWS CLI's stand-in, which reads `file://` values byte for byte): the customer writes each value into the
// file the handoff names, as an editor leaves it (a typed value with or without a final newline), and each store must
// then hold exactly the value, and each multi-line PEM file's bytes, whatever the platform. A value with `'`, `"`, `\`,
// `$`, a backquote and spaces must arrive unchanged (no value is ever on a command line); nothing may add a newline.

const USER = 'app\'user "x"';
const PASSWORD = "p@ss 'q' \"r\" \\x \\' ${HOME} $y `id` $(id)";
const PEM = (what: string): string =>
  `-----BEGIN ${what}-----\nMIIBszCCAVmgAwIBAgIUTest+/=\nQUJD'REVG"SElK\\TE1O$\n-----END ${what}-----\n`;
/** Why a tool the customer runs cannot run here: it is not on PATH. */
function missing(tool: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter))
    try {
      accessSync(join(dir, tool), constants.X_OK);
      return undefined;
    } catch {
      // not in this directory
    }
  return `no ${tool} on PATH`;
}

const work = mkdtempSync(join(tmpdir(), 'graft-secret-commands-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const span = { file: 'kafka.yaml', start: 0, end: 0 };
const at = (path: string, written: unknown): SecretValue => {
  const secretRef = parseSecretRef(written);
  if (!secretRef) throw new Error(`no store in ${JSON.stringify(written)}`);
  return { secretRef, path, span };
};

/** A SCRAM + mTLS spec whose five secrets are in one store, `ref(key)` naming each; the handoff reads only the spec. */
function modelOf(ref: (key: string) => unknown): HandoffModel {
  const spec = {
    sasl: { mechanism: 'SCRAM-SHA-512', username: at('sasl.username', ref('username')), password: at('sasl.password', ref('password')) },
    tls: { ca: at('tls.ca', ref('ca')), clientCert: at('tls.clientCert', ref('cert')), clientKey: at('tls.clientKey', ref('key')) },
  } as unknown as CustomerKafka;
  return { spec } as unknown as HandoffModel;
}

const VALUES: Record<string, string> = {
  username: USER,
  password: PASSWORD,
  ca: PEM('CERTIFICATE'),
  cert: PEM('CERTIFICATE'),
  key: PEM('PRIVATE KEY'),
};
const PATHS: Record<string, string> = {
  'sasl.username': 'username',
  'sasl.password': 'password',
  'tls.ca': 'ca',
  'tls.clientCert': 'cert',
  'tls.clientKey': 'key',
};

/**
 * A scratch directory holding each value in the file the handoff names, as the customer saves it: the password as an
 * editor leaves it, with a final newline, the username without one, each PEM file as its bytes.
 */
function customerDir(model: HandoffModel): string {
  const dir = mkdtempSync(join(work, 'run-'));
  for (const [path, key] of Object.entries(PATHS)) {
    const [head, tail] = path.split('.') as [string, string];
    const v = (model.spec as unknown as Record<string, Record<string, SecretValue>>)[head]?.[tail];
    if (!v) continue;
    const value = VALUES[key] ?? '';
    writeFileSync(join(dir, head === 'tls' ? `${secretName(v)}.pem` : secretName(v)), key === 'password' ? `${value}\n` : value);
  }
  return dir;
}

/** The shell block of the handoff's Secrets section: the files it names, then its lines (no value, no placeholder in them). */
function creation(model: HandoffModel, namespaces: string[]): string[] {
  const c = secretCreation(model, namespaces);
  if (!c) throw new Error('no secret creation block');
  for (const f of ['kafka_sasl_username', 'kafka_sasl_password', 'kafka_ca.pem', 'kafka_client_cert.pem', 'kafka_client_key.pem'])
    expect(c.lead).toContain(`\`${f}\``);
  for (const line of c.lines) expect(line).not.toMatch(/<[a-z ]+>/);
  return c.lines;
}

function sh(script: string, cwd: string, env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn('sh', ['-eu', '-c', script], { cwd, env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${script}\nexited ${code}: ${err}`))));
  });
}

describe("the handoff's secret commands, run as printed: the store holds exactly the value written, no newline added", () => {
  it('file: each value file installed, a typed value without the newline an editor left', async () => {
    const files = mkdtempSync(join(work, 'files-'));
    const model = modelOf((k) => ({ file: join(files, k) }));
    const dir = customerDir(model);
    const lines = creation(model, []);
    expect(lines.filter((l) => l.startsWith('install '))).toHaveLength(5);
    await sh(lines.join('\n'), dir);
    for (const key of Object.values(PATHS)) expect(readFileSync(join(files, key), 'utf8'), key).toBe(VALUES[key]);
  });

  it('env: the exported variable holds the value, a PEM its final newline too', async () => {
    const model = modelOf((k) => ({ env: `KAFKA_${k.toUpperCase()}` }));
    const dir = customerDir(model);
    const out = await sh([...creation(model, []), `node -e 'process.stdout.write(JSON.stringify(process.env))'`].join('\n'), dir);
    const env = JSON.parse(out) as Record<string, string>;
    for (const key of Object.values(PATHS)) expect(env[`KAFKA_${key.toUpperCase()}`], key).toBe(VALUES[key]);
  });

  it.skipIf(missing('kubectl') !== undefined)(
    skippable('Kubernetes: kubectl create secret (and its in-place update form) stores each key as its file holds it', missing('kubectl')),
    async () => {
      const model = modelOf((k) => ({ kubernetes: { name: 'kafka-client', key: k } }));
      const lines = creation(model, ['shop']);
      const update = secretUpdates(lines, kubernetesTrim(model)).filter((l) => /^(kubectl|for) /.test(l));
      expect(lines.filter((l) => l.startsWith('kubectl '))).toHaveLength(1);
      expect(update.filter((l) => l.startsWith('kubectl '))).toHaveLength(1);
      for (const block of [lines, update.map((u) => u.replace(/ -o yaml \| kubectl apply -f -$/, ''))]) {
        const dir = customerDir(model);
        const c = block.find((l) => l.startsWith('kubectl ')) ?? '';
        expect(c).toMatch(/^kubectl create secret generic kafka-client --namespace shop /);
        const script = block.map((l) => (l === c ? `${c.replace(/ --dry-run=client$/, '')} --dry-run=client -o json` : l)).join('\n');
        const out = await sh(script, dir, { KUBECONFIG: join(dir, 'none') });
        const secret = JSON.parse(out) as { metadata: { namespace: string }; data: Record<string, string> };
        expect(secret.metadata.namespace).toBe('shop');
        expect(Object.fromEntries(Object.entries(secret.data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]))).toEqual(
          VALUES,
        );
      }
    },
  );

  it.skipIf(missing('jq') !== undefined)(
    skippable(
      'Secrets Manager, one JSON secret: jq builds the document, create-secret and the rotation update store every key as written',
      missing('jq'),
    ),
    () => {
      const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders-kafka-AbCdEf';
      const model = modelOf((k) => ({ awsSecretsManager: { arn, key: k } }));
      const dir = customerDir(model);
      const aws = awsCli(mkdtempSync(join(work, 'aws-')), {});
      aws.run(creation(model, []).join('\n'), dir);
      expect(aws.secrets()['orders-kafka']).toEqual(VALUES);
      // at rotation: the value files as an editor leaves them, a newline at the end of each typed value
      const update = secretStoreUpdates(model);
      const block = update.slice(update.indexOf('```sh') + 1, update.lastIndexOf('```')).join('\n');
      const rotated = {
        username: 'new-user',
        password: `${PASSWORD}2`,
        ca: VALUES['ca'] ?? '',
        cert: PEM('NEW CERTIFICATE'),
        key: PEM('NEW KEY'),
      };
      const files = mkdtempSync(join(work, 'values-'));
      for (const [path, key] of Object.entries(PATHS)) {
        const [head, tail] = path.split('.') as [string, string];
        const v = (model.spec as unknown as Record<string, Record<string, SecretValue>>)[head]?.[tail];
        if (!v) continue;
        const pem = head === 'tls';
        writeFileSync(
          join(files, `${secretName(v)}${pem ? '.pem' : ''}`),
          pem ? rotated[key as keyof typeof rotated] : `${rotated[key as keyof typeof rotated]}\n`,
        );
      }
      const seeded = awsCli(mkdtempSync(join(work, 'aws-')), { [arn]: VALUES });
      seeded.run(block, files);
      expect(seeded.secrets()[arn]).toEqual(rotated);
    },
  );

  it('Secrets Manager, a secret per value, and SSM parameters: each value file, as it is', () => {
    const sm = (k: string): string => `arn:aws:secretsmanager:eu-west-1:123456789012:secret:kafka-${k}-AbCdEf`;
    for (const model of [modelOf((k) => ({ awsSecretsManager: { arn: sm(k) } })), modelOf((k) => ({ awsSsm: { name: `/kafka/${k}` } }))]) {
      const dir = customerDir(model);
      const aws = awsCli(mkdtempSync(join(work, 'aws-')), {});
      const lines = creation(model, []);
      expect(lines.filter((l) => l.startsWith('aws '))).toHaveLength(5);
      aws.run(lines.join('\n'), dir);
      const stored = aws.secrets();
      for (const key of Object.values(PATHS)) expect(stored[`kafka-${key}`] ?? stored[`/kafka/${key}`], key).toBe(VALUES[key]);
    }
  });
});
