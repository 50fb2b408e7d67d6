import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputReadError, readTextFile } from '../src/core/read.js';
import { checkOutputTarget, physicalPath, writeStackAtomically } from '../src/core/write.js';
import { ROOT } from './support/cases.js';

// Hostile input for the built CLI: every case runs dist/graft.js in a child process, bounded in time, in a fresh
// workspace, and asserts the exact diagnostic code, the exit code, no stack trace, and that no byte of the workspace
// (stack, spec, current directory, the --out target) changed.

const BIN = join(ROOT, 'dist', 'graft.js');
const EXAMPLE = join(ROOT, 'examples', 'shop');
const SPEC = join(ROOT, 'examples', 'customer-kafka.yaml');
const base = mkdtempSync(join(tmpdir(), 'graft-hostile-'));
let n = 0;

beforeAll(() => {
  if (!existsSync(BIN)) execFileSync('node', [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT });
  // the workspaces must be readable by the unprivileged user of the permission case
  chmodSync(base, 0o755);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** A workspace: `proj/stack` (the example Compose stack), `proj/k.yaml` (the spec); graft runs in `proj`. */
function workspace(): { ws: string; proj: string } {
  const ws = join(base, `ws${++n}`);
  const proj = join(ws, 'proj');
  mkdirSync(proj, { recursive: true });
  cpSync(EXAMPLE, join(proj, 'stack'), { recursive: true });
  cpSync(SPEC, join(proj, 'k.yaml'));
  return { ws, proj };
}

/** Every entry under a directory with its type, mode, and content hash or link target: equal means untouched. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const full = join(dir, r);
      const st = lstatSync(full);
      const mode = (st.mode & 0o7777).toString(8);
      if (st.isDirectory()) {
        out.push(`d ${mode} ${r}`);
        walk(r);
      } else if (st.isSymbolicLink()) out.push(`l ${r} -> ${readlinkSync(full)}`);
      else if (st.isFile()) out.push(`f ${mode} ${r} ${createHash('sha256').update(readFileSync(full)).digest('hex')}`);
      else out.push(`o ${mode} ${r}`);
    }
  };
  walk('');
  return out;
}

interface Run {
  status: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the bundle (optionally through a wrapper command such as setpriv), killed after `timeoutMs`. */
function graft(args: string[], cwd: string, wrap: string[] = [], timeoutMs = 30_000): Promise<Run> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const [cmd = process.execPath, ...rest] = [...wrap, process.execPath, BIN, ...args];
    const child = spawn(cmd, rest, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr, ms: performance.now() - t0 });
    });
  });
}

/** Asserts a refusal: the code on stderr (or in --json output), the exit code, and no JavaScript stack trace. */
function expectRefused(r: Run, code: string, exit: number): void {
  const shown = `exit ${r.status} signal ${r.signal}\n${r.stdout}\n${r.stderr}`;
  expect(r.signal, shown).toBeNull();
  expect(r.status, shown).toBe(exit);
  expect(`${r.stdout}\n${r.stderr}`, shown).toContain(code);
  expect(r.stderr, shown).not.toMatch(/^\s+at .*:\d+:\d+\)?$/m);
}

const hasSetpriv = spawnSync('setpriv', ['--version']).status === 0 && process.getuid?.() === 0;
const hasUnshare = spawnSync('unshare', ['-m', 'true']).status === 0;

interface Case {
  name: string;
  /** Prepares the workspace; returns the arguments (relative paths are from proj). */
  setup: (w: { ws: string; proj: string }) => string[];
  code: string;
  exit: number;
  /** A command the CLI runs under, e.g. another user. */
  wrap?: (w: { ws: string; proj: string }) => string[];
  skip?: boolean;
  /** Paths outside the workspace that must not exist afterwards. */
  absent?: string[];
}

const bigFile = (path: string): string => {
  writeFileSync(path, `# ${'x'.repeat(5 * 1024 * 1024)}\n`);
  return path;
};
const fifo = (path: string): string => {
  execFileSync('mkfifo', [path]);
  return path;
};
const compile = (...extra: string[]): string[] => ['compile', 'stack', '--kafka', 'k.yaml', ...extra];
const bomb = (): string => {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 10; i++)
    lines.push(
      `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  return `${lines.join('\n')}\n`;
};

const cases: Case[] = [
  // data loss: --out must be absent, empty or graft's own earlier output, and never an input
  {
    name: 'an existing directory of the user',
    setup: ({ ws }) => {
      mkdirSync(join(ws, 'mine'));
      writeFileSync(join(ws, 'mine', 'notes.txt'), 'mine');
      return compile('--out', '../mine');
    },
    code: 'GRAFT_OUT_NOT_GRAFT_OUTPUT',
    exit: 2,
  },
  { name: '--out . (the project holding stack and spec)', setup: () => compile('--out', '.'), code: 'GRAFT_OUT_OVERLAPS_INPUT', exit: 2 },
  {
    name: '--out . --force',
    setup: () => compile('--out', '.', '--force'),
    code: 'GRAFT_OUT_OVERLAPS_INPUT',
    exit: 2,
  },
  {
    name: '--out .. --force (holds the current directory)',
    setup: ({ ws }) => {
      writeFileSync(join(ws, 'other.txt'), 'x');
      return compile('--out', '..', '--force');
    },
    code: 'GRAFT_OUT_OVERLAPS_INPUT',
    exit: 2,
  },
  {
    name: 'graft handoff <stack> --out <stack>',
    setup: () => ['handoff', 'stack', '--kafka', 'k.yaml', '--out', 'stack'],
    code: 'GRAFT_OUT_OVERLAPS_INPUT',
    exit: 2,
  },
  {
    name: 'graft handoff --out . --force',
    setup: () => ['handoff', 'stack', '--kafka', 'k.yaml', '--out', '.', '--force'],
    code: 'GRAFT_OUT_OVERLAPS_INPUT',
    exit: 2,
  },
  {
    name: 'a stack reached through a symlink, --out its real path',
    setup: ({ ws }) => {
      symlinkSync('proj', join(ws, 'link'));
      return ['compile', '../link/stack', '--kafka', 'k.yaml', '--out', 'stack', '--force'];
    },
    code: 'GRAFT_OUT_OVERLAPS_INPUT',
    exit: 2,
  },
  {
    name: 'a not-yet-existing --out whose parent is a symlink into the stack',
    setup: ({ proj }) => {
      symlinkSync('stack', join(proj, 'alias'));
      return compile('--out', 'alias/new', '--force');
    },
    code: 'GRAFT_OUT_OVERLAPS_INPUT',
    exit: 2,
  },
  {
    name: 'a dangling symlink --out pointing into the stack',
    setup: ({ proj }) => {
      symlinkSync('stack/compiled', join(proj, 'dangling'));
      return compile('--out', 'dangling', '--force');
    },
    code: 'GRAFT_OUT_OVERLAPS_INPUT',
    exit: 2,
  },
  {
    name: '--out .. resolved after a symlink (goes up from its target)',
    setup: ({ proj }) => {
      mkdirSync(join(proj, 'stack', 'deep'));
      symlinkSync('stack/deep', join(proj, 'into'));
      return compile('--out', 'into/../x', '--force');
    },
    code: 'GRAFT_OUT_OVERLAPS_INPUT',
    exit: 2,
  },
  {
    name: '--out the directory holding the spec',
    setup: ({ ws }) => {
      mkdirSync(join(ws, 'cfg'));
      cpSync(SPEC, join(ws, 'cfg', 'k.yaml'));
      return ['compile', 'stack', '--kafka', '../cfg/k.yaml', '--out', '../cfg', '--force'];
    },
    code: 'GRAFT_OUT_OVERLAPS_INPUT',
    exit: 2,
  },
  {
    name: '--out the directory holding the bindings',
    setup: ({ ws }) => {
      mkdirSync(join(ws, 'b'));
      cpSync(join(EXAMPLE, 'graft.yaml'), join(ws, 'b', 'graft.yaml'));
      return compile('--bindings', '../b/graft.yaml', '--out', '../b', '--force');
    },
    code: 'GRAFT_OUT_OVERLAPS_INPUT',
    exit: 2,
  },
  {
    name: '--out an existing file',
    setup: ({ proj }) => {
      writeFileSync(join(proj, 'notes.txt'), 'keep me');
      return compile('--out', 'notes.txt');
    },
    code: 'GRAFT_OUT_NOT_GRAFT_OUTPUT',
    exit: 2,
  },
  {
    name: '--out an existing file --force',
    setup: ({ proj }) => {
      writeFileSync(join(proj, 'notes.txt'), 'keep me');
      return compile('--out', 'notes.txt', '--force');
    },
    code: 'GRAFT_OUT_NOT_GRAFT_OUTPUT',
    exit: 2,
  },
  { name: '--out /', setup: () => compile('--out', '/'), code: 'GRAFT_OUT_OVERLAPS_INPUT', exit: 2 },
  { name: '--out / --force', setup: () => compile('--out', '/', '--force'), code: 'GRAFT_OUT_OVERLAPS_INPUT', exit: 2 },
  {
    name: "graft's earlier output with a file the user added",
    setup: ({ proj }) => {
      expect(spawnSync(process.execPath, [BIN, ...compile('--out', 'out')], { cwd: proj }).status).toBe(0);
      writeFileSync(join(proj, 'out', 'my-notes.md'), 'mine');
      return compile('--out', 'out');
    },
    code: 'GRAFT_OUT_MODIFIED',
    exit: 2,
  },
  {
    name: "graft's earlier output with a file the user edited",
    setup: ({ proj }) => {
      expect(spawnSync(process.execPath, [BIN, ...compile('--out', 'out')], { cwd: proj }).status).toBe(0);
      writeFileSync(join(proj, 'out', 'docker-compose.yml'), '# edited\n', { flag: 'a' });
      return ['handoff', 'stack', '--kafka', 'k.yaml', '--out', 'out'];
    },
    code: 'GRAFT_OUT_MODIFIED',
    exit: 2,
  },
  {
    name: 'a directory whose marker is not graft’s',
    setup: ({ proj }) => {
      mkdirSync(join(proj, 'out'));
      writeFileSync(join(proj, 'out', '.graft-output'), 'not json');
      writeFileSync(join(proj, 'out', 'data.db'), 'precious');
      return compile('--out', 'out');
    },
    code: 'GRAFT_OUT_NOT_GRAFT_OUTPUT',
    exit: 2,
  },

  // crashes where a diagnostic belongs
  {
    name: 'an unresolved alias in the spec',
    setup: ({ proj }) => {
      writeFileSync(join(proj, 'k.yaml'), 'apiVersion: graft.dev/v1\nkind: CustomerKafka\nbootstrapServers: *nowhere\n');
      return compile('--out', 'out');
    },
    code: 'SPEC_YAML_SYNTAX',
    exit: 1,
  },
  {
    name: 'an alias bomb in the spec (validate)',
    setup: ({ proj }) => {
      writeFileSync(join(proj, 'k.yaml'), bomb());
      return ['validate', 'k.yaml'];
    },
    code: 'SPEC_YAML_SYNTAX',
    exit: 1,
  },
  {
    name: 'an alias bomb in graft.yaml',
    setup: ({ proj }) => {
      writeFileSync(join(proj, 'stack', 'graft.yaml'), `apiVersion: graft.dev/v1\nkind: Bindings\n${bomb()}`);
      return compile('--out', 'out');
    },
    code: 'BINDINGS_YAML_SYNTAX',
    exit: 1,
  },
  {
    name: 'an unresolved alias in graft.yaml (validate)',
    setup: ({ proj }) => {
      writeFileSync(join(proj, 'b.yaml'), 'apiVersion: graft.dev/v1\nkind: Bindings\nkafka: *k\n');
      return ['validate', 'b.yaml'];
    },
    code: 'BINDINGS_YAML_SYNTAX',
    exit: 1,
  },
  {
    name: '--out a path under /proc',
    setup: () => compile('--out', '/proc/self/graft-out'),
    code: 'GRAFT_WRITE_FAILED',
    exit: 1,
  },
  {
    name: '--out a path whose missing parents are under /proc',
    setup: () => compile('--out', '/proc/self/a/b/out'),
    code: 'GRAFT_WRITE_FAILED',
    exit: 1,
  },
  { name: '--out /proc', setup: () => compile('--out', '/proc'), code: 'GRAFT_OUT_NOT_GRAFT_OUTPUT', exit: 2 },
  {
    name: '--out a path under a regular file (ENOTDIR)',
    setup: ({ proj }) => {
      writeFileSync(join(proj, 'notes.txt'), 'keep me');
      return compile('--out', 'notes.txt/sub/out');
    },
    code: 'GRAFT_WRITE_FAILED',
    exit: 1,
  },
  {
    name: '--out an empty mount point (EBUSY)',
    skip: !hasUnshare,
    setup: ({ proj }) => {
      mkdirSync(join(proj, 'mnt'));
      return compile('--out', 'mnt');
    },
    wrap: ({ proj }) => ['unshare', '-m', 'sh', '-c', `mount -t tmpfs none '${join(proj, 'mnt')}' && exec "$0" "$@"`],
    code: 'GRAFT_WRITE_FAILED',
    exit: 1,
  },
  {
    name: 'an unwritable --out parent (EACCES, as an unprivileged user)',
    skip: !hasSetpriv,
    setup: ({ ws, proj }) => {
      mkdirSync(join(proj, 'locked'));
      execFileSync('chmod', ['-R', 'a+rX', ws]);
      return compile('--out', 'locked/out');
    },
    wrap: () => ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'],
    code: 'GRAFT_WRITE_FAILED',
    exit: 1,
  },
  {
    name: 'a symlink loop in --out',
    setup: ({ proj }) => {
      symlinkSync('loop-b', join(proj, 'loop-a'));
      symlinkSync('loop-a', join(proj, 'loop-b'));
      return compile('--out', 'loop-a/out');
    },
    code: 'GRAFT_WRITE_FAILED',
    exit: 1,
  },
  {
    name: 'a stack file named like the handoff directory',
    setup: ({ proj }) => {
      writeFileSync(join(proj, 'stack', 'handoff'), 'a file');
      return compile('--out', 'out');
    },
    code: 'GRAFT_OUT_PATH_CONFLICT',
    exit: 1,
  },
  {
    name: 'a stack directory named like the report file',
    setup: ({ proj }) => {
      mkdirSync(join(proj, 'stack', 'graft-report.json'));
      writeFileSync(join(proj, 'stack', 'graft-report.json', 'x.yaml'), 'a: 1\n');
      return compile('--out', 'out');
    },
    code: 'GRAFT_OUT_PATH_CONFLICT',
    exit: 1,
  },

  // limits: configuration files are regular files of at most 4 MiB
  { name: 'graft validate /dev/zero', setup: () => ['validate', '/dev/zero'], code: 'GRAFT_CANNOT_READ', exit: 1 },
  {
    name: 'graft validate a FIFO',
    setup: ({ proj }) => ['validate', fifo(join(proj, 'spec.fifo'))],
    code: 'GRAFT_CANNOT_READ',
    exit: 1,
  },
  {
    name: 'graft validate a 5 MiB file',
    setup: ({ proj }) => ['validate', bigFile(join(proj, 'big.yaml'))],
    code: 'GRAFT_INPUT_TOO_LARGE',
    exit: 1,
  },
  {
    name: 'compile --kafka /dev/zero',
    setup: () => ['compile', 'stack', '--kafka', '/dev/zero', '--out', 'out'],
    code: 'GRAFT_CANNOT_READ',
    exit: 1,
  },
  {
    name: 'compile --kafka a 5 MiB file',
    setup: ({ proj }) => ['compile', 'stack', '--kafka', bigFile(join(proj, 'big.yaml')), '--out', 'out'],
    code: 'GRAFT_INPUT_TOO_LARGE',
    exit: 1,
  },
  {
    name: 'compile --bindings /dev/zero',
    setup: () => compile('--bindings', '/dev/zero', '--out', 'out'),
    code: 'GRAFT_CANNOT_READ',
    exit: 1,
  },
  {
    name: 'compile --bindings a FIFO',
    setup: ({ proj }) => compile('--bindings', fifo(join(proj, 'b.fifo')), '--out', 'out'),
    code: 'GRAFT_CANNOT_READ',
    exit: 1,
  },
  {
    name: 'compile --bindings a 5 MiB file',
    setup: ({ proj }) => compile('--bindings', bigFile(join(proj, 'big.yaml')), '--out', 'out'),
    code: 'GRAFT_INPUT_TOO_LARGE',
    exit: 1,
  },
  {
    name: 'compile --bindings a missing file',
    setup: () => compile('--bindings', 'nowhere.yaml', '--out', 'out'),
    code: 'GRAFT_CANNOT_READ',
    exit: 1,
  },
  { name: 'plan /dev/zero as the stack', setup: () => ['plan', '/dev/zero', '--kafka', 'k.yaml'], code: 'GRAFT_CANNOT_READ', exit: 1 },
  { name: 'check --kafka /dev/zero', setup: () => ['check', '--kafka', '/dev/zero'], code: 'CHECK_CANNOT_READ', exit: 1 },
  {
    name: 'check --requirements a FIFO',
    setup: ({ proj }) => ['check', '--kafka', 'k.yaml', '--requirements', fifo(join(proj, 'req.fifo'))],
    code: 'CHECK_CANNOT_READ',
    exit: 1,
  },
  {
    name: 'check --requirements a 5 MiB file',
    setup: ({ proj }) => ['check', '--kafka', 'k.yaml', '--requirements', bigFile(join(proj, 'req.json'))],
    code: 'CHECK_INPUT_TOO_LARGE',
    exit: 1,
  },
  {
    name: 'check --secrets file-map:/dev/zero',
    setup: ({ proj }) => {
      writeFileSync(
        join(proj, 'local.yaml'),
        [
          'apiVersion: graft.dev/v1',
          'kind: CustomerKafka',
          'bootstrapServers: 127.0.0.1:1',
          'securityProtocol: SASL_PLAINTEXT',
          'sasl: { mechanism: SCRAM-SHA-512, username: u, password: { secretRef: { env: NOT_SET_ANYWHERE } } }',
          '',
        ].join('\n'),
      );
      return ['check', '--kafka', 'local.yaml', '--secrets', 'file-map:/dev/zero', '--timeout-ms', '2000'];
    },
    code: 'CHECK_SECRET_UNRESOLVED',
    exit: 1,
  },
  {
    name: 'check --timeout-ms beyond 10 minutes',
    setup: () => ['check', '--kafka', 'k.yaml', '--timeout-ms', '99999999999'],
    code: '--timeout-ms',
    exit: 2,
  },
  { name: 'check --timeout-ms 0', setup: () => ['check', '--kafka', 'k.yaml', '--timeout-ms', '0'], code: '--timeout-ms', exit: 2 },
  { name: 'check --timeout-ms 1e3', setup: () => ['check', '--kafka', 'k.yaml', '--timeout-ms', '1e3'], code: '--timeout-ms', exit: 2 },
];

describe('hostile input: a coded diagnostic and exit code, within bounds, and nothing on disk changed', () => {
  for (const c of cases) {
    (c.skip === true ? it.skip : it.concurrent)(c.name, async () => {
      const w = workspace();
      const args = c.setup(w);
      const before = snapshot(w.ws);
      const r = await graft(args, w.proj, c.wrap?.(w));
      expectRefused(r, c.code, c.exit);
      // within a bound far below a hang or an out-of-memory abort (node start-up included, on a busy machine)
      expect(r.ms).toBeLessThan(25_000);
      expect(snapshot(w.ws)).toEqual(before);
    });
  }
});

describe('--out rules that let graft write', () => {
  it('replaces its own unchanged output, keeps the inputs, and --force replaces a directory of the user', async () => {
    const w = workspace();
    const inputs = (): string[] => snapshot(w.proj).filter((l) => !/ out(\/|$)| mine(\/|$)/.test(l));
    const before = inputs();
    expect((await graft(compile('--out', 'out'), w.proj)).status).toBe(0);
    const marker = JSON.parse(readFileSync(join(w.proj, 'out', '.graft-output'), 'utf8')) as { files: Record<string, string> };
    expect(Object.keys(marker.files)).toContain('docker-compose.yml');
    expect(Object.keys(marker.files)).toContain('handoff/requirements.json');
    const first = snapshot(join(w.proj, 'out'));
    expect((await graft(compile('--out', 'out'), w.proj)).status).toBe(0);
    expect(snapshot(join(w.proj, 'out'))).toEqual(first);
    // a compiled stack compiles again without copying the marker as a stack file
    const again = await graft(['compile', 'out', '--kafka', 'k.yaml', '--out', 'again'], w.proj);
    expect(again.status, again.stderr).toBe(0);
    expect(readFileSync(join(w.proj, 'again', '.graft-output'), 'utf8')).not.toContain('".graft-output"');

    mkdirSync(join(w.proj, 'mine'));
    writeFileSync(join(w.proj, 'mine', 'old.txt'), 'replace me');
    expect((await graft(compile('--out', 'mine', '--force'), w.proj)).status).toBe(0);
    expect(existsSync(join(w.proj, 'mine', 'old.txt'))).toBe(false);
    expect(existsSync(join(w.proj, 'mine', 'docker-compose.yml'))).toBe(true);
    expect(inputs().filter((l) => !/ again(\/|$)/.test(l))).toEqual(before);
    // nothing of graft's temporary directories is left beside the outputs
    expect(readdirSync(w.proj).filter((f) => f.includes('.graft-'))).toEqual([]);
  });

  it('writes through a symlinked --out into its target, which stays graft output', async () => {
    const w = workspace();
    mkdirSync(join(w.ws, 'real'));
    symlinkSync('../real/out', join(w.proj, 'out-link'));
    expect((await graft(compile('--out', 'out-link'), w.proj)).status).toBe(0);
    expect(lstatSync(join(w.proj, 'out-link')).isSymbolicLink()).toBe(true);
    expect(existsSync(join(w.ws, 'real', 'out', '.graft-output'))).toBe(true);
    expect((await graft(compile('--out', 'out-link'), w.proj)).status).toBe(0);
  });
});

/** A loopback server that answers the first bytes of every connection with `reply` and then keeps it open. */
async function answering(reply: Buffer): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.once('data', () => s.write(reply));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

describe('graft check against a peer that is not Kafka', () => {
  const frame = Buffer.alloc(4);
  frame.writeInt32BE(0x7fffffff);
  const http = Buffer.from('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
  const random = Buffer.from([0x9e, 0x11, 0x03, 0x77, 0x42, 0x00, 0xff, 0x13, 0x37]);
  // a TLS client cannot tell four bytes from a slow record header, so the 2 GB frame is a PLAINTEXT case only
  const peers: [string, Buffer, string][] = [
    ['an HTTP server', http, 'PLAINTEXT'],
    ['random bytes', random, 'PLAINTEXT'],
    ['a 2 GB frame length', frame, 'PLAINTEXT'],
    ['an HTTP server, for a TLS spec', http, 'SSL'],
    ['random bytes, for a TLS spec', random, 'SASL_SSL'],
  ];
  for (const [name, reply, protocol] of peers) {
    it.concurrent(`${name} is CHECK_PROTOCOL_MISMATCH, not a timeout`, async () => {
      const peer = await answering(reply);
      try {
        const w = workspace();
        const spec = join(w.proj, 'peer.yaml');
        const sasl =
          protocol === 'SASL_SSL' ? 'sasl: { mechanism: SCRAM-SHA-512, username: u, password: { secretRef: { env: PEER_PW } } }\n' : '';
        writeFileSync(
          spec,
          `apiVersion: graft.dev/v1\nkind: CustomerKafka\nbootstrapServers: 127.0.0.1:${peer.port}\nsecurityProtocol: ${protocol}\n${sasl}`,
        );
        const r = await graft(['check', '--kafka', spec, '--json', '--timeout-ms', '15000'], w.proj);
        expectRefused(r, 'CHECK_PROTOCOL_MISMATCH', 1);
        const report = JSON.parse(r.stdout) as { wallMs: number; diagnostics: { code: string }[] };
        expect(report.diagnostics.map((d) => d.code)).not.toContain('CHECK_TIMEOUT');
        // answered at once: far below the 15 s bound of the step
        expect(report.wallMs).toBeLessThan(5_000);
      } finally {
        await peer.close();
      }
    });
  }
});

describe('in-process: refusals take graft well under a second', () => {
  const timed = <T>(f: () => T): { value: T; ms: number } => {
    const t0 = performance.now();
    const value = f();
    return { value, ms: performance.now() - t0 };
  };

  it('reads no device, FIFO or oversized file, and still reads /proc files that report size 0', () => {
    const { proj } = workspace();
    for (const [path, reason] of [
      ['/dev/zero', 'not-a-file'],
      ['/dev/urandom', 'not-a-file'],
      [fifo(join(proj, 'x.fifo')), 'not-a-file'],
      [bigFile(join(proj, 'big.yaml')), 'too-large'],
      [proj, 'not-a-file'],
      [join(proj, 'missing.yaml'), 'io'],
    ] as const) {
      const t0 = performance.now();
      let got = 'read';
      try {
        readTextFile(path);
      } catch (e) {
        got = e instanceof InputReadError ? e.reason : String(e);
      }
      expect(got, path).toBe(reason);
      expect(performance.now() - t0, path).toBeLessThan(1000);
    }
    expect(readTextFile('/proc/self/status')).toContain('Name:');
  });

  it('resolves --out physically: symlinked parents of a new path, .. after a symlink, loops', () => {
    const { ws, proj } = workspace();
    symlinkSync('stack', join(proj, 'alias'));
    mkdirSync(join(proj, 'stack', 'deep'));
    symlinkSync(join(proj, 'stack', 'deep'), join(proj, 'abs'));
    symlinkSync('self', join(proj, 'self'));
    expect(physicalPath(join(proj, 'alias', 'new', 'out'))).toBe(join(proj, 'stack', 'new', 'out'));
    expect(physicalPath(`${proj}/abs/../x`)).toBe(join(proj, 'stack', 'x'));
    expect(physicalPath(`${ws}/./proj//stack/`)).toBe(join(proj, 'stack'));
    expect(() => physicalPath(join(proj, 'self', 'x'))).toThrow(/symbolic links/);
  });

  it('a path under /proc and an empty write are refused at once, with nothing left behind', () => {
    const { proj } = workspace();
    const guard = timed(() =>
      checkOutputTarget('/proc/self/graft-out', '--out', [{ path: proj, what: 'the stack', noInside: true }], false),
    );
    expect(guard.ms).toBeLessThan(1000);
    expect('dir' in guard.value).toBe(true);
    const dir = 'dir' in guard.value ? guard.value.dir : '';
    const write = timed(() => writeStackAtomically(dir, [], { 'a.txt': 'a' }));
    expect(write.value?.code).toBe('GRAFT_WRITE_FAILED');
    expect(write.ms).toBeLessThan(1000);
  });
});
