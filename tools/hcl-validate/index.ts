import { spawnSync } from 'node:child_process';
import { accessSync, constants, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../run.js';

/** What a problem is about: the parser's error, the shape of blocks and declarations, or a reference. */
export type HclProblemKind = 'syntax' | 'structure' | 'reference';

/** One finding, at a 1-based line and column counted in UTF-8 bytes (`offset` is the 0-based byte offset). */
export interface HclProblem {
  file: string;
  line: number;
  column: number;
  offset: number;
  message: string;
  kind: HclProblemKind;
}

/** A validated module directory and what `terraform init` would download for it (empty: nothing). */
export interface HclModule {
  dir: string;
  downloads: string[];
}

/** The validator's whole report: problems in file and offset order, and every module it read (children included). */
export interface HclReport {
  problems: HclProblem[];
  modules: HclModule[];
}

/** The result of the real `terraform validate`; `ran` is false when no binary is on PATH or `init` would download something. */
export interface TerraformValidation {
  ran: boolean;
  ok?: boolean;
  output?: string;
}

const buildScript = join(dirname(fileURLToPath(import.meta.url)), 'build.sh');
const maxBuffer = 64 * 1024 * 1024;

let binary: string | undefined;

function built(status: number | null, stdout: string, stderr: string): string {
  const path = stdout.trim().split('\n').pop() ?? '';
  if (status !== 0 || path === '') {
    throw new Error(`hcl-validate: build.sh failed (exit ${String(status)}):\n${stderr}`);
  }
  binary = path;
  return path;
}

/** Runs build.sh (at most once per process; it is a no-op when the binary is up to date) and returns the binary's path. */
export function ensureHclValidate(): string {
  if (binary !== undefined) return binary;
  const { status, stdout, stderr } = spawnSync('bash', [buildScript], { encoding: 'utf8', maxBuffer });
  return built(status, stdout, stderr);
}

/**
 * The same as ensureHclValidate without blocking the event loop: a test file calls it in `beforeAll`, since a first
 * build (a Go toolchain fetching modules) can take minutes, and a test worker blocked that long loses its runner's RPC.
 */
export function prepareHclValidate(): Promise<string> {
  if (binary !== undefined) return Promise.resolve(binary);
  return run('bash', [buildScript]).then(({ code, stdout, stderr }) => built(code, stdout, stderr));
}

/** Validates Terraform module directories and their local child modules; throws on a usage error (a missing directory, no Terraform files). */
export function inspectTerraform(dirs: string[]): HclReport {
  const bin = ensureHclValidate();
  const { status, stdout, stderr } = spawnSync(bin, ['--', ...dirs], { encoding: 'utf8', maxBuffer });
  if (status !== 0 && status !== 1) {
    throw new Error(`hcl-validate: exit ${String(status)}: ${stderr.trim() || stdout.trim()}`);
  }
  const parsed = JSON.parse(stdout) as { ok?: unknown; problems: HclProblem[]; modules: HclModule[] };
  if (parsed.ok !== (status === 0)) {
    throw new Error(`hcl-validate: exit ${String(status)} disagrees with its output: ${stdout}`);
  }
  return { problems: parsed.problems, modules: parsed.modules };
}

/** Returns every syntax, structure and reference problem in the modules (an empty array: all valid). */
export function validateTerraform(dirs: string[]): HclProblem[] {
  return inspectTerraform(dirs).problems;
}

/** The `terraform` (or else `tofu`) binary on PATH, or undefined when there is none. */
export function terraformBinary(): string | undefined {
  return findOnPath(['terraform', 'tofu']);
}

function findOnPath(names: string[]): string | undefined {
  for (const name of names) {
    for (const dir of (process.env.PATH ?? '').split(delimiter)) {
      if (dir === '') continue;
      try {
        accessSync(join(dir, name), constants.X_OK);
        return join(dir, name);
      } catch {
        // not in this directory
      }
    }
  }
  return undefined;
}

function isOutside(ancestor: string, dir: string): boolean {
  const rel = relative(ancestor, dir);
  return rel === '..' || rel.startsWith(`..${sep}`);
}

/** Copies the Terraform files of each module directory under one temporary root, keeping their relative layout. */
function copyModules(dirs: string[]): { root: string; map: (dir: string) => string } {
  const abs = dirs.map((d) => resolve(d));
  let common = abs[0] ?? '';
  for (const dir of abs) {
    while (isOutside(common, dir)) common = dirname(common);
  }
  const root = mkdtempSync(join(tmpdir(), 'hcl-validate-tf-'));
  const map = (dir: string): string => join(root, relative(common, resolve(dir)));
  for (const dir of abs) {
    const target = map(dir);
    mkdirSync(target, { recursive: true });
    for (const name of readdirSync(dir)) {
      if (name.endsWith('.tf') || name.endsWith('.tf.json')) copyFileSync(join(dir, name), join(target, name));
    }
  }
  return { root, map };
}

/**
 * Runs the real `terraform` (or `tofu`) `init -backend=false` and `validate -json` on a temporary copy of the module
 * and its local children, when one is on PATH and init would download nothing: no resource, data, ephemeral or
 * provider blocks, no required_providers and no remote module sources, in the module or any local child.
 * `ok` is validate's verdict (false when init fails); `output` is validate's JSON, or init's output when it failed.
 */
export function terraformValidate(dir: string): TerraformValidation {
  const tool = findOnPath(['terraform', 'tofu']);
  if (tool === undefined) return { ran: false };
  const { modules } = inspectTerraform([dir]);
  if (modules.some((m) => m.downloads.length > 0)) return { ran: false };
  const { root, map } = copyModules(modules.map((m) => m.dir));
  try {
    const cwd = map(dir);
    const env = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
    const run = (args: string[]) => spawnSync(tool, args, { cwd, env, encoding: 'utf8', maxBuffer });
    const init = run(['init', '-backend=false', '-input=false', '-no-color']);
    if (init.status !== 0) return { ran: true, ok: false, output: `${init.stdout}${init.stderr}` };
    const validate = run(['validate', '-json', '-no-color']);
    let valid = false;
    try {
      valid = (JSON.parse(validate.stdout) as { valid?: unknown }).valid === true;
    } catch {
      return { ran: true, ok: false, output: `${validate.stdout}${validate.stderr}` };
    }
    return { ran: true, ok: valid && validate.status === 0, output: validate.stdout };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Files of a directory that `terraform fmt` would rewrite (`.tf`, `.tfvars`), or undefined when no terraform or tofu
 * binary is on PATH. Runs on the directory as it is; nothing is written.
 */
export function terraformFmtDirty(dir: string): string[] | undefined {
  const bin = findOnPath(['terraform', 'tofu']);
  if (!bin) return undefined;
  const r = spawnSync(bin, ['fmt', '-check', '-list=true', '-no-color', dir], {
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: '/dev/null' },
  });
  return r.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => relative(dir, resolve(l)));
}
