import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import type { RunClientResult, RunnerName } from '../../testbed/runners/index.js';
import type { ContainerMount } from './compose-service.js';

// Runs a client runner the way a container would see its files: inside a private mount namespace
// (`unshare --mount`, root only) the secrets, configs and bind mounts of the compiled service are
// bind-mounted at their exact container paths (/run/secrets/<name>, /etc/app/client.properties, ...).
// A target whose directory does not exist on this host (e.g. /etc/app) is made under an overlay of
// its nearest existing ancestor (upper layer on a namespace-private tmpfs), so the host's filesystem
// is never changed. A target directly under / (e.g. /graft) cannot be made that way, since / cannot be
// overlaid in place: the command then runs chrooted into an overlay of / with the host's mounts bound
// back in. Inside the namespace, container-child.ts calls testbed/runners' runClient.

const ROOT = join(import.meta.dirname, '..', '..');
const CHILD = join(import.meta.dirname, 'container-child.ts');

/** One runner run: its whole environment and the files it sees. */
export interface ContainerRun {
  runner: RunnerName;
  env: Record<string, string>;
  mounts: readonly ContainerMount[];
  timeoutMs: number;
}

/** Tells why runners cannot get private mount namespaces here, or undefined when they can. */
export function containerSupportProblem(): string | undefined {
  const r = spawnSync('unshare', ['--mount', '--propagation', 'private', '--', 'mount', '-n', '-t', 'tmpfs', 'probe', '/mnt'], {
    encoding: 'utf8',
  });
  if (r.status === 0) return undefined;
  return `unshare --mount with mount(8) failed (${r.error?.message ?? r.stderr.trim()}); the conformance test needs root (CAP_SYS_ADMIN)`;
}

/** Runs the runner in a private mount namespace holding the service's mounts; `scratch` is an empty work directory. */
export async function runInContainer(run: ContainerRun, scratch: string): Promise<RunClientResult> {
  const request = join(scratch, 'request.json');
  const result = join(scratch, 'result.json');
  await writeFile(request, JSON.stringify({ runner: run.runner, env: run.env, timeoutMs: run.timeoutMs }));
  const { code, log, script } = await execInNamespace(
    run.mounts,
    scratch,
    [process.execPath, '--import', 'tsx', CHILD, request, result],
    run.timeoutMs + 15_000,
  );
  if (code !== 0 || !existsSync(result))
    throw new Error(`container setup or child failed (exit ${code}):\n${log}\n--- script ---\n${script}`);
  return JSON.parse(await readFile(result, 'utf8')) as RunClientResult;
}

/** How `execInNamespace` starts the command. */
export interface ExecOptions {
  /** Working directory of the command (default: the repository root). */
  cwd?: string;
  /** The command's whole environment (default: this process's environment). */
  env?: Readonly<Record<string, string>>;
}

/** What a command run by `execInNamespace` did. */
export interface ExecResult {
  code: number;
  /** stdout and stderr, interleaved as they arrived. */
  log: string;
  stdout: string;
  stderr: string;
  /** The shell script that set up the namespace and ran the command. */
  script: string;
}

/** Runs `argv` in a new private mount namespace holding `mounts`. */
export async function execInNamespace(
  mounts: readonly ContainerMount[],
  scratch: string,
  argv: readonly string[],
  timeoutMs: number,
  options: ExecOptions = {},
): Promise<ExecResult> {
  const ns = join(scratch, 'ns');
  await mkdir(ns, { recursive: true });
  const { lines, root } = mountScript(mounts, ns);
  const env = options.env ? ['env', '-i', ...Object.entries(options.env).map(([k, v]) => `${k}=${v}`)] : [];
  const command = `cd ${sq(options.cwd ?? ROOT)} && exec ${[...env, ...argv].map(sq).join(' ')}`;
  const script = ['set -eu', ...lines, root ? `exec chroot ${sq(root)} /bin/sh -c ${sq(command)}` : command].join('\n');
  const child = spawn('unshare', ['--mount', '--propagation', 'private', '--', 'sh', '-c', script], {
    cwd: ROOT,
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => ((log += c.toString()), (stdout += c.toString())));
  child.stderr.on('data', (c: Buffer) => ((log += c.toString()), (stderr += c.toString())));
  const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), timeoutMs);
  const code = await new Promise<number>((res) => child.on('close', (c) => res(c ?? 1)));
  clearTimeout(timer);
  return { code, log, stdout, stderr, script };
}

/**
 * Shell lines that place every mount at its target inside the (already private) mount namespace, and the
 * directory to chroot into: empty when the host's root serves, else an overlay of / under `ns`.
 */
export function mountScript(mounts: readonly ContainerMount[], ns: string): { lines: string[]; root: string } {
  const lines = [`mount -n -t tmpfs graft-conformance ${sq(ns)}`];
  const roots = overlayRoots(mounts.map((m) => m.target));
  // `at(p)`: where host path p is seen by the command
  const root = roots.includes('/') ? `${ns}/root` : '';
  const at = (p: string): string => `${root}${p}`;
  if (root) {
    lines.push(
      `mkdir -p ${sq(root)} ${sq(`${ns}/upper-root`)} ${sq(`${ns}/work-root`)}`,
      `mount -n -t overlay graft-overlay -o ${sq(`lowerdir=/,upperdir=${ns}/upper-root,workdir=${ns}/work-root`)} ${sq(root)}`,
      ...submountsUnder('/').map((m) => `mount -n --rbind ${sq(m)} ${sq(at(m))}`),
    );
  }
  roots
    .filter((r) => r !== '/')
    .forEach((dir, i) => {
      if (/[,:\\]/.test(at(dir))) throw new Error(`cannot overlay ${dir}: its path has characters overlayfs options cannot hold`);
      const kept = submountsUnder(dir);
      kept.forEach((m, k) =>
        lines.push(
          ...makeTarget(`${ns}/keep${i}-${k}`, statSync(m).isDirectory()),
          `mount -n --move ${sq(at(m))} ${sq(`${ns}/keep${i}-${k}`)}`,
        ),
      );
      lines.push(
        `mkdir -p ${sq(`${ns}/upper${i}`)} ${sq(`${ns}/work${i}`)}`,
        `mount -n -t overlay graft-overlay -o ${sq(`lowerdir=${at(dir)},upperdir=${ns}/upper${i},workdir=${ns}/work${i}`)} ${sq(at(dir))}`,
      );
      kept.forEach((m, k) => lines.push(`mount -n --move ${sq(`${ns}/keep${i}-${k}`)} ${sq(at(m))}`));
    });
  for (const m of mounts) {
    lines.push(...makeTarget(at(m.target), statSync(m.source).isDirectory()), `mount -n --bind ${sq(m.source)} ${sq(at(m.target))}`);
    if (m.readOnly) lines.push(`mount -n -o remount,bind,ro ${sq(at(m.target))}`);
  }
  return { lines, root };
}

// Directories to overlay so that each target's missing parents can be created: the nearest existing
// ancestor of each target that lacks one, minus those an enclosing root's overlay already covers (the
// same filesystem, no mount point between them). `/` is among them when a target sits directly under it.
function overlayRoots(targets: readonly string[]): string[] {
  const roots = new Set<string>();
  for (const t of targets) {
    if (existsSync(t)) continue;
    let dir = posix.dirname(t);
    while (!existsSync(dir)) dir = posix.dirname(dir);
    roots.add(dir);
  }
  const points = mountPoints();
  const mountOf = (p: string): string =>
    points
      .filter((m) => m === '/' || p === m || p.startsWith(`${m}/`))
      .sort()
      .pop() ?? '/';
  const inside = (r: string, o: string): boolean => o !== r && (o === '/' || r.startsWith(`${o}/`));
  return [...roots].sort().filter((r, _, all) => !all.some((o) => inside(r, o) && mountOf(r) === mountOf(o)));
}

function mountPoints(): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((l) => (l.split(' ')[4] ?? '').replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))))
    .filter((p) => p !== '');
}

// Top-level mount points strictly below `root` (e.g. a container's bind-mounted /etc/hosts), which an
// overlay on `root` would hide; they are moved aside and back.
function submountsUnder(root: string): string[] {
  const points = mountPoints()
    .filter((p) => p !== root && p.startsWith(root === '/' ? '/' : `${root}/`))
    .sort();
  return [...new Set(points.filter((p) => !points.some((o) => o !== p && p.startsWith(`${o}/`))))];
}

function makeTarget(path: string, isDir: boolean): string[] {
  return isDir ? [`mkdir -p ${sq(path)}`] : [`mkdir -p ${sq(dirname(path))}`, `[ -e ${sq(path)} ] || touch ${sq(path)}`];
}

/** Quotes a string for sh. */
function sq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
