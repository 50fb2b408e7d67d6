import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { customerName, loadRequirements } from '../../src/check/requirements.js';
import { parseSecretSource, resolveSecrets, secretScrubber } from '../../src/check/secrets.js';
import { loadSpec } from '../../src/spec/validate.js';
import { runCheck } from '../../src/check/index.js';
import { ROOT } from '../support/cases.js';

const tmp = mkdtempSync(join(tmpdir(), 'graft-check-inputs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('requirements.json', () => {
  it('loads a valid file and points diagnostics at the field', () => {
    const ok = loadRequirements({
      path: 'req.json',
      text: JSON.stringify({
        apiVersion: 'graft.dev/v1',
        kind: 'KafkaRequirements',
        topics: [{ name: 'orders', partitions: 3, operations: ['READ'] }],
        groups: ['g'],
      }),
    });
    expect(ok.diagnostics).toEqual([]);
    expect(ok.requirements?.topics?.[0]?.partitions).toBe(3);
    expect(ok.requirements?.spans?.at(['topics', 0, 'name']).start).toBeGreaterThan(0);

    const text =
      '{ "apiVersion": "graft.dev/v1", "kind": "KafkaRequirements",\n  "topics": [ { "name": "bad name!", "partitons": 3, "operations": ["READ", "DELETE"] } ] }';
    const bad = loadRequirements({ path: 'bad.json', text });
    const codes = bad.diagnostics.map((d) => d.code).sort();
    expect(codes).toEqual(['CHECK_REQUIREMENTS_INVALID_VALUE', 'CHECK_REQUIREMENTS_INVALID_VALUE', 'CHECK_REQUIREMENTS_UNKNOWN_FIELD']);
    const unknown = bad.diagnostics.find((d) => d.code === 'CHECK_REQUIREMENTS_UNKNOWN_FIELD');
    expect(unknown?.help).toContain('"partitions"');
    expect(text.slice(unknown?.subject?.start, unknown?.subject?.end)).toBe('"partitons"');
    expect(bad.requirements).toBeUndefined();
  });

  it('applies the topic prefix as graft compile does', () => {
    expect(customerName('orders', 'acme.')).toBe('acme.orders');
    expect(customerName('acme.orders', 'acme.')).toBe('acme.orders');
    expect(customerName('orders', undefined)).toBe('orders');
  });

  it('a malformed requirements file stops the check before any network step', async () => {
    const spec = join(tmp, 'spec.yaml');
    writeFileSync(spec, 'apiVersion: graft.dev/v1\nkind: CustomerKafka\nbootstrapServers: 127.0.0.1:1\nsecurityProtocol: PLAINTEXT\n');
    const req = join(tmp, 'req.json');
    writeFileSync(req, '{ "apiVersion": "graft.dev/v1", "kind": "KafkaRequirements", "topics": 3 }');
    const r = await runCheck({ spec, requirements: req });
    expect(r.ok).toBe(false);
    expect(r.steps).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['CHECK_REQUIREMENTS_WRONG_TYPE']);
  });
});

describe('--secrets sources', () => {
  const specText = [
    'apiVersion: graft.dev/v1',
    'kind: CustomerKafka',
    'bootstrapServers: broker:9093',
    'securityProtocol: SASL_SSL',
    'sasl:',
    '  mechanism: SCRAM-SHA-512',
    '  username: { secretRef: { env: KAFKA_USER } }',
    '  password: { secretRef: { awsSsm: { name: /kafka/password } } }',
    'tls:',
    '  ca: { secretRef: { file: /nonexistent/ca.pem } }',
    '',
  ].join('\n');
  const loaded = loadSpec({ path: 'spec.yaml', text: specText }).spec;
  if (!loaded) throw new Error('the spec of these tests does not load');
  const spec = loaded;

  it('parses env, dir: and file-map:', () => {
    expect(parseSecretSource('env')).toEqual({ kind: 'env' });
    expect(parseSecretSource('dir:/run/secrets')).toEqual({ kind: 'dir', dir: '/run/secrets' });
    expect(parseSecretSource('file-map:/x/map.json')).toEqual({ kind: 'file-map', file: '/x/map.json' });
    expect(parseSecretSource('vault')).toBeUndefined();
    expect(parseSecretSource('dir:')).toBeUndefined();
  });

  it('env: reads env refs, reports what it cannot read with the secret name to provide', () => {
    expect(spec).toBeDefined();
    const r = resolveSecrets(spec, { kind: 'env' }, { KAFKA_USER: 'alice' });
    expect(r.values.get('sasl.username')).toBe('alice');
    expect([...r.missing].sort()).toEqual(['sasl.password', 'tls.ca']);
    const ssm = r.diagnostics.find((d) => d.message.startsWith('sasl.password'));
    expect(ssm?.code).toBe('CHECK_SECRET_UNRESOLVED');
    expect(ssm?.message).toContain('aws ssm /kafka/password');
    expect(ssm?.help).toContain('kafka_sasl_password');
    expect(specText.slice(ssm?.subject?.start, ssm?.subject?.end)).toContain('awsSsm');
  });

  it('dir: reads files named like graft secrets, strips a credential file’s final newline (reporting it) but keeps PEM as is', () => {
    const dir = join(tmp, 'secrets');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'kafka_sasl_password'), 's3cret\n');
    writeFileSync(join(dir, 'kafka_ca'), '-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----\n');
    const r = resolveSecrets(spec, { kind: 'dir', dir }, {});
    expect(r.values.get('sasl.password')).toBe('s3cret');
    expect(r.values.get('tls.ca')?.endsWith('-----\n')).toBe(true);
    // the username is an env ref that is not set and has no file in the directory
    expect([...r.missing]).toEqual(['sasl.username']);
    // the newline is reported, at the password's reference, with the file to rewrite; the PEM's is not
    const newline = r.diagnostics.filter((d) => d.code === 'CHECK_SECRET_TRAILING_NEWLINE');
    expect(newline.map((d) => d.message.split(' ')[0])).toEqual(['sasl.password']);
    expect(newline[0]?.help).toContain(`printf '%s' "$v" > ${join(dir, 'kafka_sasl_password')}`);
    expect(specText.slice(newline[0]?.subject?.start, newline[0]?.subject?.end)).toContain('awsSsm');
  });

  it('file-map: maps secret names or spec paths to files', () => {
    const pw = join(tmp, 'pw.txt');
    writeFileSync(pw, 'from-map');
    const map = join(tmp, 'map.json');
    writeFileSync(map, JSON.stringify({ 'sasl.password': 'pw.txt', kafka_sasl_username: pw }));
    const r = resolveSecrets(spec, { kind: 'file-map', file: map }, {});
    expect(r.values.get('sasl.password')).toBe('from-map');
    expect(r.values.get('sasl.username')).toBe('from-map');
    expect(r.origins.join('\n')).not.toContain('from-map');
  });

  it('file-map: a map that is not JSON, or maps a name to a value instead of a path, is reported without its content', () => {
    if (!spec) return;
    const notJson = join(tmp, 'not-json');
    writeFileSync(notJson, 'map-content-s3cret\n');
    const values = join(tmp, 'values.json');
    writeFileSync(values, JSON.stringify({ kafka_sasl_password: 'mapped-value-s3cret' }));
    for (const file of [notJson, values]) {
      const r = resolveSecrets(spec, { kind: 'file-map', file }, {});
      expect(r.missing.has('sasl.password')).toBe(true);
      const text = r.diagnostics.map((d) => `${d.message} ${d.help ?? ''}`).join('\n');
      expect(text).toContain(file);
      expect(text).not.toMatch(/s3cret/);
    }
  });

  it('the scrubber removes a resolved secret in every form it comes back in, and keeps identities', () => {
    if (!spec) return;
    const r = resolveSecrets(spec, { kind: 'env' }, { KAFKA_USER: 'alice' });
    r.values.set('sasl.password', 'p@ss word!');
    const scrub = secretScrubber(spec, r);
    const basic = Buffer.from('alice:p@ss word!').toString('base64');
    const form = encodeURIComponent('p@ss word!').replace(/%20/g, '+');
    expect(scrub(`got p@ss word! as ${form} in Basic ${basic} for alice`)).toBe('got *** as *** in Basic *** for alice');
  });
});

describe('secret hygiene: values the appliance would misread', () => {
  const write = (name: string, text: string): string => {
    const f = join(tmp, name);
    writeFileSync(f, text);
    return f;
  };
  const specOf = (lines: string[]): { path: string; text: string } => {
    const text = ['apiVersion: graft.dev/v1', 'kind: CustomerKafka', 'bootstrapServers: 127.0.0.1:1', ...lines, ''].join('\n');
    return {
      path: write(
        `hygiene-${lines
          .join('')
          .replace(/[^a-z]/gi, '')
          .slice(0, 40)}.yaml`,
        text,
      ),
      text,
    };
  };
  const load = (text: string): NonNullable<ReturnType<typeof loadSpec>['spec']> => {
    const spec = loadSpec({ path: 'spec.yaml', text }).spec;
    if (!spec) throw new Error('the spec of this test does not load');
    return spec;
  };
  const codes = (r: ReturnType<typeof resolveSecrets>): string[] => r.diagnostics.map((d) => `${d.code} ${d.message.split(' ')[0]}`);
  const shown = (r: ReturnType<typeof resolveSecrets>): string => r.diagnostics.map((d) => `${d.message}\n${d.help ?? ''}`).join('\n');

  it('a password file written with echo ends with a newline: reported with printf and the file, never the value', () => {
    const pw = write('echo-password', 'Tr1cky-pw-value\n');
    const { text } = specOf([
      'securityProtocol: SASL_PLAINTEXT',
      'sasl:',
      '  mechanism: SCRAM-SHA-512',
      '  username: alice',
      `  password: { secretRef: { file: ${pw} } }`,
    ]);
    const r = resolveSecrets(load(text), { kind: 'env' }, {});
    expect(codes(r)).toEqual(['CHECK_SECRET_TRAILING_NEWLINE sasl.password']);
    const d = r.diagnostics[0];
    expect(d?.severity).toBe('error');
    expect(d?.message).toContain(`file ${pw}`);
    expect(d?.help).toContain(`v="$(cat ${pw})" && printf '%s' "$v" > ${pw}`);
    expect(d?.help).toContain(`truncate -s -1 ${pw}`);
    expect(text.slice(d?.subject?.start, d?.subject?.end)).toContain(pw);
    expect(shown(r)).not.toContain('Tr1cky');
    // the probes still get the value without the newline
    expect(r.values.get('sasl.password')).toBe('Tr1cky-pw-value');
    // CRLF too; a file without the newline is fine
    expect(codes(resolveSecrets(load(text.replace(pw, write('crlf', 'Tr1cky-pw-value\r\n'))), { kind: 'env' }, {}))).toHaveLength(1);
    expect(codes(resolveSecrets(load(text.replace(pw, write('printf', 'Tr1cky-pw-value'))), { kind: 'env' }, {}))).toEqual([]);
  });

  it('an environment variable ending with a newline is reported with the variable to set', () => {
    const { text } = specOf([
      'securityProtocol: SASL_SSL',
      'sasl:',
      '  mechanism: PLAIN',
      '  username: { secretRef: { env: KAFKA_USER } }',
      '  password: { secretRef: { env: KAFKA_PASSWORD } }',
    ]);
    const r = resolveSecrets(load(text), { kind: 'env' }, { KAFKA_USER: 'alice', KAFKA_PASSWORD: 'env-s3cret-value\n' });
    expect(codes(r)).toEqual(['CHECK_SECRET_TRAILING_NEWLINE sasl.password']);
    expect(r.diagnostics[0]?.help).toContain('export KAFKA_PASSWORD="$(cat <file holding the value>)"');
    expect(shown(r)).not.toContain('env-s3cret');
  });

  it('a double quote, a backslash or an inner line break in a JAAS credential is reported; other secrets may hold them', () => {
    const { text } = specOf([
      'securityProtocol: SASL_SSL',
      'sasl:',
      '  mechanism: SCRAM-SHA-256',
      '  username: { secretRef: { env: KAFKA_USER } }',
      '  password: { secretRef: { env: KAFKA_PASSWORD } }',
      'schemaRegistry:',
      '  url: https://registry.example.com',
      '  basicAuth:',
      '    username: sr',
      '    password: { secretRef: { env: SR_PASSWORD } }',
    ]);
    const spec = load(text);
    for (const bad of ['pa"ss-w0rd', 'pa\\ss-w0rd', 'pa\nss-w0rd']) {
      const r = resolveSecrets(spec, { kind: 'env' }, { KAFKA_USER: 'alice', KAFKA_PASSWORD: bad, SR_PASSWORD: 'sr"pa\\ss' });
      expect(codes(r)).toEqual(['CHECK_SECRET_JAAS_UNSAFE sasl.password']);
      expect(r.diagnostics[0]?.help).toContain('choose a value without');
      expect(shown(r)).not.toContain('ss-w0rd');
    }
    // the username goes into the same line
    const user = resolveSecrets(spec, { kind: 'env' }, { KAFKA_USER: 'al"ice', KAFKA_PASSWORD: 'fine-password', SR_PASSWORD: 'x' });
    expect(codes(user)).toEqual(['CHECK_SECRET_JAAS_UNSAFE sasl.username']);
    // a trailing newline and a quote are two findings
    const both = resolveSecrets(spec, { kind: 'env' }, { KAFKA_USER: 'alice', KAFKA_PASSWORD: 'pa"ss-w0rd\n', SR_PASSWORD: 'x' });
    expect(codes(both)).toEqual(['CHECK_SECRET_TRAILING_NEWLINE sasl.password', 'CHECK_SECRET_JAAS_UNSAFE sasl.password']);
  });

  it('the OAuth client secret is a JAAS option; a PEM file keeps its final newline', () => {
    const ca = write('ca.pem', '-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----\n');
    const { text } = specOf([
      'securityProtocol: SASL_SSL',
      'sasl:',
      '  mechanism: OAUTHBEARER',
      '  oauth:',
      '    tokenEndpoint: https://idp.example.com/token',
      '    clientId: app',
      '    clientSecret: { secretRef: { env: OAUTH_SECRET } }',
      'tls:',
      `  ca: { secretRef: { file: ${ca} } }`,
    ]);
    const r = resolveSecrets(load(text), { kind: 'env' }, { OAUTH_SECRET: 'c\\secret-value' });
    expect(codes(r)).toEqual(['CHECK_SECRET_JAAS_UNSAFE sasl.oauth.clientSecret']);
  });

  it('graft check reports both on the secrets step, the first of the checklist, before any network step', async () => {
    const pw = write('check-password', 'quo"ted-password\n');
    const { path } = specOf([
      'securityProtocol: SASL_PLAINTEXT',
      'sasl:',
      '  mechanism: SCRAM-SHA-512',
      '  username: alice',
      `  password: { secretRef: { file: ${pw} } }`,
    ]);
    const r = await runCheck({ spec: path, timeoutMs: 2000 });
    expect(r.diagnostics.filter((d) => !d.code.startsWith('CHECK_'))).toEqual([]);
    expect(r.ok).toBe(false);
    expect(r.steps[0]?.probe).toBe('secrets');
    expect(r.steps[0]?.status).toBe('fail');
    expect(r.steps[0]?.diagnostics.map((d) => d.code)).toEqual(['CHECK_SECRET_TRAILING_NEWLINE', 'CHECK_SECRET_JAAS_UNSAFE']);
    expect(JSON.stringify(r.diagnostics)).not.toContain('ted-password');
  });
});

describe('src/check/README.md', () => {
  it('its requirements.json example is valid', () => {
    const readme = readFileSync(join(ROOT, 'src', 'check', 'README.md'), 'utf8');
    const example = /```json\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const r = loadRequirements({ path: 'README.md', text: example });
    expect(r.diagnostics).toEqual([]);
    expect(r.requirements?.topics?.map((t) => t.name)).toEqual(['orders', 'audit']);
  });
});
