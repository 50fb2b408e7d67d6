import { CheckTimeout, errorCode, errorText, type CheckContext, type StepResult, type StepScope } from '../context.js';
import { basicAuth, fetchText } from '../http.js';
import { valueOf } from '../secrets.js';

const TLS_ERRORS = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ALTNAME|ERR_SSL|ERR_TLS/;

/** Lists the registry's subjects: reachable, TLS, credentials, and the subjects the requirements name. */
export async function probeSchemaRegistry(ctx: CheckContext, s: StepScope): Promise<StepResult<void>> {
  const sr = ctx.spec.schemaRegistry;
  if (!sr) return { detail: 'not configured', skipped: true };
  const span = ctx.specSpan(['schemaRegistry', 'url']);
  const headers: Record<string, string> = { accept: 'application/vnd.schemaregistry.v1+json, application/json' };
  if (sr.basicAuth) {
    const user = valueOf(sr.basicAuth.username, ctx.secrets);
    const password = valueOf(sr.basicAuth.password, ctx.secrets);
    if (user === undefined || password === undefined) return { detail: 'credentials unresolved', skipped: true };
    headers['authorization'] = basicAuth(user, password);
  }
  const ca = sr.ca ? ctx.secrets.values.get(sr.ca.path) : undefined;
  const url = new URL(`${sr.url.replace(/\/+$/, '')}/subjects`);
  let reply;
  try {
    reply = await fetchText(ctx, url, { headers, ...(ca ? { ca } : {}) }, `schema registry ${url.origin}`);
  } catch (e) {
    if (e instanceof CheckTimeout) throw e;
    const code = errorCode(e) ?? '';
    if (TLS_ERRORS.test(code)) {
      s.error(
        'CHECK_SR_TLS',
        `the TLS certificate of the schema registry ${url.origin} is not accepted: ${errorText(e)}`,
        'set schemaRegistry.ca to the CA that issued its certificate, and use the host name the certificate names',
        sr.ca?.span ?? span,
      );
      return { detail: 'TLS failed' };
    }
    s.error(
      'CHECK_SR_UNREACHABLE',
      `the schema registry ${url.origin} cannot be reached: ${code || errorText(e)}`,
      'check schemaRegistry.url and the network path from where the deployment runs',
      span,
    );
    return { detail: 'unreachable' };
  }
  if (reply.status === 401 || reply.status === 403) {
    s.error(
      'CHECK_SR_AUTH',
      `the schema registry ${url.origin} refused the credentials (HTTP ${reply.status}: ${reply.body.slice(0, 200)})`,
      'check schemaRegistry.basicAuth (API key and secret for Confluent Cloud) and its permissions',
      sr.basicAuth?.password.span ?? span,
    );
    return { detail: `HTTP ${reply.status}` };
  }
  let subjects: unknown;
  try {
    subjects = JSON.parse(reply.body);
  } catch {
    subjects = undefined;
  }
  if (reply.status !== 200 || !Array.isArray(subjects)) {
    s.error(
      'CHECK_SR_ERROR',
      `the schema registry ${url.href} answered HTTP ${reply.status} without a subject list`,
      'check that schemaRegistry.url is the registry base URL (Confluent-compatible API)',
      span,
    );
    return { detail: `HTTP ${reply.status}` };
  }
  const have = new Set(subjects.map(String));
  const wanted = ctx.requirements.schemaRegistry?.subjects ?? [];
  wanted.forEach((subject, i) => {
    if (!have.has(subject)) {
      s.error(
        'CHECK_SR_SUBJECT_MISSING',
        `the schema registry ${url.origin} has no subject "${subject}"`,
        'register the schema (or let the vendor register it at first start if auto.register.schemas is on)',
        ctx.requirements.spans?.at(['schemaRegistry', 'subjects', i]),
      );
    }
  });
  return {
    detail: `${have.size} subjects${wanted.length > 0 ? `, ${wanted.length - wanted.filter((w) => !have.has(w)).length}/${wanted.length} required present` : ''}`,
  };
}
