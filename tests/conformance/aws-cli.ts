import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AwsSecrets } from './ecs-task.js';

// The AWS CLI as the handoff's secret commands use it, against the tests' stand-in Secrets Manager / SSM (an
// `AwsSecrets` map kept in a JSON file) instead of AWS: `secretsmanager create-secret` (the secret kept under its
// name) and `put-secret-value`, `ssm put-parameter` and `ecs update-service --force-new-deployment` (recorded, for
// the test to start the new tasks). Strict as the real CLI
// is: an option it does not know, a missing one, a secret that does not exist, a parameter overwritten without
// `--overwrite` or a region that is not the secret's fails the command. `file://` values are read byte for byte.

const SHIM = String.raw`
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
const [service, operation, ...args] = process.argv.slice(2);
const fail = (code, message) => { process.stderr.write(message + '\n'); process.exit(code); };
const FLAGS = new Set(['--overwrite', '--force-new-deployment']);
const options = {};
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (!a.startsWith('--')) fail(252, 'Unknown options: ' + a);
  if (FLAGS.has(a)) options[a] = true;
  else if (i + 1 < args.length) options[a] = args[++i];
  else fail(252, 'argument ' + a + ': expected one argument');
}
const allow = (known, required) => {
  for (const k of Object.keys(options)) if (!known.includes(k)) fail(252, 'Unknown options: ' + k);
  for (const k of required) if (options[k] === undefined) fail(252, 'the following arguments are required: ' + k);
};
const value = (v) => (v.startsWith('file://') ? readFileSync(v.slice(7), 'utf8') : v);
const storeFile = process.env.GRAFT_AWS_STORE;
const store = JSON.parse(readFileSync(storeFile, 'utf8'));
const op = service + ' ' + operation;
const secretOf = (text) => {
  let parsed;
  try { parsed = JSON.parse(text); } catch { parsed = undefined; }
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : text;
};
if (op === 'secretsmanager create-secret') {
  allow(['--region', '--name', '--kms-key-id', '--secret-string'], ['--name', '--secret-string']);
  const name = options['--name'];
  if (name in store) fail(254, 'An error occurred (ResourceExistsException) when calling the CreateSecret operation: the secret ' + name + ' already exists.');
  store[name] = secretOf(value(options['--secret-string']));
} else if (op === 'secretsmanager put-secret-value') {
  allow(['--region', '--secret-id', '--secret-string'], ['--secret-id', '--secret-string']);
  const id = options['--secret-id'];
  if (!(id in store)) fail(254, 'An error occurred (ResourceNotFoundException) when calling the PutSecretValue operation: Secrets Manager can\'t find the specified secret.');
  if (options['--region'] !== undefined && id.split(':')[3] !== options['--region']) fail(254, 'An error occurred (ResourceNotFoundException): the secret is in another region');
  store[id] = secretOf(value(options['--secret-string']));
} else if (op === 'ssm put-parameter') {
  allow(['--name', '--type', '--key-id', '--overwrite', '--value'], ['--name', '--value']);
  const name = options['--name'];
  if (name in store && !options['--overwrite']) fail(254, 'An error occurred (ParameterAlreadyExists) when calling the PutParameter operation: The parameter already exists.');
  if (options['--type'] !== undefined && options['--type'] !== 'SecureString') fail(252, 'graft stores secrets as SecureString');
  store[name] = value(options['--value']);
} else if (op === 'ecs update-service') {
  allow(['--cluster', '--service', '--force-new-deployment'], ['--service', '--force-new-deployment']);
  appendFileSync(process.env.GRAFT_AWS_DEPLOYMENTS, JSON.stringify({ cluster: options['--cluster'] ?? 'default', service: options['--service'] }) + '\n');
  process.exit(0);
} else fail(252, 'the stand-in AWS CLI does not know: ' + op);
writeFileSync(storeFile, JSON.stringify(store));
`;

/** A new deployment the handoff forced: the cluster and service it named. */
export interface ForcedDeployment {
  cluster: string;
  service: string;
}

/** The stand-in CLI under `dir`, holding `secrets`. */
export interface AwsCli {
  /** Runs a handoff's shell block with `sh -eu` in `cwd`, `aws` being the stand-in; throws when a command fails. */
  run(block: string, cwd: string): void;
  /** The store as the commands left it. */
  secrets(): AwsSecrets;
  /** Every `update-service --force-new-deployment` run so far, in order; cleared by the call. */
  deployments(): ForcedDeployment[];
}

export function awsCli(dir: string, secrets: AwsSecrets): AwsCli {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'aws.mjs'), SHIM);
  writeFileSync(join(bin, 'aws'), `#!/bin/sh\nexec '${process.execPath}' '${join(bin, 'aws.mjs')}' "$@"\n`);
  chmodSync(join(bin, 'aws'), 0o755);
  const store = join(dir, 'store.json');
  const log = join(dir, 'deployments.jsonl');
  writeFileSync(store, JSON.stringify(secrets));
  return {
    run(block, cwd) {
      execFileSync('sh', ['-eu', '-c', block], {
        cwd,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}`, GRAFT_AWS_STORE: store, GRAFT_AWS_DEPLOYMENTS: log },
      });
    },
    secrets: () => JSON.parse(readFileSync(store, 'utf8')) as AwsSecrets,
    deployments() {
      if (!existsSync(log)) return [];
      const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
      writeFileSync(log, '');
      return lines.map((l) => JSON.parse(l) as ForcedDeployment);
    },
  };
}

/** The shell block of a handoff README that follows the paragraph starting with `lead`. */
export function shellBlockAfter(readme: string, lead: string): string {
  const at = readme.split('\n').findIndex((l) => l.startsWith(lead));
  if (at < 0) throw new Error(`the handoff has no paragraph starting "${lead}"`);
  const lines = readme.split('\n').slice(at + 1);
  const open = lines.findIndex((l) => l === '```sh');
  const close = lines.findIndex((l, i) => i > open && l === '```');
  if (open < 0 || close < 0) throw new Error(`no shell block after "${lead}"`);
  return lines.slice(open + 1, close).join('\n');
}

/** A scratch directory for one rotation's value files, under `work`. */
export function valueFiles(work: string, files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(work, 'values-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content, { mode: 0o600 });
  return dir;
}
