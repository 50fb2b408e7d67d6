import { usesSasl, usesTls, type Value } from '../../spec/types.js';
import { bootstrapValue, problem } from '../common.js';
import { emptyEmission, type ClientFamily, type EmitContext, type Emission, type SettingValue } from '../types.js';

/** The official image (quay.io/cloudhut/owl-shop, also redpandadata/owl-shop), any registry, tag or digest. */
const IMAGE = /(^|\/)(cloudhut|redpandadata|vectorized)\/owl-shop(:|@|$)/;

/** Owl Shop's default prefix of its client id, consumer groups and topics (`shop.globalPrefix`). */
export const OWL_SHOP_DEFAULT_PREFIX = 'owlshop-';

/**
 * Owl Shop, Redpanda's demo shop and load generator (franz-go), configured through the environment: koanf splits each
 * variable on `_` and matches the keys case-insensitively against its YAML config, `shop.kafka.*` in the releases the
 * demos run (`SHOP_KAFKA_BROKERS`), `kafka.*` in later ones (`KAFKA_BROKERS`).
 */
export const owlShop = {
  family: 'owl-shop',
  // pkg/config/kafka_sasl.go: PLAIN, SCRAM-SHA-256/512 (and Kerberos); OAUTHBEARER "valid but not yet supported"
  mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'],
  mtls: true,
  detect: (s) => (s.image !== undefined && IMAGE.test(s.image) ? 'certain' : undefined),
  emit: emitOwlShop,
} satisfies ClientFamily;

/** Computes Owl Shop's Kafka variables for the customer's cluster, in the spelling the stack already uses. */
export function emitOwlShop(ctx: EmitContext): Emission {
  const out = emptyEmission();
  const spec = ctx.spec;
  const env = ctx.service.env;
  const p = env.has('KAFKA_BROKERS') && !env.has('SHOP_KAFKA_BROKERS') ? 'KAFKA_' : 'SHOP_KAFKA_';
  const value = (v: Value): SettingValue => (typeof v === 'string' ? v : { parts: [{ secret: v }] });
  out.env[`${p}BROKERS`] = bootstrapValue(ctx, env.get(`${p}BROKERS`));
  const sasl = spec.sasl;
  if (sasl && usesSasl(spec.securityProtocol)) {
    out.env[`${p}SASL_ENABLED`] = 'true';
    out.env[`${p}SASL_MECHANISM`] = sasl.mechanism;
    if (sasl.username !== undefined) out.env[`${p}SASL_USERNAME`] = value(sasl.username);
    if (sasl.password) out.env[`${p}SASL_PASSWORD`] = value(sasl.password);
  }
  if (usesTls(spec.securityProtocol)) {
    out.env[`${p}TLS_ENABLED`] = 'true';
    // without a CA file franz-go trusts the system roots
    if (spec.tls?.ca) out.env[`${p}TLS_CAFILEPATH`] = ctx.mountSecret(spec.tls.ca).path;
    else out.notes.push('TLS trusts the image’s system CA store (no tls.ca in the spec)');
    if (spec.tls?.clientCert && spec.tls.clientKey) {
      out.env[`${p}TLS_CERTFILEPATH`] = ctx.mountSecret(spec.tls.clientCert).path;
      out.env[`${p}TLS_KEYFILEPATH`] = ctx.mountSecret(spec.tls.clientKey).path;
    }
  }
  naming(ctx, out);
  return out;
}

/**
 * Owl Shop names its topics (addresses, customers, frontend-events, orders), consumer groups and client id with one
 * prefix, `shop.globalPrefix`: the customer's topic and group prefixes go in front of it when they are one prefix.
 */
function naming(ctx: EmitContext, out: Emission): void {
  const spec = ctx.spec;
  const topics = spec.topics?.prefix;
  const groups = spec.groups?.prefix;
  if (!topics && !groups && !spec.topics?.allow) return;
  const current = ctx.service.env.get('SHOP_GLOBALPREFIX') ?? OWL_SHOP_DEFAULT_PREFIX;
  const prefix = topics ?? groups ?? '';
  if (spec.topics?.allow || (topics && groups && topics !== groups)) {
    out.problems.push(
      problem(
        'CLIENT_IMPLICIT_NAME',
        `service "${ctx.service.name}" (owl-shop) names its topics (${current}addresses, ${current}customers, ${current}frontend-events, ${current}orders) and consumer groups with one prefix, SHOP_GLOBALPREFIX, which cannot follow ${spec.topics?.allow ? "the customer's topic allow-list" : `the customer's different topic (${topics ?? ''}) and group (${groups ?? ''}) prefixes`}`,
        "compile it for a cluster spec whose topic and group naming is one prefix, or let the customer allow Owl Shop's names as they are",
      ),
    );
    return;
  }
  out.env.SHOP_GLOBALPREFIX = current.startsWith(prefix) ? current : prefix + current;
}
