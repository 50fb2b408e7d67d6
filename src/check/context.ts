import { X509Certificate } from 'node:crypto';
import type { Diagnostic } from '../core/diagnostic.js';
import type { Span } from '../core/span.js';
import type { DocPath, YamlDoc } from '../core/yaml-doc.js';
import type { CustomerKafka } from '../spec/types.js';
import type { CheckCode } from './codes.js';
import type { Requirements } from './requirements.js';
import type { ResolvedSecrets } from './secrets.js';
import type { CheckEvent, CheckStats, CheckStep } from './types.js';

/** A network step that took longer than the check's bound. */
export class CheckTimeout extends Error {
  constructor(
    readonly what: string,
    readonly ms: number,
  ) {
    super(`${what} did not answer within ${ms} ms`);
  }
}

/** A bootstrap or advertised broker address. */
export interface BrokerAddress {
  host: string;
  port: number;
  /** `host:port` as written. */
  label: string;
  /** Where the spec names it (the bootstrap entry). */
  span: Span;
}

/** Shared state of one check run; probes read it and record what they learn. */
export interface CheckContext {
  spec: CustomerKafka;
  specDoc: YamlDoc;
  requirements: Requirements;
  secrets: ResolvedSecrets;
  timeoutMs: number;
  env: Readonly<Record<string, string | undefined>>;
  stats: CheckStats;
  /** Who the broker will see, for messages and ACL hints (e.g. `User:alice`). */
  principal: string;
  /** Registers a cleanup run when the check ends (sockets, servers). */
  track(close: () => void): void;
  /** Bounds a network step by the check's timeout. */
  timed<T>(p: Promise<T>, what: string): Promise<T>;
  /** Span of a spec field (its nearest existing ancestor when absent). */
  specSpan(path: DocPath): Span;
  /** Removes every resolved secret value from a text: what a server answers, what a step shows. */
  scrub(text: string): string;
}

/** Lets a probe record diagnostics for its checklist line. */
export interface StepScope {
  error(code: CheckCode, message: string, help: string, subject?: Span): void;
  warn(code: CheckCode, message: string, help: string, subject?: Span): void;
}

/** What a probe returns: the checklist detail, a value for dependent probes, or a skip. */
export interface StepResult<T> {
  detail: string;
  value?: T;
  skipped?: boolean;
}

/** Runs probes as checklist steps: bounded, never throwing, recording diagnostics and timing. */
export class StepRunner {
  readonly steps: CheckStep[] = [];
  /** Every text a step shows passes through it: no resolved secret value reaches the checklist or a diagnostic. */
  private readonly scrub: (text: string) => string;

  constructor(
    private readonly ctx: CheckContext,
    private readonly onEvent?: (e: CheckEvent) => void,
  ) {
    this.scrub = (t) => ctx.scrub(t);
  }

  /** Runs one probe; resolves with the value it gave (probes give none when what depends on them cannot go on). */
  async step<T>(probe: string, target: string, fn: (s: StepScope) => Promise<StepResult<T>>, subject?: Span): Promise<T | undefined> {
    this.onEvent?.({ type: 'start', probe, target });
    const t0 = performance.now();
    const diagnostics: Diagnostic[] = [];
    const add =
      (severity: 'error' | 'warning') =>
      (code: CheckCode, message: string, help: string, at?: Span): void => {
        const where = at ?? subject;
        diagnostics.push({ code, severity, message: this.scrub(message), help: this.scrub(help), ...(where ? { subject: where } : {}) });
      };
    const scope: StepScope = { error: add('error'), warn: add('warning') };
    let result: StepResult<T>;
    // a probe makes a few bounded network calls; this cap only guards against a bug that awaits forever
    const cap = this.ctx.timeoutMs * 8;
    let timer: NodeJS.Timeout | undefined;
    try {
      result = await Promise.race([
        fn(scope),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new CheckTimeout(`${probe} ${target}`, cap)), cap);
        }),
      ]);
    } catch (e) {
      if (e instanceof CheckTimeout) {
        scope.error(
          'CHECK_TIMEOUT',
          `${e.message}`,
          'the address accepts connections but does not answer in time: make sure it is the Kafka listener (not a proxy, ' +
            'load balancer or firewall that swallows traffic), or raise --timeout-ms for a slow link',
        );
        result = { detail: `timed out after ${e.ms} ms` };
      } else {
        scope.error('CHECK_INTERNAL', `${probe} ${target} failed unexpectedly: ${errorText(e)}`, 'report this with the output of --json');
        result = { detail: 'internal error' };
      }
    } finally {
      clearTimeout(timer);
    }
    const failed = diagnostics.some((d) => d.severity === 'error');
    const step: CheckStep = {
      probe,
      target: this.scrub(target),
      status: failed ? 'fail' : result.skipped ? 'skip' : diagnostics.length > 0 ? 'warn' : 'pass',
      detail: this.scrub(result.detail),
      ms: Math.round(performance.now() - t0),
      diagnostics,
    };
    this.steps.push(step);
    this.onEvent?.({ type: 'end', step });
    return result.value;
  }

  /** Records a probe that could not run because something it needs failed. */
  skip(probe: string, target: string, reason: string): undefined {
    const step: CheckStep = { probe, target: this.scrub(target), status: 'skip', detail: this.scrub(reason), ms: 0, diagnostics: [] };
    this.steps.push(step);
    this.onEvent?.({ type: 'end', step });
    return undefined;
  }
}

/** The most useful text of an error: the broker's or server's own message when there is one. */
export function errorText(e: unknown): string {
  const seen = new Set<unknown>();
  const parts: string[] = [];
  const visit = (x: unknown): void => {
    if (typeof x !== 'object' || x === null || seen.has(x)) return;
    seen.add(x);
    const r = x as {
      message?: unknown;
      serverErrorMessage?: unknown;
      response?: { errorMessage?: unknown };
      cause?: unknown;
      errors?: unknown;
    };
    if (typeof r.serverErrorMessage === 'string' && r.serverErrorMessage) parts.push(r.serverErrorMessage);
    else if (typeof r.response?.errorMessage === 'string' && r.response.errorMessage) parts.push(r.response.errorMessage);
    else if (typeof r.message === 'string' && r.message && !r.message.startsWith('Received response with error')) parts.push(r.message);
    if (Array.isArray(r.errors)) r.errors.forEach(visit);
    visit(r.cause);
  };
  visit(e);
  const unique = [...new Set(parts)];
  return unique.length > 0 ? unique.join(': ') : String(e);
}

/** The Node error code (`ECONNREFUSED`, `ERR_SSL_...`) somewhere in an error's cause chain. */
export function errorCode(e: unknown): string | undefined {
  let x: unknown = e;
  for (let i = 0; i < 8 && typeof x === 'object' && x !== null; i++) {
    const c = (x as { code?: unknown }).code;
    if (typeof c === 'string' && !c.startsWith('PLT_KFK_')) return c;
    x = (x as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Who the broker sees for these credentials, for messages and ACL hints. */
export function principalOf(spec: CustomerKafka, secrets: ResolvedSecrets): string {
  const sasl = spec.sasl;
  if (sasl && (spec.securityProtocol === 'SASL_SSL' || spec.securityProtocol === 'SASL_PLAINTEXT')) {
    if (sasl.mechanism === 'OAUTHBEARER') {
      const id = sasl.oauth?.clientId;
      const v = typeof id === 'string' ? id : id ? secrets.values.get(id.path) : undefined;
      return `OAuth client ${v ?? '(unresolved)'}`;
    }
    if (sasl.mechanism === 'AWS_MSK_IAM') return `IAM role ${sasl.aws?.roleArn ?? '(default credentials)'}`;
    const u = sasl.username;
    const name = typeof u === 'string' ? u : u ? secrets.values.get(u.path) : undefined;
    return `User:${name ?? '(unresolved)'}`;
  }
  const cert = spec.tls?.clientCert ? secrets.values.get(spec.tls.clientCert.path) : undefined;
  if (cert) {
    try {
      return `User:${new X509Certificate(cert).subject.split('\n').reverse().join(',')}`;
    } catch {
      return 'the client certificate';
    }
  }
  return 'User:ANONYMOUS';
}
