import { usesSasl, usesTls, type Value } from '../../spec/types.js';
import { bootstrapValue } from '../common.js';
import { emptyEmission, type ClientFamily, type EmitContext, type Emission, type SettingValue } from '../types.js';

/** The official images (redpandadata/kminion, formerly vectorized/ and cloudhut/), any registry, tag or digest. */
const IMAGE = /(^|\/)(redpandadata|vectorized|cloudhut)\/kminion(:|@|$)/;

/**
 * KMinion, Redpanda's Kafka exporter (franz-go), configured through the environment: koanf lower-cases every variable
 * and turns `_` into `.` (`KAFKA_TLS_CAFILEPATH` → `kafka.tls.caFilepath`), and a value with commas becomes a list.
 */
export const kminion = {
  family: 'kminion',
  clusterUse: 'browse',
  // kafka/client_config_helper.go: PLAIN and SCRAM (and Kerberos); no OAuth client credentials or IAM in every 2.x
  mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'],
  mtls: true,
  detect: (s) => (s.image !== undefined && IMAGE.test(s.image) ? 'certain' : undefined),
  emit: emitKminion,
} satisfies ClientFamily;

/** Computes KMinion's `KAFKA_*` variables for the customer's cluster: secrets as values or mounted files. */
export function emitKminion(ctx: EmitContext): Emission {
  const out = emptyEmission();
  const spec = ctx.spec;
  const value = (v: Value): SettingValue => (typeof v === 'string' ? v : { parts: [{ secret: v }] });
  out.env.KAFKA_BROKERS = bootstrapValue(ctx, ctx.service.env.get('KAFKA_BROKERS'));
  const sasl = spec.sasl;
  if (sasl && usesSasl(spec.securityProtocol)) {
    out.env.KAFKA_SASL_ENABLED = 'true';
    out.env.KAFKA_SASL_MECHANISM = sasl.mechanism;
    if (sasl.username !== undefined) out.env.KAFKA_SASL_USERNAME = value(sasl.username);
    if (sasl.password) out.env.KAFKA_SASL_PASSWORD = value(sasl.password);
  }
  if (usesTls(spec.securityProtocol)) {
    out.env.KAFKA_TLS_ENABLED = 'true';
    // without a CA file franz-go trusts the system roots
    if (spec.tls?.ca) out.env.KAFKA_TLS_CAFILEPATH = ctx.mountSecret(spec.tls.ca).path;
    else out.notes.push('TLS trusts the image’s system CA store (no tls.ca in the spec)');
    if (spec.tls?.clientCert && spec.tls.clientKey) {
      out.env.KAFKA_TLS_CERTFILEPATH = ctx.mountSecret(spec.tls.clientCert).path;
      out.env.KAFKA_TLS_KEYFILEPATH = ctx.mountSecret(spec.tls.clientKey).path;
    }
  }
  return out;
}
