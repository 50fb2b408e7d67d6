import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRequirements } from '../../src/check/requirements.js';
import { setupInputs } from '../../src/cli/commands/setup.js';
import { main } from '../../src/cli/main.js';
import { loadSpec } from '../../src/spec/validate.js';
import { APPLIES, PRESETS, validateForm } from '../../src/setup/form.js';
import { customerKafkaSchema } from '../../src/spec/schema.js';
import { pageHtml } from '../../src/setup/page.js';
import { isOwnUnchanged, saveSpec, withHeader } from '../../src/setup/save.js';
import { startSetupServer, type SetupServer } from '../../src/setup/server.js';
import { startTestbed, type Testbed } from '../../testbed/kafka/index.js';
import { ROOT } from '../support/cases.js';
import { run } from '../../tools/run.js';
import { ensureBundle } from '../support/bundle.js';
import { skippable } from '../support/skips.js';
import { createTopics, startBlackHole } from '../check/support.js';

/** A raw HTTP request, so Host and Origin can be anything a browser elsewhere could send. */
function raw(
  port: number,
  path: string,
  o: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: o.method ?? 'GET', headers: o.headers ?? {} }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(o.body);
  });
}

describe('graft setup server', () => {
  let dir: string;
  let server: SetupServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'graft-setup-'));
    server = await startSetupServer({ specPath: join(dir, 'customer-kafka.yaml'), port: 0, secrets: { kind: 'env' }, env: {} });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const json = { 'Content-Type': 'application/json' };
  const host = (): Record<string, string> => ({ Host: `127.0.0.1:${server.port}` });

  it('listens on loopback only and refuses every request without the token', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
    expect((await raw(server.port, '/', { headers: host() })).status).toBe(403);
    expect((await raw(server.port, '/?token=wrong', { headers: host() })).status).toBe(403);
    expect((await raw(server.port, '/api/state', { headers: host() })).status).toBe(403);
    // a state-changing request with the token in the URL only is refused: it must come in the header
    const save = await raw(server.port, `/api/save?token=${server.token}`, {
      method: 'POST',
      headers: { ...host(), ...json },
      body: JSON.stringify({ spec: { bootstrapServers: 'a:1', securityProtocol: 'PLAINTEXT' } }),
    });
    expect(save.status).toBe(403);
    expect(() => readFileSync(join(dir, 'customer-kafka.yaml'))).toThrow();
    expect((await raw(server.port, `/?token=${server.token}`, { headers: host() })).status).toBe(200);
  });

  it('refuses another Host (DNS rebinding) and another Origin even with the token', async () => {
    const t = { 'X-Graft-Token': server.token };
    expect((await raw(server.port, `/?token=${server.token}`, { headers: { Host: `attacker.example:${server.port}` } })).status).toBe(403);
    expect((await raw(server.port, '/api/state', { headers: { ...t, Host: `attacker.example:${server.port}` } })).status).toBe(403);
    const origin = await raw(server.port, '/api/validate', {
      method: 'POST',
      headers: { ...t, ...host(), ...json, Origin: 'http://attacker.example' },
      body: '{"spec":{}}',
    });
    expect(origin.status).toBe(403);
    const ok = await raw(server.port, '/api/state', { headers: { ...t, ...host() } });
    expect(ok.status).toBe(200);
    expect((JSON.parse(ok.body) as { schema: { title: string } }).schema.title).toBe('graft CustomerKafka');
  });

  it('validates with the codes and messages of graft validate, at the field, never echoing a secret value', async () => {
    const spec = {
      bootstrapServers: 'user:hunter2@broker:9092',
      securityProtocol: 'SASL_SSL',
      sasl: { mechanism: 'PLAIN', username: 'u', password: 's3cr3t-value' },
    };
    const res = await raw(server.port, '/api/validate', {
      method: 'POST',
      headers: { 'X-Graft-Token': server.token, ...host(), ...json },
      body: JSON.stringify({ spec }),
    });
    expect(res.status).toBe(200);
    expect(res.body).not.toContain('hunter2');
    expect(res.body).not.toContain('s3cr3t-value');
    const r = JSON.parse(res.body) as { diagnostics: { code: string; path: string; message: string }[]; yaml?: string };
    expect(r.yaml).toBeUndefined();
    const codes = r.diagnostics.map((d) => `${d.code}@${d.path}`);
    expect(codes).toContain('SPEC_INLINE_SECRET@sasl.password');
    expect(codes).toContain('SPEC_URL_CREDENTIALS@bootstrapServers');
    // the same as graft validate on the same text
    const file = join(dir, 'same.yaml');
    writeFileSync(file, validateForm(spec, file).yaml);
    const out: string[] = [];
    main(['validate', file, '--json'], { out: (t) => void out.push(t), err: () => undefined });
    const cli = JSON.parse(out.join('')) as { diagnostics: { code: string; message: string }[] };
    expect(r.diagnostics.map((d) => `${d.code} ${d.message}`).sort()).toEqual(cli.diagnostics.map((d) => `${d.code} ${d.message}`).sort());
  });

  it('streams each probe as it finishes: the first lines arrive while a later step still waits on the network', async () => {
    const hole = await startBlackHole();
    const slow = await startSetupServer({ specPath: join(dir, 'slow.yaml'), port: 0, secrets: { kind: 'env' }, env: {}, timeoutMs: 1500 });
    try {
      const arrivals: { at: number; line: { type: string; step?: { probe: string; status: string; diagnostics: { code: string }[] } } }[] =
        [];
      const t0 = performance.now();
      await new Promise<void>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: slow.port,
            path: '/api/check',
            method: 'POST',
            headers: { Host: `127.0.0.1:${slow.port}`, 'X-Graft-Token': slow.token, ...json },
          },
          (res) => {
            let buf = '';
            res.on('data', (c: Buffer) => {
              buf += c.toString('utf8');
              for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
                arrivals.push({ at: performance.now() - t0, line: JSON.parse(buf.slice(0, i)) as (typeof arrivals)[number]['line'] });
                buf = buf.slice(i + 1);
              }
            });
            res.on('end', () => resolve());
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ spec: { bootstrapServers: hole.label, securityProtocol: 'PLAINTEXT' } }));
      });
      const dns = arrivals.find((a) => a.line.type === 'end' && a.line.step?.probe === 'dns');
      const done = arrivals.find((a) => a.line.type === 'done');
      expect(dns?.line.step?.status).toBe('pass');
      expect(done).toBeDefined();
      // the black hole accepts TCP and never answers: the Kafka step waits out its 1.5 s bound after dns was sent
      expect(done!.at - dns!.at).toBeGreaterThan(1000);
      const codes = arrivals.flatMap((a) => a.line.step?.diagnostics.map((d) => d.code) ?? []);
      expect(codes).toContain('CHECK_TIMEOUT');
    } finally {
      await slow.close();
      await hole.close();
    }
  });

  it('every preset is a valid spec once the bootstrap servers are filled in', () => {
    for (const p of PRESETS) {
      const v = validateForm({ ...p.spec, bootstrapServers: p.bootstrapExample }, 'preset.yaml');
      expect(v.diagnostics, p.id).toEqual([]);
    }
  });
});

describe('graft setup save', () => {
  let dir: string;
  beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), 'graft-setup-save-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const body = 'apiVersion: graft.dev/v1\nkind: CustomerKafka\nbootstrapServers: a:9092\nsecurityProtocol: PLAINTEXT\n';

  it('writes a new file, replaces its own unchanged file, never a file it did not write or one changed since', () => {
    const f = join(dir, 'spec.yaml');
    expect(saveSpec(f, body, [])).toBeUndefined();
    expect(readFileSync(f, 'utf8')).toBe(withHeader(body));
    expect(isOwnUnchanged(readFileSync(f, 'utf8'))).toBe(true);
    expect(saveSpec(f, body.replace('a:9092', 'b:9092'), [])).toBeUndefined();
    expect(readFileSync(f, 'utf8')).toContain('b:9092');
    writeFileSync(f, `${readFileSync(f, 'utf8')}# mine\n`);
    expect(saveSpec(f, body, [])?.code).toBe('GRAFT_OUT_MODIFIED');
    expect(readFileSync(f, 'utf8')).toContain('# mine');
    const hand = join(dir, 'hand.yaml');
    writeFileSync(hand, body);
    expect(saveSpec(hand, body.replace('a:9092', 'c:9092'), [])?.code).toBe('GRAFT_OUT_NOT_GRAFT_OUTPUT');
    expect(readFileSync(hand, 'utf8')).toBe(body);
    expect(saveSpec(join(dir, 'req.json'), body, [{ path: join(dir, 'req.json'), what: 'the requirements file' }])?.code).toBe(
      'GRAFT_OUT_OVERLAPS_INPUT',
    );
    mkdirSync(join(dir, 'adir'));
    expect(saveSpec(join(dir, 'adir'), body, [])?.code).toBe('GRAFT_OUT_NOT_GRAFT_OUTPUT');
  });
});

describe('graft setup from the bundle', () => {
  let dir: string;
  beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), 'graft-setup-cli-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the URL, serves the page with the token only, and stops on SIGINT with exit code 0', async () => {
    const child = spawn(process.execPath, [ensureBundle(), 'setup', '--spec', 'mine.yaml'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString('utf8');
        const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(out);
        if (m) resolve(m[0]);
      });
      child.on('exit', (code) => reject(new Error(`graft setup exited ${code}: ${out}`)));
    });
    const u = new URL(url);
    const port = Number(u.port);
    const page = await raw(port, `/?token=${u.searchParams.get('token')}`, { headers: { Host: u.host } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Connect your Kafka');
    // nothing loads from anywhere else: no src or href but inline data
    expect(page.body).not.toMatch(/\b(?:src|href)="(?!data:)/);
    // the bundle carries the page script compiled at build time: the same page as client/page.ts compiled here
    const nonce = /<script nonce="([^"]+)">/.exec(page.body)?.[1] ?? '';
    expect(page.body).toBe(pageHtml(nonce));
    expect(page.body).toContain('graft check verifies: ');
    expect((await raw(port, '/', { headers: { Host: u.host } })).status).toBe(403);
    const state = await raw(port, '/api/state', { headers: { Host: u.host, 'X-Graft-Token': u.searchParams.get('token') ?? '' } });
    expect((JSON.parse(state.body) as { specPath: string }).specPath).toBe('mine.yaml');
    const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGINT');
    expect(await exit).toBe(0);
  });

  it('starts from an existing spec as it is, problems and all, for the page to show at their fields', () => {
    const f = join(dir, 'half.yaml');
    writeFileSync(f, 'apiVersion: graft.dev/v1\nkind: CustomerKafka\nbootstrapServers: [a:9092, b]\nsecurityProtocol: SASL_SSL\n');
    const r = setupInputs({ spec: f });
    expect(r.diagnostics).toEqual([]);
    expect(r.options?.initial).toEqual({ bootstrapServers: ['a:9092', 'b'], securityProtocol: 'SASL_SSL' });
    const codes = validateForm(r.options!.initial!, f).diagnostics.map((d) => `${d.code}@${d.path}`);
    expect(codes).toEqual(expect.arrayContaining(['SPEC_BAD_HOST_PORT@bootstrapServers', 'SPEC_SASL_NEEDS_MECHANISM@securityProtocol']));
    // a new file: nothing to start from
    expect(setupInputs({ spec: join(dir, 'new.yaml') }).options?.initial).toBeUndefined();
    // unreadable requirements stop it with their diagnostic
    expect(setupInputs({ spec: f, requirements: join(dir, 'missing.json') }).diagnostics[0]?.code).toBe('GRAFT_CANNOT_READ');
  });

  it('refuses to start from a spec holding a secret value, without printing it, so the page never receives it', () => {
    writeFileSync(
      join(dir, 'leaky.yaml'),
      'apiVersion: graft.dev/v1\nkind: CustomerKafka\nbootstrapServers: a:9092\nsecurityProtocol: SASL_SSL\nsasl: { mechanism: PLAIN, username: u, password: hunter2-value }\n',
    );
    const r = spawnSync(process.execPath, [ensureBundle(), 'setup', '--spec', 'leaky.yaml'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stdout).not.toContain('http://');
    expect(r.stderr).toContain('SPEC_INLINE_SECRET');
    expect(r.stderr).not.toContain('hunter2-value');
  });
});

/** Runs in the page: controls without a label, and text whose contrast with its background is under 4.5:1 (WCAG AA). */
const AUDIT = `(() => {
      const unlabelled = [...document.querySelectorAll('input, select, button')]
        .filter((e) => !e.hidden && e.labels?.length === 0 && !e.getAttribute('aria-label') && !e.textContent?.trim())
        .map((e) => e.outerHTML);
      const rgb = (c) => (c.match(/[\\d.]+/g) ?? []).map(Number);
      const lum = (c) => {
        const [r, g, b] = c.slice(0, 3).map((v) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const background = (e) => {
        for (let cur = e; cur; cur = cur.parentElement) {
          const c = rgb(getComputedStyle(cur).backgroundColor);
          if (c.length === 3 || (c[3] ?? 0) > 0) return c;
        }
        return [255, 255, 255];
      };
      const low = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const e = n.parentElement;
        if (!e || !n.textContent?.trim() || e.closest('[hidden], option, .sr')) continue;
        const fg = lum(rgb(getComputedStyle(e).color));
        const bg = lum(background(e));
        const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
        if (ratio < 4.5) low.push(ratio.toFixed(2) + ' ' + n.textContent.trim().slice(0, 40));
      }
      return { unlabelled, low, texts: document.body.innerText.length };
})()`;

// async: setup.sh may download Chromium for minutes, and a synchronous wait would starve the test worker's RPC
function browserPath(): Promise<{ path?: string; why?: string }> {
  return run('bash', [join(ROOT, 'tools/chromium/setup.sh')]).then(
    ({ code, stdout, stderr }) =>
      code === 0 ? { path: stdout.trim().split('\n').pop() } : { why: stderr.trim() || `tools/chromium/setup.sh exited ${String(code)}` },
    (e: Error) => ({ why: `tools/chromium/setup.sh could not run: ${e.message}` }),
  );
}

const browser = process.env['GRAFT_BROWSER'] === 'none' ? { why: 'GRAFT_BROWSER=none' } : await browserPath();
if (browser.why) console.log(`graft setup browser test skipped: ${browser.why}`);

describe.skipIf(browser.path === undefined)(skippable('graft setup in Chromium against the test-bed broker', browser.why), () => {
  let tb: Testbed;
  let b: Browser;
  let page: Page;
  let server: SetupServer;
  let dir: string;
  let specPath: string;

  beforeAll(async () => {
    tb = await startTestbed({ stateFile: false });
    await createTopics(tb.state, [{ name: 'acme.orders', partitions: 3, configs: {} }]);
    dir = mkdtempSync(join(tmpdir(), 'graft-setup-browser-'));
    specPath = join(dir, 'customer-kafka.yaml');
    const reqPath = join(dir, 'requirements.json');
    writeFileSync(
      reqPath,
      JSON.stringify({
        apiVersion: 'graft.dev/v1',
        kind: 'KafkaRequirements',
        topics: [{ name: 'orders', partitions: 3, operations: ['READ', 'WRITE'] }],
        groups: ['orders-consumer'],
      }),
    );
    const r = loadRequirements({ path: reqPath, text: readFileSync(reqPath, 'utf8') });
    server = await startSetupServer({
      specPath,
      requirements: { path: reqPath, requirements: r.requirements! },
      port: 0,
      secrets: { kind: 'env' },
      env: { ALICE_PASSWORD: tb.state.users.alice.password, WRONG_PASSWORD: 'not-the-password' },
      timeoutMs: 5000,
    });
    b = await chromium.launch({ executablePath: browser.path!, args: ['--no-sandbox'] });
    page = await b.newPage({ viewport: { width: 1100, height: 900 } });
  }, 600_000);

  afterAll(async () => {
    await b?.close();
    await server?.close();
    await tb?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const shots = process.env['GRAFT_SETUP_SCREENSHOTS'];
  const shot = async (name: string, sections: string[]): Promise<void> => {
    if (!shots) return;
    // the page from the top of the first of these sections to the bottom of the last, in page coordinates
    const ids = JSON.stringify(sections);
    const [top, bottom] = await page.evaluate<[number, number]>(
      `(() => { const r = ${ids}.map((id) => document.querySelector('section[aria-labelledby="' + id + '"]').getBoundingClientRect());` +
        ` return [Math.min(...r.map((b) => b.top)) + scrollY, Math.max(...r.map((b) => b.bottom)) + scrollY]; })()`,
    );
    await page.screenshot({ path: join(shots, name), fullPage: true, clip: { x: 0, y: top - 8, width: 1100, height: bottom - top + 16 } });
  };

  it('a page opened without the token is refused', async () => {
    const res = await page.goto(`http://127.0.0.1:${server.port}/`);
    expect(res?.status()).toBe(403);
    expect(await page.content()).not.toContain('Connect your Kafka');
  });

  it('preset, bad bootstrap, fix, connection test passes, wrong secret fails with its fix, save matches graft validate', async () => {
    await page.goto(server.url);
    await page.getByLabel('Kind of cluster').selectOption('self-hosted-scram');
    await expect.poll(() => page.getByLabel('sasl.mechanism', { exact: true }).inputValue()).toBe('SCRAM-SHA-512');
    const bootstrap = page.getByLabel('bootstrapServers', { exact: true });
    await bootstrap.fill('127.0.0.1');
    const field = page.locator('[data-field="bootstrapServers"]');
    await expect.poll(() => field.locator('.diag').textContent()).toContain('SPEC_BAD_HOST_PORT');
    expect(await bootstrap.getAttribute('aria-invalid')).toBe('true');
    await shot('setup-diagnostic.png', ['h-preset', 'h-form']);
    await bootstrap.fill(tb.state.listeners.saslSsl);
    await expect.poll(() => field.locator('.diag').count()).toBe(0);

    await page.getByLabel('sasl.username', { exact: true }).fill('alice');
    await page.getByLabel('sasl.password env', { exact: true }).fill('ALICE_PASSWORD');
    await page.getByLabel('tls.ca file', { exact: true }).fill(tb.state.tls.caPem);
    // topics and groups under the test bed's prefixes, by keyboard
    await page.getByLabel('set topics', { exact: true }).check();
    await page.getByLabel('topics.prefix (optional)', { exact: true }).fill('acme.');
    await page.getByLabel('set groups', { exact: true }).check();
    await page.getByLabel('groups.prefix (optional)', { exact: true }).fill('acme.');
    await expect.poll(() => page.locator('#summary').textContent()).toBe('');

    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => page.locator('#check-status').textContent(), { timeout: 60_000 }).toMatch(/^(PASS|FAIL)/);
    expect(await page.locator('#check-status').textContent()).toMatch(/^PASS/);
    expect(await page.locator('#steps li[data-probe="sasl"]').getAttribute('class')).toBe('pass');
    expect(await page.locator('#req li.confirmed').count()).toBe(2);
    // the commands are for the cluster's usual tool (the Kafka CLI for self-hosted), or the one chosen
    const orders = page.locator('#req li[data-item="topic:0"]');
    expect(await orders.textContent()).toContain(
      `kafka-acls.sh --bootstrap-server ${tb.state.listeners.saslSsl} --command-config admin.properties --add --allow-principal User:alice --operation Read --topic acme.orders`,
    );
    expect(await orders.locator('.verifies').textContent()).toBe(
      'graft check verifies: the topic acme.orders exists with at least 3 partitions, and the principal may READ, WRITE it',
    );
    await shot('setup-check.png', ['h-check', 'h-req']);
    await page.getByLabel('Commands for').selectOption('confluent');
    await expect.poll(() => orders.textContent()).toContain('confluent kafka acl create --cluster "$CLUSTER" --allow --service-account');
    expect(await page.locator('#tool-note').textContent()).toContain('confluent login');
    await page.getByLabel('Commands for').selectOption('');
    await expect.poll(() => orders.textContent()).toContain('kafka-acls.sh');

    await page.getByLabel('sasl.password env', { exact: true }).fill('WRONG_PASSWORD');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => page.locator('#check-status').textContent(), { timeout: 60_000 }).toMatch(/^(PASS|FAIL)/);
    expect(await page.locator('#check-status').textContent()).toMatch(/^FAIL/);
    const sasl = page.locator('#steps li[data-probe="sasl"]');
    expect(await sasl.getAttribute('class')).toBe('fail');
    const text = (await sasl.textContent()) ?? '';
    expect(text).toContain('CHECK_SASL_AUTH_FAILED');
    expect(text).toContain('help:');
    expect(text).not.toContain(tb.state.users.alice.password);
    expect(await page.locator('#req li.confirmed').count()).toBe(0);
    // the finding is also at the field it concerns: the password reference, not the bootstrap servers
    const password = page.locator('[data-field="sasl.password"] > .diag.check');
    await expect.poll(() => password.count()).toBe(1);
    expect(await password.textContent()).toContain('connection test: CHECK_SASL_AUTH_FAILED');
    expect(await password.textContent()).toContain('help:');
    expect(await page.locator('[data-field="bootstrapServers"] .diag.error').count()).toBe(0);
    await shot('setup-sasl-failed.png', ['h-form', 'h-check']);
    // it stays only while the form is what the test ran with
    await page.getByLabel('sasl.password env', { exact: true }).fill('ALICE_PASSWORD');
    await expect.poll(() => password.count()).toBe(0);
    await page.getByLabel('sasl.password env', { exact: true }).fill('WRONG_PASSWORD');
    await expect.poll(() => password.count()).toBe(1);

    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('#save-result').textContent()).toContain('Saved');
    const saved = readFileSync(specPath, 'utf8');
    expect(saved).toContain('{ secretRef: { env: WRONG_PASSWORD } }');
    expect(await page.locator('#save-result').textContent()).toContain(`graft check --kafka`);
    // graft validate's view of the saved file: valid, and the same cluster the page described
    const out: string[] = [];
    expect(main(['validate', specPath], { out: (t) => void out.push(t), err: (t) => void out.push(t) })).toBe(0);
    expect(out.join('')).toContain('valid CustomerKafka');
    const { spec } = loadSpec({ path: specPath, text: saved });
    expect(spec?.bootstrapServers).toEqual([tb.state.listeners.saslSsl]);
    expect(spec?.sasl).toMatchObject({
      mechanism: 'SCRAM-SHA-512',
      username: 'alice',
      password: { secretRef: { store: 'env', env: 'WRONG_PASSWORD' } },
    });
    expect(spec?.tls?.ca?.secretRef).toEqual({ store: 'file', file: tb.state.tls.caPem });
    expect(spec?.topics).toEqual({ prefix: 'acme.' });
    expect(await page.locator('#yaml').textContent()).toBe(saved.slice(saved.indexOf('\n') + 1));
  });
  it('is usable by keyboard, labels every control, and keeps text contrast at 4.5:1 or more', async () => {
    // the page as the last test left it: diagnostics, check results and commands are all showing
    const audit = await page.evaluate<{ unlabelled: string[]; low: string[]; texts: number }>(AUDIT);
    expect(audit.texts).toBeGreaterThan(500);
    expect(audit.unlabelled).toEqual([]);
    expect(audit.low).toEqual([]);

    await page.goto(server.url);
    // the page's script fills the presets and listens for changes; a key pressed before that is lost
    await expect.poll(() => page.locator('#preset option').count()).toBeGreaterThan(1);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.id')).toBe('preset');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('#preset-note').textContent()).toContain('API key');
    await page.keyboard.press('Tab');
    expect(await page.evaluate("document.activeElement.getAttribute('data-path')")).toBe('bootstrapServers');
    await page.keyboard.type('broker-1.example.com');
    await expect.poll(() => page.locator('[data-field="bootstrapServers"] .diag').textContent()).toContain('SPEC_BAD_HOST_PORT');
    await page.keyboard.type(':9092');
    await expect.poll(() => page.locator('[data-field="bootstrapServers"] .diag').count()).toBe(0);
    // the preset's other fields are filled and valid; what remains shows at the top
    await expect.poll(() => page.locator('#summary').textContent()).toBe('');
  });

  it('builds the form from the JSON Schema: every field that applies has its control, the others none', async () => {
    // every leaf of the schema: a value, a secret reference, or a value-or-reference
    const leaves: string[] = [];
    const walk = (node: Record<string, unknown>, path: string[]): void => {
      const props = node['properties'] as Record<string, Record<string, unknown>> | undefined;
      if (!props || path.at(-1) === 'secretRef') return void leaves.push(path.join('.'));
      for (const [k, child] of Object.entries(props)) {
        if (child['const'] !== undefined) continue;
        const resolved = child['$ref'] === '#/definitions/secret' ? { properties: { secretRef: {} } } : child;
        if (child['$ref'] || child['anyOf'] || !resolved['properties']) leaves.push([...path, k].join('.'));
        else walk(resolved, [...path, k]);
      }
    };
    walk(customerKafkaSchema, []);
    expect(leaves.length).toBeGreaterThan(20);
    const secret = (env: string): object => ({ secretRef: { env } });
    const oauth = await startSetupServer({
      specPath: join(dir, 'oauth.yaml'),
      port: 0,
      secrets: { kind: 'env' },
      initial: {
        bootstrapServers: 'k:9093',
        securityProtocol: 'SASL_SSL',
        sasl: { mechanism: 'OAUTHBEARER', oauth: { tokenEndpoint: 'https://idp/token', clientId: 'app', clientSecret: secret('S') } },
        tls: { ca: secret('CA') },
        schemaRegistry: { url: 'https://sr', basicAuth: { username: 'u', password: secret('P') }, ca: secret('SRCA') },
        topics: { prefix: 'acme.' },
        groups: { prefix: 'acme.' },
      },
    });
    try {
      await page.goto(oauth.url);
      await expect.poll(() => page.locator('[data-field="schemaRegistry.basicAuth.password"]').count()).toBe(1);
      const shown = new Set(
        await page.evaluate<string[]>("[...document.querySelectorAll('#form [data-field]')].map((e) => e.getAttribute('data-field'))"),
      );
      // what does not apply to OAUTHBEARER over SASL_SSL, and the other side of prefix-or-allow
      const gated = (l: string): boolean =>
        ['sasl.username', 'sasl.password', 'sasl.aws', 'sasl.allowInsecurePlain'].some((p) => l === p || l.startsWith(`${p}.`));
      for (const l of leaves) expect(shown.has(l), l).toBe(!gated(l) && l !== 'topics.allow');
      expect(APPLIES.map((a) => a.path)).toContain('sasl.aws');
      await page.getByLabel('sasl.mechanism', { exact: true }).selectOption('AWS_MSK_IAM');
      await expect.poll(() => page.locator('[data-field="sasl.aws.region"]').count()).toBe(1);
      expect(await page.locator('[data-field="sasl.oauth"]').count()).toBe(0);
    } finally {
      await oauth.close();
    }
  });
});
