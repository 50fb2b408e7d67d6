import type { Diagnostic } from '../core/diagnostic.js';
import type { SourceFile } from '../core/span.js';
import { readInputSource } from '../core/read.js';
import { parseYamlDoc } from '../core/yaml-doc.js';
import { loadSpec } from '../spec/validate.js';
import { usesSasl, usesTls } from '../spec/types.js';
import { CheckTimeout, StepRunner, principalOf, type BrokerAddress, type CheckContext } from './context.js';
import { loadRequirements, type Requirements } from './requirements.js';
import { resolveSecrets, secretScrubber } from './secrets.js';
import type { CheckCode } from './codes.js';
import type { CheckOptions, CheckReport, CheckStats } from './types.js';
import { probeAcls } from './probes/acls.js';
import { probeAdvertised } from './probes/advertised.js';
import { probeApiVersions, type BrokerSession } from './probes/api-versions.js';
import { probeDns } from './probes/dns.js';
import { probeMetadata } from './probes/metadata.js';
import { probeMskIam } from './probes/msk-iam.js';
import { probeOauth } from './probes/oauth.js';
import { probeSasl } from './probes/sasl.js';
import { probeSchemaRegistry } from './probes/schema-registry.js';
import { probeTcp } from './probes/tcp.js';
import { probeClientCert, probeTls } from './probes/tls.js';
import { probeTopics, type Creatable } from './probes/topics.js';

/** Default bound of every network step. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Runs the live preflight: per bootstrap server DNS → TCP → TLS → ApiVersions → SASL (servers in parallel, the token
 * fetch and the schema registry alongside), then one Metadata, the advertised brokers, topics and ACLs. Never throws
 * for anything the cluster does; every finding is a diagnostic on a checklist step.
 */
export async function runCheck(o: CheckOptions): Promise<CheckReport> {
  const t0 = performance.now();
  const stats: CheckStats = { kafka: {}, http: 0, connections: 0 };
  const sources = new Map<string, SourceFile>();
  const early = (diagnostics: Diagnostic[]): CheckReport => ({
    ok: !diagnostics.some((d) => d.severity === 'error'),
    spec: o.spec,
    steps: [],
    diagnostics,
    stats,
    wallMs: Math.round(performance.now() - t0),
    sources,
  });
  const specSource = o.specText === undefined ? readSource(o.spec) : { path: o.spec, text: o.specText };
  if ('code' in specSource) return early([specSource]);
  sources.set(specSource.path, specSource);
  const loaded = loadSpec(specSource);
  const specDoc = parseYamlDoc(specSource, 'SPEC').doc;
  if (!loaded.spec || !specDoc) return early(loaded.diagnostics);
  const spec = loaded.spec;
  let requirements: Requirements = {};
  if (typeof o.requirements === 'string') {
    const src = readSource(o.requirements);
    if ('code' in src) return early([...loaded.diagnostics, src]);
    sources.set(src.path, src);
    const r = loadRequirements(src);
    if (!r.requirements) return early([...loaded.diagnostics, ...r.diagnostics]);
    requirements = r.requirements;
  } else if (o.requirements) requirements = o.requirements;

  const env = o.env ?? process.env;
  const secrets = resolveSecrets(spec, o.secrets ?? { kind: 'env' }, env);
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const closers: (() => void)[] = [];
  const ctx: CheckContext = {
    spec,
    specDoc,
    requirements,
    secrets,
    timeoutMs,
    env,
    stats,
    principal: principalOf(spec, secrets),
    track: (c) => void closers.push(c),
    timed: (p, what) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new CheckTimeout(what, timeoutMs)), timeoutMs);
        p.then(
          (v) => {
            clearTimeout(timer);
            resolve(v);
          },
          (e: unknown) => {
            clearTimeout(timer);
            reject(e instanceof Error ? e : new Error(String(e)));
          },
        );
      }),
    specSpan: (path) => specDoc.spanOf(path),
    scrub: secretScrubber(spec, secrets),
  };
  const runner = new StepRunner(ctx, o.onEvent);
  try {
    await runAll(ctx, runner, bootstrapAddresses(ctx));
  } finally {
    for (const close of closers) {
      try {
        close();
      } catch {
        // already closed
      }
    }
  }
  const diagnostics = [...loaded.diagnostics, ...runner.steps.flatMap((s) => s.diagnostics)];
  return {
    ok: !diagnostics.some((d) => d.severity === 'error'),
    spec: o.spec,
    steps: runner.steps,
    diagnostics,
    stats,
    wallMs: Math.round(performance.now() - t0),
    sources,
  };
}

async function runAll(ctx: CheckContext, runner: StepRunner, bootstraps: BrokerAddress[]): Promise<void> {
  const { spec, secrets } = ctx;
  await runner.step('secrets', `${secrets.values.size + secrets.missing.size} references`, (s) => {
    for (const d of secrets.diagnostics) s.error(d.code as CheckCode, d.message, d.help ?? '', d.subject);
    return Promise.resolve({ detail: secrets.origins.length > 0 ? secrets.origins.join('; ') : 'none needed' });
  });
  if (spec.tls?.clientCert) await runner.step('client-cert', 'tls.clientCert', (s) => Promise.resolve(probeClientCert(ctx, s)));
  const mech = usesSasl(spec.securityProtocol) ? spec.sasl?.mechanism : undefined;
  const token: Promise<string | undefined> =
    mech === 'OAUTHBEARER'
      ? runner.step('oauth', spec.sasl?.oauth?.tokenEndpoint ?? '?', (s) => probeOauth(ctx, s))
      : mech === 'AWS_MSK_IAM'
        ? runner.step('msk-iam', spec.sasl?.aws?.region ?? '?', (s) => probeMskIam(ctx, s))
        : Promise.resolve(undefined);
  const registry = spec.schemaRegistry
    ? runner.step('schema-registry', spec.schemaRegistry.url, (s) => probeSchemaRegistry(ctx, s))
    : Promise.resolve();
  const sessions = await Promise.all(bootstraps.map((b) => bootstrapChain(ctx, runner, b, token)));
  const session = sessions.find((x): x is BrokerSession => x !== undefined);
  await afterAuth(ctx, runner, session, bootstraps, sessions);
  await Promise.all([token, registry]);
}

/** DNS → TCP → TLS → ApiVersions → SASL for one bootstrap server; resolves with an authenticated session or undefined. */
async function bootstrapChain(
  ctx: CheckContext,
  runner: StepRunner,
  b: BrokerAddress,
  token: Promise<string | undefined>,
): Promise<BrokerSession | undefined> {
  const { spec, secrets } = ctx;
  const skipFrom = (steps: string[], why: string): undefined => {
    for (const p of steps) runner.skip(p, b.label, why);
    return undefined;
  };
  const rest = ['tls', 'api-versions', 'sasl'].filter(
    (p) => (p !== 'tls' || usesTls(spec.securityProtocol)) && (p !== 'sasl' || usesSasl(spec.securityProtocol)),
  );
  if ((await runner.step('dns', b.label, (s) => probeDns(ctx, s, b), b.span)) === undefined)
    return skipFrom(['tcp', ...rest], 'skipped: DNS failed');
  if ((await runner.step('tcp', b.label, (s) => probeTcp(ctx, s, b), b.span)) === undefined) return skipFrom(rest, 'skipped: TCP failed');
  const tlsSecrets = ['tls.ca', 'tls.clientCert', 'tls.clientKey'].filter((p) => secrets.missing.has(p));
  if (usesTls(spec.securityProtocol)) {
    if (tlsSecrets.length > 0) return skipFrom(rest, `skipped: ${tlsSecrets.join(', ')} unresolved`);
    if ((await runner.step('tls', b.label, (s) => probeTls(ctx, s, b), b.span)) === undefined)
      return skipFrom(rest.slice(1), 'skipped: TLS failed');
  }
  const session = await runner.step('api-versions', b.label, (s) => probeApiVersions(ctx, s, b), b.span);
  if (!session)
    return skipFrom(
      rest.filter((p) => p === 'sasl'),
      'skipped: no Kafka connection',
    );
  if (!usesSasl(spec.securityProtocol)) return session;
  const credentials = ['sasl.username', 'sasl.password'].filter((p) => secrets.missing.has(p));
  if (credentials.length > 0) return skipFrom(['sasl'], `skipped: ${credentials.join(', ')} unresolved`);
  return runner.step('sasl', b.label, (s) => probeSasl(ctx, s, session, token), b.span);
}

async function afterAuth(
  ctx: CheckContext,
  runner: StepRunner,
  session: BrokerSession | undefined,
  bootstraps: BrokerAddress[],
  sessions: (BrokerSession | undefined)[],
): Promise<void> {
  const r = ctx.requirements;
  const wantsTopics = (r.topics ?? []).length > 0;
  const wantsAcls = wantsTopics || (r.groups ?? []).length > 0 || (r.transactionalIds ?? []).length > 0 || (r.cluster ?? []).length > 0;
  const later = ['metadata', ...(wantsTopics ? ['topics'] : []), ...(wantsAcls ? ['acls'] : [])];
  if (!session) {
    for (const p of later) runner.skip(p, 'cluster', 'skipped: no authenticated connection to any bootstrap server');
    return;
  }
  const bootstrap = bootstraps.map((b) => b.label).join(',');
  const facts = await runner.step('metadata', session.broker.label, (s) => probeMetadata(ctx, s, session));
  if (!facts) {
    for (const p of later.slice(1)) runner.skip(p, 'cluster', 'skipped: Metadata failed');
    return;
  }
  const verified = new Set(bootstraps.filter((_, i) => sessions[i] !== undefined).map((b) => b.label));
  const advertised = Promise.all(
    facts.brokers.map((b) =>
      verified.has(b.label)
        ? runner.step('advertised', `broker ${b.nodeId} ${b.label}`, () =>
            Promise.resolve({ detail: 'same address as a verified bootstrap server', value: true }),
          )
        : runner.step('advertised', `broker ${b.nodeId} ${b.label}`, (s) => probeAdvertised(ctx, s, b), session.broker.span),
    ),
  );
  const creatable = wantsTopics
    ? await runner.step('topics', `${r.topics?.length ?? 0} required`, (s) => probeTopics(ctx, s, session.conn, facts, bootstrap))
    : undefined;
  if (wantsAcls) {
    const none: Creatable = new Map();
    await runner.step('acls', ctx.principal, (s) => probeAcls(ctx, s, session.conn, facts, creatable ?? none, bootstrap));
  }
  await advertised;
}

/** The spec's bootstrap servers as addresses, each with the span of its entry. */
function bootstrapAddresses(ctx: CheckContext): BrokerAddress[] {
  const listed = Array.isArray((ctx.specDoc.data as { bootstrapServers?: unknown }).bootstrapServers);
  return ctx.spec.bootstrapServers.map((label, i) => {
    const m = /^(.*):(\d+)$/.exec(label);
    const host = (m?.[1] ?? label).replace(/^\[(.*)\]$/, '$1');
    return { host, port: Number(m?.[2] ?? 9092), label, span: ctx.specSpan(listed ? ['bootstrapServers', i] : ['bootstrapServers']) };
  });
}

function readSource(path: string): SourceFile | Diagnostic {
  return readInputSource(path, 'the file', { cannotRead: 'CHECK_CANNOT_READ', tooLarge: 'CHECK_INPUT_TOO_LARGE' }, 'check the path');
}
