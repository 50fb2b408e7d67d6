import { usesSasl, usesTls, type CustomerKafka, type SecretValue, type Value } from '../../spec/types.js';
import { jaasQuote } from '../java-common/index.js';
import { bootstrapValue, checkAwsMskIam, problem } from '../common.js';
import { emptyEmission, type ClientFamily, type EmitContext, type Emission, type SettingValue, type ValuePart } from '../types.js';

/** The DataHub components, each reading its Kafka settings in its own way. */
export type DataHubComponent = 'spring' | 'frontend' | 'actions';

// DataHub's official images (linkedin/…, acryldata/…): GMS, the upgrade job and the standalone MAE/MCE consumers are
// Spring applications; the frontend is a Play application; actions is the Python actions framework (confluent-kafka)
const IMAGE = /(^|\/)datahub-(gms|upgrade|mae-consumer|mce-consumer|frontend-react|frontend|actions)(?![\w-])/;

/** Which DataHub component an image is, when it is one. */
export function dataHubComponent(image: string | undefined): DataHubComponent | undefined {
  const m = image === undefined ? undefined : IMAGE.exec(image);
  if (!m) return undefined;
  const name = m[2] ?? '';
  return name.startsWith('frontend') ? 'frontend' : name === 'actions' ? 'actions' : 'spring';
}

/**
 * DataHub's services: `KAFKA_BOOTSTRAP_SERVER` and the schema registry URL for all, client properties as
 * `SPRING_KAFKA_PROPERTIES_*` (Spring components) or `KAFKA_PROPERTIES_*` (frontend, actions).
 */
export const dataHub = {
  family: 'datahub',
  mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'],
  mtls: true,
  detect: (s) => (dataHubComponent(s.image) !== undefined ? 'certain' : undefined),
  topicEnv: [/_TOPIC_NAME$/, /^DATAHUB_TRACKING_TOPIC$/],
  groupEnv: [/_CONSUMER_GROUP_ID$/],
  emit: emitDataHub,
} satisfies ClientFamily;

/** The JAAS line of a PLAIN or SCRAM login, its secrets as parts the platform fills in. */
function jaasLine(spec: CustomerKafka): SettingValue | undefined {
  const sasl = spec.sasl;
  if (!sasl?.password || !usesSasl(spec.securityProtocol)) return undefined;
  if (sasl.mechanism !== 'PLAIN' && !sasl.mechanism.startsWith('SCRAM-')) return undefined;
  const module =
    sasl.mechanism === 'PLAIN'
      ? 'org.apache.kafka.common.security.plain.PlainLoginModule'
      : 'org.apache.kafka.common.security.scram.ScramLoginModule';
  const part = (v: Value): ValuePart => (typeof v === 'string' ? jaasQuote(v) : { secret: v });
  return { parts: [`${module} required username="`, part(sasl.username ?? ''), '" password="', { secret: sasl.password }, '";'] };
}

/**
 * DataHub names most of its topics and consumer groups in code unless a variable overrides each one; the customer's
 * topic and group naming must reach them all, which graft can tell only from a declaration.
 */
function checkNaming(ctx: EmitContext, out: Emission): void {
  const spec = ctx.spec;
  if (!(spec.topics?.prefix || spec.topics?.allow || spec.groups?.prefix)) return;
  if (ctx.binding?.consumes !== undefined && ctx.binding.produces !== undefined && ctx.binding.groups !== undefined) return;
  out.problems.push(
    problem(
      'CLIENT_IMPLICIT_NAME',
      `service "${ctx.service.name}" (DataHub) uses topics and consumer groups DataHub names in code unless a variable overrides each (MetadataChangeProposal_v1, MetadataChangeLog_Versioned_v1, MetadataChangeLog_Timeseries_v1, PlatformEvent_v1, DataHubUsageEvent_v1, DataHubUpgradeHistory_v1, …, groups such as generic-mae-consumer-job-client), which the customer's topic and group naming must reach`,
      `set every topic and group variable the service reads (DataHub's environment variables: METADATA_CHANGE_PROPOSAL_TOPIC_NAME, …_KAFKA_CONSUMER_GROUP_ID) in the stack so graft applies the naming to them, and declare its topics and groups in graft.yaml (kafka.clients.${ctx.service.name}.produces / consumes / groups)`,
    ),
  );
}

const whole = (s: SecretValue): SettingValue => ({ parts: [{ secret: s }] });

/** Computes a DataHub service's environment for the customer's cluster. */
export function emitDataHub(ctx: EmitContext): Emission {
  const out = emptyEmission();
  const env = ctx.service.env;
  const spec = ctx.spec;
  const component = dataHubComponent(ctx.service.image);
  if (!component) {
    out.problems.push(
      problem(
        'CLIENT_UNKNOWN_COMPONENT',
        `service "${ctx.service.name}" runs ${ctx.service.image ?? 'no image graft can read'}, not a DataHub image graft knows (datahub-gms, -upgrade, -mae-consumer, -mce-consumer, -frontend-react, -actions)`,
        `declare kafka.clients.${ctx.service.name} in graft.yaml with the family that matches how it reads Kafka settings`,
      ),
    );
    return out;
  }
  out.env.KAFKA_BOOTSTRAP_SERVER = bootstrapValue(ctx, env.get('KAFKA_BOOTSTRAP_SERVER'));
  checkNaming(ctx, out);
  const tlsOn = usesTls(spec.securityProtocol);
  const sasl = usesSasl(spec.securityProtocol) ? spec.sasl : undefined;
  const sr = spec.schemaRegistry;
  if (component === 'actions') {
    // confluent-kafka (librdkafka): the image turns every KAFKA_PROPERTIES_<KEY> into consumer_config's <key>
    if (sasl?.mechanism === 'AWS_MSK_IAM' || sasl?.mechanism === 'OAUTHBEARER') {
      out.problems.push(
        problem(
          'CLIENT_MECHANISM_UNSUPPORTED',
          `service "${ctx.service.name}" (DataHub actions, librdkafka) cannot use SASL ${sasl.mechanism} from its environment`,
          'the customer must offer PLAIN or SCRAM, or the vendor must mount an actions config whose Kafka source sets the OAuth callback itself',
        ),
      );
      return out;
    }
    out.env.KAFKA_PROPERTIES_SECURITY_PROTOCOL = spec.securityProtocol;
    if (sasl) {
      out.env.KAFKA_PROPERTIES_SASL_MECHANISM = sasl.mechanism;
      if (sasl.username !== undefined)
        out.env.KAFKA_PROPERTIES_SASL_USERNAME = typeof sasl.username === 'string' ? sasl.username : whole(sasl.username);
      if (sasl.password) out.env.KAFKA_PROPERTIES_SASL_PASSWORD = whole(sasl.password);
    }
    if (tlsOn && spec.tls?.ca) out.env.KAFKA_PROPERTIES_SSL_CA_LOCATION = ctx.mountSecret(spec.tls.ca).path;
    if (tlsOn && spec.tls?.clientCert && spec.tls.clientKey) {
      out.env.KAFKA_PROPERTIES_SSL_CERTIFICATE_LOCATION = ctx.mountSecret(spec.tls.clientCert).path;
      out.env.KAFKA_PROPERTIES_SSL_KEY_LOCATION = ctx.mountSecret(spec.tls.clientKey).path;
    }
    if (sr && env.has('SCHEMA_REGISTRY_URL')) {
      out.env.SCHEMA_REGISTRY_URL = sr.url;
      if (sr.basicAuth || sr.ca) {
        out.problems.push(
          problem(
            'CLIENT_NO_DECLARED_PATH',
            `service "${ctx.service.name}" (DataHub actions) reads the schema registry's credentials and CA only from its actions config (schema_registry_config), not from its environment`,
            "mount an actions config whose Kafka source sets schema_registry_config (basic.auth.user.info) and declare the service's settings in graft.yaml, or use a registry the service can reach without them",
          ),
        );
      }
    }
    return out;
  }
  if (!checkAwsMskIam(ctx, out.problems)) return out;
  // the frontend's analytics producer takes a fixed list of client settings, Spring components any Kafka property
  const prefix = component === 'frontend' ? 'KAFKA_PROPERTIES_' : 'SPRING_KAFKA_PROPERTIES_';
  out.env[`${prefix}SECURITY_PROTOCOL`] = spec.securityProtocol;
  if (sasl) {
    out.env[`${prefix}SASL_MECHANISM`] = sasl.mechanism;
    if (sasl.mechanism === 'AWS_MSK_IAM') {
      if (component === 'frontend') {
        out.problems.push(
          problem(
            'CLIENT_MECHANISM_UNSUPPORTED',
            `service "${ctx.service.name}" (DataHub frontend) cannot use SASL AWS_MSK_IAM: its analytics producer passes on no client callback handler`,
            'the customer must offer PLAIN or SCRAM for the frontend, or the vendor must turn analytics off (DATAHUB_ANALYTICS_ENABLED=false) and drop KAFKA_BOOTSTRAP_SERVER from it',
          ),
        );
        return out;
      }
      const role = sasl.aws?.roleArn ? ` awsRoleArn="${jaasQuote(sasl.aws.roleArn)}" awsStsRegion="${jaasQuote(sasl.aws.region)}"` : '';
      out.env[`${prefix}SASL_JAAS_CONFIG`] = `software.amazon.msk.auth.iam.IAMLoginModule required${role};`;
      out.env[`${prefix}SASL_CLIENT_CALLBACK_HANDLER_CLASS`] = 'software.amazon.msk.auth.iam.IAMClientCallbackHandler';
    } else {
      const jaas = jaasLine(spec);
      if (jaas) out.env[`${prefix}SASL_JAAS_CONFIG`] = jaas;
    }
  }
  if (tlsOn && spec.tls?.ca) {
    out.env[`${prefix}SSL_TRUSTSTORE_TYPE`] = 'PEM';
    out.env[`${prefix}SSL_TRUSTSTORE_LOCATION`] = ctx.mountSecret(spec.tls.ca).path;
  }
  if (tlsOn && spec.tls?.clientCert && spec.tls.clientKey) {
    if (component === 'frontend') {
      out.problems.push(
        problem(
          'CLIENT_NO_DECLARED_PATH',
          `service "${ctx.service.name}" (DataHub frontend) takes a client certificate only as a key store file (ssl.keystore.location), which the customer's separate certificate and key are not`,
          'the customer must offer SASL for the frontend, or the vendor must turn analytics off (DATAHUB_ANALYTICS_ENABLED=false) and drop KAFKA_BOOTSTRAP_SERVER from it',
        ),
      );
      return out;
    }
    out.env[`${prefix}SSL_KEYSTORE_TYPE`] = 'PEM';
    out.env[`${prefix}SSL_KEYSTORE_CERTIFICATE_CHAIN`] = whole(spec.tls.clientCert);
    out.env[`${prefix}SSL_KEYSTORE_KEY`] = whole(spec.tls.clientKey);
  }
  if (component === 'spring' && sr && env.has('KAFKA_SCHEMAREGISTRY_URL')) {
    out.env.KAFKA_SCHEMAREGISTRY_URL = sr.url;
    if (sr.basicAuth) {
      const part = (v: Value): ValuePart => (typeof v === 'string' ? v : { secret: v });
      out.env.SPRING_KAFKA_PROPERTIES_BASIC_AUTH_CREDENTIALS_SOURCE = 'USER_INFO';
      out.env.SPRING_KAFKA_PROPERTIES_BASIC_AUTH_USER_INFO = { parts: [part(sr.basicAuth.username), ':', part(sr.basicAuth.password)] };
    }
    if (sr.ca) {
      out.problems.push(
        problem(
          'CLIENT_SCHEMA_REGISTRY_CA_UNSUPPORTED',
          `service "${ctx.service.name}" (DataHub) cannot trust the schema registry's private CA from its environment`,
          'the customer must serve the registry with a publicly trusted certificate, or the vendor must add the CA to the image',
        ),
      );
    }
  }
  return out;
}
