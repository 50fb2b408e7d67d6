import { X509Certificate, createPrivateKey } from 'node:crypto';
import { connect as connectTcp } from 'node:net';
import { checkServerIdentity, connect, type PeerCertificate, type TLSSocket } from 'node:tls';
import { CheckTimeout, errorCode, errorText, type BrokerAddress, type CheckContext, type StepResult, type StepScope } from '../context.js';
import { tlsOptions } from '../kafka.js';
import { askApiVersions, isTlsRecord, type ApiVersionsAnswer } from '../raw.js';

const DAY = 86_400_000;
const CLIENT_CERT_ALERTS =
  /CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_EXPIRED|CERTIFICATE_UNKNOWN|ACCESS_DENIED|HANDSHAKE_FAILURE/;

/** Checks the mTLS client certificate locally: it loads, matches its key, and is within its validity. */
export function probeClientCert(ctx: CheckContext, s: StepScope): StepResult<void> {
  const tls = ctx.spec.tls;
  const certPem = tls?.clientCert ? ctx.secrets.values.get(tls.clientCert.path) : undefined;
  const keyPem = tls?.clientKey ? ctx.secrets.values.get(tls.clientKey.path) : undefined;
  if (!tls?.clientCert || !certPem || !keyPem) return { detail: 'no client certificate', skipped: true };
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem);
    if (!cert.checkPrivateKey(createPrivateKey(keyPem))) throw new Error('the key does not belong to the certificate');
  } catch (e) {
    s.error(
      'CHECK_TLS_CLIENT_CERT_INVALID',
      `the client certificate or key cannot be used: ${errorText(e)}`,
      'give the PEM certificate and its unencrypted PKCS#8 key',
      tls.clientCert.span,
    );
    return { detail: 'unusable' };
  }
  const now = Date.now();
  const subject = cert.subject.replace(/\n/g, ', ');
  if (Date.parse(cert.validTo) < now || Date.parse(cert.validFrom) > now) {
    s.error(
      'CHECK_TLS_CLIENT_CERT_EXPIRED',
      `the client certificate ${subject} is valid only from ${cert.validFrom} to ${cert.validTo}; the broker will refuse it`,
      'issue a new client certificate from the CA the broker trusts and update the secret',
      tls.clientCert.span,
    );
    return { detail: `expired ${cert.validTo}` };
  }
  const days = Math.floor((Date.parse(cert.validTo) - now) / DAY);
  return { detail: `${subject}, expires in ${days} days` };
}

/** TLS handshake with a broker: chain, host name, expiry, and whether the broker accepts the client (certificate). */
export async function probeTls(ctx: CheckContext, s: StepScope, broker: BrokerAddress): Promise<StepResult<true>> {
  const opts = { ...tlsOptions(ctx, broker.host), rejectUnauthorized: false, host: broker.host, port: broker.port };
  const caSpan = ctx.spec.tls?.ca?.span ?? ctx.specSpan(['securityProtocol']);
  const hasClientCert = 'cert' in opts;
  ctx.stats.connections++;
  let socket: TLSSocket | undefined;
  try {
    socket = await ctx.timed(
      new Promise<TLSSocket>((resolve, reject) => {
        const sock = connect(opts);
        ctx.track(() => sock.destroy());
        sock.once('secureConnect', () => resolve(sock));
        sock.once('error', reject);
      }),
      `TLS handshake with ${broker.label}`,
    );
  } catch (e) {
    if (e instanceof CheckTimeout) throw e;
    return handshakeFailed(ctx, s, broker, e, hasClientCert);
  }
  const peer = socket.getPeerCertificate(true);
  const version = socket.getProtocol() ?? 'TLS';
  const problems: string[] = [];
  if (!socket.authorized) {
    const err = String(socket.authorizationError);
    if (/CERT_HAS_EXPIRED|CERT_NOT_YET_VALID/.test(err)) {
      s.error(
        'CHECK_TLS_CERT_EXPIRED',
        `the certificate of ${broker.label} (${subjectOf(peer)}) is not valid now: valid ${peer.valid_from} to ${peer.valid_to}`,
        'the cluster operator must renew the broker certificate',
        broker.span,
      );
    } else {
      s.error(
        'CHECK_TLS_UNTRUSTED',
        `the certificate chain of ${broker.label} is not trusted (${err}); it is issued by ${rootOf(peer)}`,
        ctx.spec.tls?.ca
          ? `tls.ca holds a different CA: set it to the CA that issued the broker certificate (${rootOf(peer)})`
          : `the broker uses a private CA: set tls.ca to the CA certificate that issued it (${rootOf(peer)})`,
        caSpan,
      );
    }
    problems.push('untrusted');
  }
  const identity = checkServerIdentity(broker.host, peer);
  if (identity) {
    s.error(
      'CHECK_TLS_HOSTNAME_MISMATCH',
      `the certificate of ${broker.label} does not name ${broker.host}: it is for ${peer.subjectaltname ?? subjectOf(peer)}`,
      'connect by a name the certificate lists (use it in bootstrapServers), or have the cluster operator add this name to the broker certificate',
      broker.span,
    );
    problems.push('hostname mismatch');
  }
  const daysLeft = Math.floor((Date.parse(peer.valid_to) - Date.now()) / DAY);
  if (socket.authorized && daysLeft < 30) {
    s.warn(
      'CHECK_TLS_CERT_EXPIRES_SOON',
      `the certificate of ${broker.label} (${subjectOf(peer)}) expires in ${daysLeft} days (${peer.valid_to})`,
      'ask the cluster operator to renew the broker certificate before it expires',
      broker.span,
    );
  }
  // the broker decides on the client certificate after the handshake (TLS 1.3): only an answered request proves it was accepted
  try {
    const answer = await askApiVersions(ctx, socket, `ApiVersions over TLS to ${broker.label}`);
    if (!answer.kafka) {
      s.error(
        'CHECK_PROTOCOL_MISMATCH',
        `${broker.label} completed a TLS handshake but does not answer Kafka requests: ${answer.why}`,
        'check that the port is the Kafka TLS listener, not another TLS service',
        broker.span,
      );
      problems.push('not Kafka');
    }
  } catch (e) {
    if (e instanceof CheckTimeout) throw e;
    clientRejected(ctx, s, broker, e, hasClientCert);
    problems.push('client rejected');
  } finally {
    socket.destroy();
  }
  const detail = `${version}, ${subjectOf(peer)}, expires in ${daysLeft} days${hasClientCert ? ', client certificate accepted' : ''}`;
  return problems.length > 0 ? { detail: `${version}: ${problems.join(', ')}` } : { detail, value: true };
}

async function handshakeFailed(
  ctx: CheckContext,
  s: StepScope,
  broker: BrokerAddress,
  e: unknown,
  hasClientCert: boolean,
): Promise<StepResult<true>> {
  const code = errorCode(e) ?? '';
  if (CLIENT_CERT_ALERTS.test(code) && code.includes('ALERT')) {
    clientRejected(ctx, s, broker, e, hasClientCert);
    return { detail: 'client certificate rejected' };
  }
  if (code === 'ECONNREFUSED') {
    s.error(
      'CHECK_TCP_REFUSED',
      `nothing listens on ${broker.label} (connection refused)`,
      'check the port and that the broker runs',
      broker.span,
    );
    return { detail: 'refused' };
  }
  const plain = await plainAnswer(ctx, broker);
  if (plain?.kafka) {
    s.error(
      'CHECK_TLS_NOT_TLS_LISTENER',
      `${broker.label} answers Kafka requests without TLS, but the spec says ${ctx.spec.securityProtocol}`,
      'this is a PLAINTEXT or SASL_PLAINTEXT listener: use the port of the TLS listener, or set securityProtocol to match this one',
      broker.span,
    );
    return { detail: 'not a TLS listener' };
  }
  if (plain && !isTlsRecord(plain.head)) {
    s.error(
      'CHECK_PROTOCOL_MISMATCH',
      `${broker.label} speaks neither TLS nor Kafka: ${plain.why}`,
      'check the host and port: this is another service, not the Kafka TLS listener',
      broker.span,
    );
    return { detail: 'not Kafka' };
  }
  s.error(
    'CHECK_TLS_HANDSHAKE_FAILED',
    `the TLS handshake with ${broker.label} failed: ${errorText(e)}`,
    'check that the port is the TLS listener and that TLS versions and ciphers overlap',
    broker.span,
  );
  return { detail: `handshake failed: ${code || errorText(e)}` };
}

function clientRejected(ctx: CheckContext, s: StepScope, broker: BrokerAddress, e: unknown, hasClientCert: boolean): void {
  const why = errorText(e);
  const span = ctx.spec.tls?.clientCert?.span ?? ctx.specSpan(['tls']);
  if (hasClientCert) {
    s.error(
      'CHECK_TLS_CLIENT_CERT_REJECTED',
      `${broker.label} refused the client certificate (${ctx.principal}): ${why}`,
      'the broker trusts a different CA for clients, or the certificate expired or lacks clientAuth: issue one from the CA in the broker ssl.truststore',
      span,
    );
  } else {
    s.error(
      'CHECK_TLS_CLIENT_CERT_REJECTED',
      `${broker.label} requires a client certificate (mTLS) and none is given: ${why}`,
      'set tls.clientCert and tls.clientKey to the certificate and key the cluster operator issued for this deployment',
      span,
    );
  }
}

/** What answers a plain (non-TLS) Kafka request on this address; undefined when nothing does. */
async function plainAnswer(ctx: CheckContext, broker: BrokerAddress): Promise<ApiVersionsAnswer | undefined> {
  ctx.stats.connections++;
  const sock = connectTcp({ host: broker.host, port: broker.port });
  ctx.track(() => sock.destroy());
  try {
    await ctx.timed(
      new Promise<void>((resolve, reject) => sock.once('connect', resolve).once('error', reject)),
      `TCP connect to ${broker.label}`,
    );
    return await askApiVersions(ctx, sock, `ApiVersions without TLS to ${broker.label}`);
  } catch {
    return undefined;
  } finally {
    sock.destroy();
  }
}

function subjectOf(cert: PeerCertificate): string {
  const cn = first(cert.subject?.CN);
  return cn ? `CN=${cn}` : 'no subject';
}

/** A certificate name part; Node gives an array when the part repeats. */
function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function rootOf(cert: PeerCertificate): string {
  let c = cert as PeerCertificate & { issuerCertificate?: PeerCertificate };
  for (let i = 0; i < 10 && c.issuerCertificate && c.issuerCertificate !== c; i++) c = c.issuerCertificate;
  const cn = first(c.issuer?.CN);
  const o = first(c.issuer?.O);
  return cn ? `"${cn}"${o ? ` (O=${o})` : ''}` : 'an unknown issuer';
}
