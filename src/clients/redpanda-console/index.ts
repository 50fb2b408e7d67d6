import { usesSasl, usesTls, type Value } from '../../spec/types.js';
import { bootstrapValue } from '../common.js';
import { emptyEmission, type ClientFamily, type EmitContext, type Emission, type ServiceFacts, type SettingValue } from '../types.js';

const IMAGE = /(^|\/)(redpandadata|vectorized)\/console(:|@|$)|(^|\/)cloudhut\/kowl(:|@|$)/;

/** Redpanda Console (redpandadata/console, formerly Kowl), configured through `KAFKA_*` environment variables. */
export const redpandaConsole = {
  family: 'redpanda-console',
  clusterUse: 'browse',
  mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER', 'AWS_MSK_IAM'],
  mtls: true,
  detect: (s) => (s.image !== undefined && IMAGE.test(s.image) ? 'certain' : undefined),
  emit: emitRedpandaConsole,
} satisfies ClientFamily;

/** Console major version: v3 moved `kafka.schemaRegistry` to a top-level `schemaRegistry`. */
export function detectConsoleMajor(s: ServiceFacts): 2 | 3 {
  const keys = [...s.env.keys()];
  if (keys.some((k) => k.startsWith('KAFKA_SCHEMAREGISTRY_'))) return 2;
  if (keys.some((k) => k.startsWith('SCHEMAREGISTRY_'))) return 3;
  const major = /:v?(\d+)\.\d/.exec(s.image ?? '')?.[1];
  return major !== undefined && Number(major) < 3 ? 2 : 3;
}

const fromSecret = (v: Value): SettingValue => (typeof v === 'string' ? v : { parts: [{ secret: v }] });

/** Computes Redpanda Console's environment for the customer's cluster. */
export function emitRedpandaConsole(ctx: EmitContext): Emission {
  const out = emptyEmission();
  const { spec } = ctx;
  out.env.KAFKA_BROKERS = bootstrapValue(ctx, ctx.service.env.get('KAFKA_BROKERS'));
  const tls = usesTls(spec.securityProtocol);
  out.env.KAFKA_TLS_ENABLED = String(tls);
  if (tls && spec.tls?.ca) out.env.KAFKA_TLS_CAFILEPATH = ctx.mountSecret(spec.tls.ca).path;
  if (tls && spec.tls?.clientCert && spec.tls.clientKey) {
    out.env.KAFKA_TLS_CERTFILEPATH = ctx.mountSecret(spec.tls.clientCert).path;
    out.env.KAFKA_TLS_KEYFILEPATH = ctx.mountSecret(spec.tls.clientKey).path;
  }
  const sasl = spec.sasl && usesSasl(spec.securityProtocol) ? spec.sasl : undefined;
  out.env.KAFKA_SASL_ENABLED = String(sasl !== undefined);
  const secretNote = (name: string): void => {
    out.notes.push(
      `Redpanda Console reads ${name} only as a value: it is filled from the secret at run time and must not contain a comma (Console splits values at commas)`,
    );
  };
  if (sasl) {
    if (sasl.mechanism === 'AWS_MSK_IAM') {
      // Console signs AWS_MSK_IAM itself (Go, franz-go's aws package): no jar to vouch for
      out.env.KAFKA_SASL_MECHANISM = 'AWS_MSK_IAM';
      if (sasl.aws) out.env.KAFKA_SASL_AWSMSKIAM_REGION = sasl.aws.region;
      out.notes.push('Redpanda Console signs AWS_MSK_IAM with the AWS default credential chain; it cannot assume sasl.aws.roleArn itself');
    } else {
      out.env.KAFKA_SASL_MECHANISM = sasl.mechanism;
    }
    if (sasl.mechanism === 'OAUTHBEARER' && sasl.oauth) {
      out.env.KAFKA_SASL_OAUTH_TOKENENDPOINT = sasl.oauth.tokenEndpoint;
      out.env.KAFKA_SASL_OAUTH_CLIENTID = fromSecret(sasl.oauth.clientId);
      out.env.KAFKA_SASL_OAUTH_CLIENTSECRET = fromSecret(sasl.oauth.clientSecret);
      if (sasl.oauth.scope !== undefined) out.env.KAFKA_SASL_OAUTH_SCOPE = sasl.oauth.scope;
      secretNote('KAFKA_SASL_OAUTH_CLIENTSECRET');
    } else if (sasl.mechanism !== 'AWS_MSK_IAM') {
      if (sasl.username !== undefined) out.env.KAFKA_SASL_USERNAME = fromSecret(sasl.username);
      if (sasl.password) {
        out.env.KAFKA_SASL_PASSWORD = fromSecret(sasl.password);
        secretNote('KAFKA_SASL_PASSWORD');
      }
    }
  }
  const sr = spec.schemaRegistry;
  if (sr) {
    const v2 = detectConsoleMajor(ctx.service) === 2;
    const p = v2 ? 'KAFKA_SCHEMAREGISTRY_' : 'SCHEMAREGISTRY_';
    const auth = v2 ? p : `${p}AUTHENTICATION_BASIC_`;
    out.env[`${p}ENABLED`] = 'true';
    out.env[`${p}URLS`] = sr.url;
    // Console refuses an https URL with TLS disabled and an http URL with TLS enabled.
    out.env[`${p}TLS_ENABLED`] = String(sr.url.startsWith('https:'));
    if (sr.ca) out.env[`${p}TLS_CAFILEPATH`] = ctx.mountSecret(sr.ca).path;
    if (sr.basicAuth) {
      out.env[`${auth}USERNAME`] = fromSecret(sr.basicAuth.username);
      out.env[`${auth}PASSWORD`] = fromSecret(sr.basicAuth.password);
      secretNote(`${auth}PASSWORD`);
    }
    out.notes.push(`Redpanda Console v${v2 ? 2 : 3} schema registry settings (${p}*)`);
  }
  return out;
}
