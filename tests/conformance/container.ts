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
// is never changed. Inside the namespace, container-child.ts calls testbed/runners' runClient.

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

/** Runs `argv` (from the repository root, with this process's environment) in a new private mount namespace holding `mounts`. */
export async function execInNamespace(
  mounts: readonly ContainerMount[],
  scratch: string,
  argv: readonly string[],
  timeoutMs: number,
): Promise<{ code: number; log: string; script: string }> {
  const ns = join(scratch, 'ns');
  await mkdir(ns, { recursive: true });
  const script = ['set -eu', ...mountScript(mounts, ns), `exec ${argv.map(sq).join(' ')}`].join('\n');
  const child = spawn('unshare', ['--mount', '--propagation', 'private', '--', 'sh', '-c', script], {
    cwd: ROOT,
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  child.stdout.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr.on('data', (c: Buffer) => (log += c.toString()));
  const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), timeoutMs);
  const code = await new Promise<number>((res) => child.on('close', (c) => res(c ?? 1)));
  clearTimeout(timer);
  return { code, log, script };
}

/** Shell lines that place every mount at its target inside the (already private) mount namespace. */
export function mountScript(mounts: readonly ContainerMount[], ns: string): string[] {
  const lines = [`mount -n -t tmpfs graft-conformance ${sq(ns)}`];
  const roots = overlayRoots(mounts.map((m) => m.target));
  roots.forEach((root, i) => {
    if (/[,:\\]/.test(root)) throw new Error(`cannot overlay ${root}: its path has characters overlayfs options cannot hold`);
    const kept = submountsUnder(root);
    kept.forEach((m, k) =>
      lines.push(...makeTarget(`${ns}/keep${i}-${k}`, statSync(m).isDirectory()), `mount -n --move ${sq(m)} ${sq(`${ns}/keep${i}-${k}`)}`),
    );
    lines.push(
      `mkdir -p ${sq(`${ns}/upper${i}`)} ${sq(`${ns}/work${i}`)}`,
      `mount -n -t overlay graft-overlay -o ${sq(`lowerdir=${root},upperdir=${ns}/upper${i},workdir=${ns}/work${i}`)} ${sq(root)}`,
    );
    kept.forEach((m, k) => lines.push(`mount -n --move ${sq(`${ns}/keep${i}-${k}`)} ${sq(m)}`));
  });
  for (const m of mounts) {
    lines.push(...makeTarget(m.target, statSync(m.source).isDirectory()), `mount -n --bind ${sq(m.source)} ${sq(m.target)}`);
    if (m.readOnly) lines.push(`mount -n -o remount,bind,ro ${sq(m.target)}`);
  }
  return lines;
}

// Directories to overlay so that each target's missing parents can be created: the nearest existing
// ancestor of each target that lacks one, minus those inside another root.
function overlayRoots(targets: readonly string[]): string[] {
  const roots = new Set<string>();
  for (const t of targets) {
    if (existsSync(t)) continue;
    let dir = posix.dirname(t);
    while (!existsSync(dir)) dir = posix.dirname(dir);
    if (dir === '/') throw new Error(`cannot place ${t}: the only existing ancestor is /, which cannot be overlaid in place`);
    roots.add(dir);
  }
  return [...roots].sort().filter((r, _, all) => !all.some((o) => o !== r && r.startsWith(`${o}/`)));
}

// Top-level mount points strictly below `root` (e.g. a container's bind-mounted /etc/hosts), which an
// overlay on `root` would hide; they are moved aside and back.
function submountsUnder(root: string): string[] {
  const points = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((l) => (l.split(' ')[4] ?? '').replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))))
    .filter((p) => p.startsWith(`${root}/`))
    .sort();
  return points.filter((p) => !points.some((o) => o !== p && p.startsWith(`${o}/`)));
}

function makeTarget(path: string, isDir: boolean): string[] {
  return isDir ? [`mkdir -p ${sq(path)}`] : [`mkdir -p ${sq(dirname(path))}`, `[ -e ${sq(path)} ] || touch ${sq(path)}`];
}

/** Quotes a string for sh. */
function sq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
