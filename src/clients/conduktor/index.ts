import { formatProperties } from '../../formats/properties/escape.js';
import { usesTls } from '../../spec/types.js';
import { checkProvidersAllowed, directoryProviderStyle, providerSettings } from '../java-common/config-providers.js';
import { javaClientConfig } from '../java-common/index.js';
import { checkAwsMskIam, pointsAtCustomer, problem } from '../common.js';
import { emptyEmission, type ClientFamily, type EmitContext, type Emission, type ValuePart } from '../types.js';

// CDK_CLUSTERS_0_BOOTSTRAPSERVERS: PLAINTEXT://kafka1:19092
const CLUSTER_BOOTSTRAP = /^CDK_CLUSTERS_(\d+)_BOOTSTRAPSERVERS$/;
/** The official image, which ships aws-msk-iam-auth (Conduktor's "AWS MSK with IAM" guide). */
const IMAGE = /(^|\/)conduktor\/conduktor-console(:|@|$)/;

/** Conduktor Console (conduktor/conduktor-console): clusters as `CDK_CLUSTERS_<n>_*`, client settings in `_PROPERTIES`. */
export const conduktor = {
  family: 'conduktor',
  clusterUse: 'browse',
  mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'AWS_MSK_IAM'],
  mtls: true,
  detect: (s) => {
    if (s.image !== undefined && IMAGE.test(s.image)) return 'certain';
    return [...s.env.keys()].some((k) => CLUSTER_BOOTSTRAP.test(k)) ? 'certain' : undefined;
  },
  emit: emitConduktor,
} satisfies ClientFamily;

/** The cluster indexes to configure: those already rewired to the customer's servers, else every one present (else 0). */
function clusterIndexes(ctx: EmitContext): string[] {
  const present: string[] = [];
  for (const key of ctx.service.env.keys()) {
    const n = CLUSTER_BOOTSTRAP.exec(key)?.[1];
    if (n !== undefined) present.push(n);
  }
  present.sort((a, b) => Number(a) - Number(b));
  const rewired = present.filter((n) => pointsAtCustomer(ctx, ctx.service.env.get(`CDK_CLUSTERS_${n}_BOOTSTRAPSERVERS`)));
  if (rewired.length > 0) return rewired;
  return present.length > 0 ? present : ['0'];
}

/** Computes Conduktor Console's environment for the customer's cluster. */
export function emitConduktor(ctx: EmitContext): Emission {
  const out = emptyEmission();
  const env = ctx.service.env;
  if (!checkAwsMskIam(ctx, out.problems, IMAGE)) return out;
  checkProvidersAllowed(ctx, out.problems);
  // secrets are files read through Kafka's DirectoryConfigProvider, declared in the cluster's properties
  const style = directoryProviderStyle(ctx);
  const cfg = javaClientConfig(ctx.spec, style);
  const props = {
    ...cfg.props,
    ...(style.used() ? providerSettings(ctx, { list: undefined, secretsClass: undefined }, out.problems) : {}),
  };
  const sr = ctx.spec.schemaRegistry;
  const indexes = clusterIndexes(ctx);
  for (const n of indexes) {
    const key = `CDK_CLUSTERS_${n}_`;
    const current = env.get(`${key}BOOTSTRAPSERVERS`);
    // the customer's servers without a listener scheme (an origin `PLAINTEXT://host:port` would name the wrong one)
    out.env[`${key}BOOTSTRAPSERVERS`] =
      current !== undefined && pointsAtCustomer(ctx, current) && !current.includes('://') ? current : ctx.bootstrap;
    out.env[`${key}PROPERTIES`] = formatProperties(props).replace(/\n$/, '');
    if (!sr) continue;
    out.env[`${key}SCHEMAREGISTRY_URL`] = sr.url;
    if (sr.basicAuth) {
      const user: ValuePart = typeof sr.basicAuth.username === 'string' ? sr.basicAuth.username : { secret: sr.basicAuth.username };
      out.env[`${key}SCHEMAREGISTRY_SECURITY_USERNAME`] = typeof user === 'string' ? user : { parts: [user] };
      out.env[`${key}SCHEMAREGISTRY_SECURITY_PASSWORD`] = { parts: [{ secret: sr.basicAuth.password }] };
    }
  }
  if (sr?.ca) {
    out.problems.push(
      problem(
        'CLIENT_SCHEMA_REGISTRY_CA_UNSUPPORTED',
        `service "${ctx.service.name}" (Conduktor Console) has no setting for a schema registry CA from a PEM file`,
        "give the schema registry a certificate from a public CA, or add the CA to the image's Java trust store",
      ),
    );
  }
  if (style.used())
    out.notes.push(
      "secrets reach Conduktor Console through Kafka's DirectoryConfigProvider (config.providers in the cluster's PROPERTIES)",
    );
  if (indexes.length > 1 || !env.has(`CDK_CLUSTERS_${indexes[0] ?? '0'}_BOOTSTRAPSERVERS`)) {
    out.notes.push(`Conduktor clusters configured for the customer's Kafka: ${indexes.map((n) => `CDK_CLUSTERS_${n}`).join(', ')}`);
  }
  if (usesTls(ctx.spec.securityProtocol) && !ctx.spec.tls?.ca)
    out.notes.push('TLS trusts the JVM default CA store (no tls.ca in the spec)');
  return out;
}
