import { usesSasl, usesTls, type Value } from '../../spec/types.js';
import { problem } from '../common.js';
import { emptyEmission, type ClientFamily, type EmitContext, type Emission } from '../types.js';

/** The ClickHouse server images (official, the former Yandex name, Altinity's builds), any registry, tag or digest. */
const IMAGE = /(^|\/)(clickhouse|yandex|altinity)\/clickhouse-server(:|@|$)/;

/** Where the server reads extra configuration files, merged into its config.xml in name order. */
export const CLICKHOUSE_CONFIG_D = '/etc/clickhouse-server/config.d';
/** The file graft adds there: the server-wide `<kafka>` section every Kafka-engine table reads. */
export const CLICKHOUSE_KAFKA_CONFIG = `${CLICKHOUSE_CONFIG_D}/graft-kafka.xml`;

/** The variables a secret reaches the server in, read by `from_env` in the configuration graft adds. */
const SECRET_VARIABLES = { 'sasl.username': 'GRAFT_KAFKA_SASL_USERNAME', 'sasl.password': 'GRAFT_KAFKA_SASL_PASSWORD' } as const;

/**
 * A ClickHouse server whose Kafka-engine tables consume from Kafka. Their librdkafka settings come from the server's
 * `<kafka>` configuration section (librdkafka keys with `_` for `.`), which graft adds as a config.d file; secrets stay
 * out of it: `from_env` names a variable the platform fills, files are mounted. Recognized as `likely` only: a
 * ClickHouse server is a client when the format found a Kafka-engine table of its naming the dropped Kafka.
 */
export const clickhouse = {
  family: 'clickhouse',
  // PLAIN and SCRAM through librdkafka's sasl.* settings; OAUTHBEARER (OIDC) and AWS_MSK_IAM depend on the release
  mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'],
  mtls: true,
  detect: (s) => (s.image !== undefined && IMAGE.test(s.image) ? 'likely' : undefined),
  emit: emitClickhouse,
} satisfies ClientFamily;

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Computes the `<kafka>` section for the customer's cluster and the variables its secrets arrive in. */
export function emitClickhouse(ctx: EmitContext): Emission {
  const out = emptyEmission();
  const { spec } = ctx;
  const lines: string[] = [`<security_protocol>${spec.securityProtocol.toLowerCase()}</security_protocol>`];
  const element = (key: string, v: Value, variable: string): void => {
    if (typeof v === 'string') {
      lines.push(`<${key}>${escapeXml(v)}</${key}>`);
      return;
    }
    lines.push(`<${key} from_env="${variable}"/>`);
    out.env[variable] = { parts: [{ secret: v }] };
  };
  const sasl = spec.sasl && usesSasl(spec.securityProtocol) ? spec.sasl : undefined;
  if (sasl && (sasl.mechanism === 'AWS_MSK_IAM' || sasl.mechanism === 'OAUTHBEARER')) {
    out.problems.push(
      problem(
        'CLIENT_MECHANISM_UNSUPPORTED',
        `service "${ctx.service.name}" (ClickHouse Kafka engine) cannot use ${sasl.mechanism} from its <kafka> configuration in every ClickHouse release`,
        'give the ClickHouse server SCRAM or PLAIN credentials or a client certificate on the customer cluster',
      ),
    );
    return out;
  }
  if (sasl) {
    lines.push(`<sasl_mechanism>${sasl.mechanism}</sasl_mechanism>`);
    if (sasl.username !== undefined) element('sasl_username', sasl.username, SECRET_VARIABLES['sasl.username']);
    if (sasl.password) element('sasl_password', sasl.password, SECRET_VARIABLES['sasl.password']);
  }
  if (usesTls(spec.securityProtocol)) {
    if (spec.tls?.ca) lines.push(`<ssl_ca_location>${ctx.mountSecret(spec.tls.ca).path}</ssl_ca_location>`);
    else out.notes.push('TLS trusts the image’s system CA store (no tls.ca in the spec)');
    if (spec.tls?.clientCert && spec.tls.clientKey) {
      lines.push(`<ssl_certificate_location>${ctx.mountSecret(spec.tls.clientCert).path}</ssl_certificate_location>`);
      lines.push(`<ssl_key_location>${ctx.mountSecret(spec.tls.clientKey).path}</ssl_key_location>`);
    }
  }
  if (spec.securityProtocol === 'PLAINTEXT') return out;
  out.files = {
    [CLICKHOUSE_KAFKA_CONFIG]: [
      '<clickhouse>',
      '    <kafka>',
      ...lines.map((l) => `        ${l}`),
      '    </kafka>',
      '</clickhouse>',
      '',
    ].join('\n'),
  };
  out.notes.push(
    `the Kafka-engine tables read the customer's security settings from ${CLICKHOUSE_KAFKA_CONFIG} (the server's <kafka> section); a table's own kafka_security_protocol / kafka_sasl_* settings would override it`,
  );
  return out;
}
