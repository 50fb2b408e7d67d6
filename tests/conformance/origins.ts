import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { EXAMPLE } from './example.js';

// The migration matrix's origins: the example stack as a vendor configured it for its own Kafka, with the security
// settings each client family reads for that Kafka. graft must remove them when it configures the client for the
// customer's, or the client starts with a mix (an MSK IAM callback handler under a SCRAM login, a JKS store that does
// not exist in the container, a vendor's identity provider, a literal password of the vendor's broker).

/** Settings one origin gives the services of the example stack: environment variables and properties-file lines. */
export interface Origin {
  id: string;
  title: string;
  /** Variables per service; the env family's services share ENV_FAMILY. */
  env: Record<string, Record<string, string>>;
  /** Lines appended to the properties files the stack bind-mounts, by path in the stack. */
  files: Record<string, string[]>;
}

const ENV_FAMILY = ['payments', 'notifier', 'shipping'];
const PASSWORD = 'vendor-broker-password';
const SCRAM_JAAS = `org.apache.kafka.common.security.scram.ScramLoginModule required username="vendor" password="${PASSWORD}";`;
const OAUTH_JAAS =
  'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="vendor" clientSecret="vendor-idp-secret";';
const OAUTH_HANDLER = 'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler';
const VENDOR_IDP = 'http://vendor-idp.invalid:8080/realms/vendor/protocol/openid-connect/token';
const IAM_JAAS = 'software.amazon.msk.auth.iam.IAMLoginModule required;';
const IAM_HANDLER = 'software.amazon.msk.auth.iam.IAMClientCallbackHandler';

const envFamily = (vars: Record<string, string>): Record<string, Record<string, string>> =>
  Object.fromEntries(ENV_FAMILY.map((s) => [s, vars]));

/** The origins of the migration matrix. */
export const ORIGINS: readonly Origin[] = [
  { id: 'plaintext', title: 'PLAINTEXT', env: {}, files: {} },
  {
    id: 'scram-literal',
    title: 'SCRAM, literal JAAS password',
    env: {
      orders: {
        SPRING_KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT',
        SPRING_KAFKA_PROPERTIES_SASL_MECHANISM: 'SCRAM-SHA-512',
        SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG: SCRAM_JAAS,
        SPRING_KAFKA_PRODUCER_PROPERTIES_SASL_JAAS_CONFIG: SCRAM_JAAS,
      },
      ...envFamily({
        KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT',
        KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
        KAFKA_SASL_USERNAME: 'vendor',
        KAFKA_SASL_PASSWORD: PASSWORD,
      }),
    },
    files: {
      'config/client.properties': ['security.protocol=SASL_PLAINTEXT', 'sasl.mechanism=SCRAM-SHA-512', `sasl.jaas.config=${SCRAM_JAAS}`],
      'config/librdkafka.properties': [
        'security.protocol=SASL_PLAINTEXT',
        'sasl.mechanisms=SCRAM-SHA-512',
        'sasl.username=vendor',
        `sasl.password=${PASSWORD}`,
      ],
    },
  },
  {
    id: 'ssl-jks',
    title: 'SSL, JKS stores with passwords',
    env: {
      orders: {
        SPRING_KAFKA_SECURITY_PROTOCOL: 'SSL',
        SPRING_KAFKA_SSL_TRUST_STORE_LOCATION: 'file:/vendor/certs/kafka.truststore.jks',
        SPRING_KAFKA_SSL_TRUST_STORE_PASSWORD: 'changeit',
        SPRING_KAFKA_SSL_KEY_STORE_LOCATION: 'file:/vendor/certs/orders.keystore.jks',
        SPRING_KAFKA_SSL_KEY_STORE_PASSWORD: 'changeit',
        SPRING_KAFKA_SSL_KEY_PASSWORD: 'changeit',
        SPRING_KAFKA_PROPERTIES_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM: '',
      },
      ...envFamily({
        KAFKA_SECURITY_PROTOCOL: 'SSL',
        KAFKA_SSL_CA_FILE: '/vendor/certs/ca.pem',
        KAFKA_SSL_CERT_FILE: '/vendor/certs/client.pem',
        KAFKA_SSL_KEY_FILE: '/vendor/certs/client.key',
      }),
    },
    files: {
      'config/client.properties': [
        'security.protocol=SSL',
        'ssl.truststore.location=/vendor/certs/kafka.truststore.jks',
        'ssl.truststore.password=changeit',
        'ssl.keystore.location=/vendor/certs/ledger.keystore.jks',
        'ssl.keystore.password=changeit',
        'ssl.key.password=changeit',
        'ssl.endpoint.identification.algorithm=',
      ],
      'config/librdkafka.properties': [
        'security.protocol=SSL',
        'ssl.ca.location=/vendor/certs/ca.pem',
        'ssl.certificate.location=/vendor/certs/client.pem',
        'ssl.key.location=/vendor/certs/client.key',
        'ssl.key.password=changeit',
        'enable.ssl.certificate.verification=false',
      ],
    },
  },
  {
    id: 'oauthbearer',
    title: "OAUTHBEARER, the vendor's identity provider",
    env: {
      orders: {
        SPRING_KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT',
        SPRING_KAFKA_PROPERTIES_SASL_MECHANISM: 'OAUTHBEARER',
        SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG: OAUTH_JAAS,
        SPRING_KAFKA_PROPERTIES_SASL_LOGIN_CALLBACK_HANDLER_CLASS: OAUTH_HANDLER,
        SPRING_KAFKA_PROPERTIES_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL: VENDOR_IDP,
      },
      ...envFamily({
        KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT',
        KAFKA_SASL_MECHANISM: 'OAUTHBEARER',
        KAFKA_OAUTH_TOKEN_ENDPOINT: VENDOR_IDP,
        KAFKA_OAUTH_CLIENT_ID: 'vendor',
        KAFKA_OAUTH_CLIENT_SECRET: 'vendor-idp-secret',
        KAFKA_OAUTH_SCOPE: 'vendor',
      }),
    },
    files: {
      'config/client.properties': [
        'security.protocol=SASL_PLAINTEXT',
        'sasl.mechanism=OAUTHBEARER',
        `sasl.jaas.config=${OAUTH_JAAS}`,
        `sasl.login.callback.handler.class=${OAUTH_HANDLER}`,
        `sasl.oauthbearer.token.endpoint.url=${VENDOR_IDP}`,
      ],
      'config/librdkafka.properties': [
        'security.protocol=SASL_PLAINTEXT',
        'sasl.mechanisms=OAUTHBEARER',
        'sasl.oauthbearer.method=oidc',
        'sasl.oauthbearer.client.id=vendor',
        'sasl.oauthbearer.client.secret=vendor-idp-secret',
        `sasl.oauthbearer.token.endpoint.url=${VENDOR_IDP}`,
      ],
    },
  },
  {
    id: 'aws-msk-iam',
    title: 'AWS_MSK_IAM',
    env: {
      orders: {
        SPRING_KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
        SPRING_KAFKA_PROPERTIES_SASL_MECHANISM: 'AWS_MSK_IAM',
        SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG: IAM_JAAS,
        SPRING_KAFKA_PROPERTIES_SASL_CLIENT_CALLBACK_HANDLER_CLASS: IAM_HANDLER,
      },
      ...envFamily({ KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_MECHANISM: 'AWS_MSK_IAM' }),
    },
    files: {
      'config/client.properties': [
        'security.protocol=SASL_SSL',
        'sasl.mechanism=AWS_MSK_IAM',
        `sasl.jaas.config=${IAM_JAAS}`,
        `sasl.client.callback.handler.class=${IAM_HANDLER}`,
      ],
      // librdkafka signs MSK IAM through an OAUTHBEARER token callback in code
      'config/librdkafka.properties': ['security.protocol=SASL_SSL', 'sasl.mechanisms=OAUTHBEARER'],
    },
  },
];

/** Writes the example stack as `origin` configured it into `dir` and returns `dir`. */
export function writeOriginStack(origin: Origin, dir: string): string {
  cpSync(EXAMPLE, dir, { recursive: true });
  const composeFile = join(dir, 'docker-compose.yml');
  const doc = parseDocument(readFileSync(composeFile, 'utf8'));
  for (const [service, vars] of Object.entries(origin.env)) {
    const env = doc.getIn(['services', service, 'environment'], true);
    for (const [k, v] of Object.entries(vars)) {
      if (isMap(env)) env.set(k, v);
      else if (isSeq(env)) {
        // a variable the list already names is replaced, as a vendor's own setting would be
        const at = env.items.findIndex((i) => isScalar(i) && typeof i.value === 'string' && i.value.startsWith(`${k}=`));
        if (at >= 0) env.items.splice(at, 1);
        env.add(`${k}=${v}`);
      } else throw new Error(`service ${service} has no environment`);
    }
  }
  writeFileSync(composeFile, doc.toString());
  for (const [path, lines] of Object.entries(origin.files)) appendFileSync(join(dir, path), lines.map((l) => `${l}\n`).join(''));
  return dir;
}
