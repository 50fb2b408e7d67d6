import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { relative, resolve } from 'node:path';
import { runCheck } from '../check/run.js';
import type { Requirements } from '../check/requirements.js';
import type { SecretSource } from '../check/secrets.js';
import type { CheckEvent, CheckStep } from '../check/types.js';
import { customerKafkaSchema } from '../spec/schema.js';
import { APPLIES, CHOICES, PRESETS, fieldDiagnostics, specYaml, validateForm, type SpecData } from './form.js';
import { atCheckFields } from './findings.js';
import { pageHtml } from './page.js';
import { TOOLS, itemStatuses, requirementItems, toolOf, type Tool } from './requirements.js';
import { saveSpec } from './save.js';

/** What `graft setup` serves. */
export interface SetupOptions {
  /** Where the page saves the spec by default (and the spec it started from, when that file exists). */
  specPath: string;
  /** The form's starting values (a spec read from specPath), secrets only as references. */
  initial?: SpecData;
  /** The requirements file, parsed, and its path. */
  requirements?: { path: string; requirements: Requirements };
  /** 0 for any free port. */
  port: number;
  secrets: SecretSource;
  /** The `--secrets` argument as given, for the equivalent commands. */
  secretsArg?: string;
  timeoutMs?: number;
  env?: Readonly<Record<string, string | undefined>>;
  /** The random token; generated when absent. */
  token?: string;
}

/** A running setup server. */
export interface SetupServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY = 1 << 20;
const TOKEN_HEADER = 'x-graft-token';

/**
 * Serves the setup page on 127.0.0.1 only. Every request must carry the random token (the page's URL in its query,
 * every API call in the `X-Graft-Token` header) and name this server in `Host` (and `Origin`, when a browser sends
 * one): another site, or a DNS name rebound to 127.0.0.1, gets 403 and nothing else.
 */
export async function startSetupServer(o: SetupOptions): Promise<SetupServer> {
  const token = o.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  const server: Server = createServer((req, res) => {
    handle(req, res, o, token, port).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, { error: `internal error: ${(e as Error).message}` });
      else res.end();
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(o.port, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function sameToken(given: string | undefined | null, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuse(res: ServerResponse, why: string): void {
  send(res, 403, { error: why });
}

const SECURITY_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...SECURITY_HEADERS });
  res.end(JSON.stringify(body));
}

async function handle(req: IncomingMessage, res: ServerResponse, o: SetupOptions, token: string, port: number): Promise<void> {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!hosts.includes(req.headers.host ?? '')) return refuse(res, 'this server answers only to 127.0.0.1');
  const origin = req.headers.origin;
  if (origin !== undefined && !hosts.some((h) => origin === `http://${h}`)) return refuse(res, 'requests from another origin are refused');
  const url = new URL(req.url ?? '/', `http://${hosts[0]}`);
  if (url.pathname === '/' && req.method === 'GET') {
    if (!sameToken(url.searchParams.get('token'), token)) return refuse(res, 'open the URL graft setup printed, with its token');
    const nonce = randomBytes(16).toString('base64');
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
      ...SECURITY_HEADERS,
    });
    res.end(pageHtml(nonce));
    return;
  }
  if (!sameToken(req.headers[TOKEN_HEADER] as string | undefined, token)) return refuse(res, 'missing or wrong X-Graft-Token');
  if (url.pathname === '/api/state' && req.method === 'GET') return send(res, 200, state(o));
  if (req.method !== 'POST') return send(res, 404, { error: 'not found' });
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, { error: 'send application/json' });
  const body = await readJson(req);
  if (body === undefined) return send(res, 400, { error: 'the body must be a JSON object of at most 1 MiB' });
  const spec = asSpec(body['spec']);
  const tool = toolOf(body['tool'], spec);
  switch (url.pathname) {
    case '/api/validate':
      return send(res, 200, validate(o, spec, tool));
    case '/api/check':
      return streamCheck(res, o, spec, tool);
    case '/api/save':
      return send(res, 200, save(o, spec, typeof body['path'] === 'string' ? body['path'] : o.specPath));
    default:
      return send(res, 404, { error: 'not found' });
  }
}

function asSpec(v: unknown): SpecData {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as SpecData) : {};
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    const v: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The page's starting point: the schema it builds the form from, the rules, presets, values and requirements. */
function state(o: SetupOptions): Record<string, unknown> {
  return {
    schema: customerKafkaSchema,
    applies: APPLIES,
    choices: CHOICES,
    presets: PRESETS,
    tools: TOOLS,
    data: o.initial ?? {},
    specPath: o.specPath,
    requirementsPath: o.requirements?.path,
  };
}

function validate(o: SetupOptions, spec: SpecData, tool: Tool): Record<string, unknown> {
  const v = validateForm(spec, o.specPath);
  return {
    ok: !v.diagnostics.some((d) => d.severity === 'error'),
    diagnostics: v.diagnostics,
    // a form holding a secret value shows no spec text: the value stays where it was typed
    yaml: v.secretInForm ? undefined : v.yaml,
    tool,
    requirements: o.requirements ? requirementItems(o.requirements.requirements, spec, tool).map(({ span: _, ...item }) => item) : [],
  };
}

/** Runs `graft check` on the form as it stands, one JSON line per event as it happens, then the verdict. */
async function streamCheck(res: ServerResponse, o: SetupOptions, spec: SpecData, tool: Tool): Promise<void> {
  res.writeHead(200, { 'Content-Type': 'application/x-ndjson; charset=utf-8', ...SECURITY_HEADERS });
  const source = { path: o.specPath, text: specYaml(spec) };
  // a page closed mid-check leaves nothing to write to; the check still ends within its bounds
  res.on('error', () => undefined);
  const line = (v: unknown): void => {
    if (!res.destroyed && !res.writableEnded) res.write(`${JSON.stringify(v)}\n`);
  };
  const toPage = (step: CheckStep): Record<string, unknown> => ({
    probe: step.probe,
    target: step.target,
    status: step.status,
    detail: step.detail,
    ms: step.ms,
    // placed at the spec field each concerns, so the page shows it there as well as in the stream
    diagnostics: atCheckFields(fieldDiagnostics(source, step.diagnostics), spec),
  });
  const report = await runCheck({
    spec: o.specPath,
    specText: source.text,
    secrets: o.secrets,
    ...(o.requirements ? { requirements: o.requirements.requirements } : {}),
    ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
    ...(o.env ? { env: o.env } : {}),
    onEvent: (e: CheckEvent) => line(e.type === 'start' ? e : { type: 'end', step: toPage(e.step) }),
  });
  const items = o.requirements ? requirementItems(o.requirements.requirements, spec, tool) : [];
  line({
    type: 'done',
    ok: report.ok,
    // a spec the check could not start with: its diagnostics, at their fields
    diagnostics: report.steps.length === 0 ? fieldDiagnostics(source, report.diagnostics) : [],
    counts: Object.fromEntries(['pass', 'fail', 'warn', 'skip'].map((s) => [s, report.steps.filter((x) => x.status === s).length])),
    wallMs: report.wallMs,
    items: itemStatuses(items, report.steps),
  });
  res.end();
}

function save(o: SetupOptions, spec: SpecData, path: string): Record<string, unknown> {
  const v = validateForm(spec, path);
  if (v.diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics: v.diagnostics };
  const protect = o.requirements ? [{ path: o.requirements.path, what: 'the requirements file' }] : [];
  const refused = saveSpec(path, v.yaml, protect);
  if (refused)
    return {
      ok: false,
      diagnostics: [{ code: refused.code, severity: 'error', message: refused.message, help: refused.help ?? '', path: '' }],
    };
  const shown = relative(process.cwd(), resolve(path)) || path;
  const secrets = o.secretsArg ? ` --secrets ${o.secretsArg}` : '';
  return {
    ok: true,
    path: shown,
    commands: [
      `graft validate ${shown}`,
      `graft check --kafka ${shown}${o.requirements ? ` --requirements ${o.requirements.path}` : ''}${secrets}`,
      `graft compile <stack> --kafka ${shown} --out <dir>`,
    ],
  };
}
