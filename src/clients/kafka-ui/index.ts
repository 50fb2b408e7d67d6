import { usesTls, type SecretValue, type Value } from '../../spec/types.js';
import { javaClientConfig, propertyToEnv, withSystemProps } from '../java-common/index.js';
import { bootstrapValue, checkAwsMskIam, pointsAtCustomer, problem } from '../common.js';
import { emptyEmission, type ClientFamily, type EmitContext, type Emission } from '../types.js';

// KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS: kafka:9092
const CLUSTER_BOOTSTRAP = /^KAFKA_CLUSTERS_(\d+)_BOOTSTRAPSERVERS$/;
/** The official images, which ship aws-msk-iam-auth (AWS_MSK_IAM through the cluster's `PROPERTIES_*`). */
const IMAGE = /(^|\/)(provectuslabs|kafbat)\/kafka-ui(:|@|$)/;

/** provectuslabs/kafka-ui and kafbat/kafka-ui, Spring Boot apps configured through `KAFKA_CLUSTERS_<n>_*`. */
export const kafkaUi = {
  family: 'kafka-ui',
  clusterUse: 'browse',
  mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER', 'AWS_MSK_IAM'],
  mtls: true,
  detect: (s) => {
    if (s.image !== undefined && IMAGE.test(s.image)) return 'certain';
    return [...s.env.keys()].some((k) => CLUSTER_BOOTSTRAP.test(k)) ? 'certain' : undefined;
  },
  emit: emitKafkaUi,
} satisfies ClientFamily;

/** The cluster indexes to configure: those already rewired to the customer's servers, else every one present (else 0). */
export function chooseClusterIndexes(ctx: EmitContext): string[] {
  const present: string[] = [];
  for (const key of ctx.service.env.keys()) {
    const n = CLUSTER_BOOTSTRAP.exec(key)?.[1];
    if (n !== undefined) present.push(n);
  }
  present.sort((a, b) => Number(a) - Number(b));
  const rewired = present.filter((n) => pointsAtCustomer(ctx, ctx.service.env.get(`KAFKA_CLUSTERS_${n}_BOOTSTRAPSERVERS`)));
  if (rewired.length > 0) return rewired;
  return present.length > 0 ? present : ['0'];
}

/** Computes the kafka-ui environment for the customer's cluster. */
export function emitKafkaUi(ctx: EmitContext): Emission {
  const out = emptyEmission();
  const env = ctx.service.env;
  if (!checkAwsMskIam(ctx, out.problems, IMAGE)) return out;
  // Secrets arrive as files of one directory imported as a Spring config tree: a file named
  // kafka_sasl_password is the property ${kafka_sasl_password} inside any other value.
  let treeDir: string | undefined;
  const style = {
    inline: (secret: SecretValue) => {
      const f = ctx.mountSecret(secret);
      treeDir = f.dir;
      return `\${${f.name}}`;
    },
    path: (secret: SecretValue) => ctx.mountSecret(secret).path,
  };
  const text = (v: Value): string => (typeof v === 'string' ? v : style.inline(v));
  const cfg = javaClientConfig(ctx.spec, style);
  const sr = ctx.spec.schemaRegistry;
  const indexes = chooseClusterIndexes(ctx);
  for (const n of indexes) {
    const key = `KAFKA_CLUSTERS_${n}_`;
    out.env[`${key}BOOTSTRAPSERVERS`] = bootstrapValue(ctx, env.get(`${key}BOOTSTRAPSERVERS`));
    for (const [prop, value] of Object.entries(cfg.props)) out.env[propertyToEnv(`${key}PROPERTIES_`, prop)] = value;
    if (!sr) continue;
    out.env[`${key}SCHEMAREGISTRY`] = sr.url;
    if (sr.basicAuth) {
      out.env[`${key}SCHEMAREGISTRYAUTH_USERNAME`] = text(sr.basicAuth.username);
      out.env[`${key}SCHEMAREGISTRYAUTH_PASSWORD`] = style.inline(sr.basicAuth.password);
    }
  }
  if (sr?.ca) {
    out.problems.push(
      problem(
        'CLIENT_SCHEMA_REGISTRY_CA_UNSUPPORTED',
        `service "${ctx.service.name}" (kafka-ui) cannot trust the schema registry CA from a PEM file: it loads only a password-protected JKS/PKCS12 truststore`,
        'give the schema registry a certificate from a public CA, or build a truststore and set KAFKA_CLUSTERS_<n>_SSL_TRUSTSTORELOCATION and _TRUSTSTOREPASSWORD yourself',
      ),
    );
  }
  if (treeDir) {
    const current = env.get('SPRING_CONFIG_IMPORT');
    const entry = `optional:configtree:${treeDir}/`;
    out.env.SPRING_CONFIG_IMPORT = current && !current.includes(entry) ? `${current},${entry}` : (current ?? entry);
    out.notes.push(`secrets reach kafka-ui as a Spring config tree at ${treeDir}/ (SPRING_CONFIG_IMPORT)`);
  }
  if (indexes.length > 1 || !env.has(`KAFKA_CLUSTERS_${indexes[0] ?? '0'}_BOOTSTRAPSERVERS`)) {
    out.notes.push(`kafka-ui clusters configured for the customer's Kafka: ${indexes.map((n) => `KAFKA_CLUSTERS_${n}`).join(', ')}`);
  }
  const jvm = withSystemProps(env.get('JAVA_TOOL_OPTIONS'), cfg.systemProps);
  if (jvm !== undefined && jvm !== env.get('JAVA_TOOL_OPTIONS')) out.env.JAVA_TOOL_OPTIONS = jvm;
  if (usesTls(ctx.spec.securityProtocol) && !ctx.spec.tls?.ca) {
    out.notes.push('TLS trusts the JVM default CA store (no tls.ca in the spec)');
  }
  return out;
}
