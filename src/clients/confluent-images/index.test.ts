import { describe, expect, it } from 'vitest';
import { DIRECTORY_PROVIDER, OAUTH_LOGIN_HANDLER } from '../java-common/index.js';
import { iamSpec, makeContext, mtlsSpec, oauthSpec, plaintextSpec, scramSpec, showEnv, withSchemaRegistry } from '../testing.js';
import { confluentImages } from './index.js';
import { confluentEnvName, confluentPropertyName } from './mangle.js';

const SERVERS = 'b1.kafka.example.com:9094,b2.kafka.example.com:9094';
const SCRAM_JAAS =
  'org.apache.kafka.common.security.scram.ScramLoginModule required username="app" password="${secrets:/run/secrets:kafka_sasl_password}";';
const OAUTH_JAAS =
  'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="graft-client" clientSecret="${secrets:/run/secrets:kafka_oauth_client_secret}" scope="kafka";';
const PROVIDERS = { CONNECT_CONFIG_PROVIDERS: 'secrets', CONNECT_CONFIG_PROVIDERS_SECRETS_CLASS: DIRECTORY_PROVIDER };

/** The same settings under CONNECT_, CONNECT_PRODUCER_, CONNECT_CONSUMER_ and CONNECT_ADMIN_. */
const connectClients = (settings: Record<string, string>): Record<string, string> =>
  Object.fromEntries(
    ['CONNECT_', 'CONNECT_PRODUCER_', 'CONNECT_CONSUMER_', 'CONNECT_ADMIN_'].flatMap((p) =>
      Object.entries(settings).map(([k, v]) => [p + k, v]),
    ),
  );

const connect = (spec = scramSpec(), env: Record<string, string> = {}) =>
  confluentImages.emit(
    makeContext({
      spec,
      name: 'connect',
      image: 'confluentinc/cp-kafka-connect:7.6.1',
      env: { CONNECT_BOOTSTRAP_SERVERS: 'kafka:29092', ...env },
    }),
  );

describe('env name mangling', () => {
  it('maps . to _, _ to __ and - to ___ after the prefix', () => {
    expect(confluentEnvName('CONNECT_', 'sasl.jaas.config')).toBe('CONNECT_SASL_JAAS_CONFIG');
    expect(confluentEnvName('KAFKA_', 'listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config')).toBe(
      'KAFKA_LISTENER_NAME_SASL__SSL_SCRAM___SHA___512_SASL_JAAS_CONFIG',
    );
  });

  it('round-trips through the images’ own conversion (ub ConvertKey) for every property graft writes', () => {
    const props = [
      'bootstrap.servers',
      'kafkastore.bootstrap.servers',
      'security.protocol',
      'sasl.mechanism',
      'sasl.jaas.config',
      'sasl.login.callback.handler.class',
      'sasl.oauthbearer.token.endpoint.url',
      'sasl.client.callback.handler.class',
      'ssl.truststore.type',
      'ssl.truststore.location',
      'ssl.keystore.type',
      'ssl.keystore.certificate.chain',
      'ssl.keystore.key',
      'config.providers',
      'config.providers.secrets.class',
      'value.converter.basic.auth.user.info',
      'ksql.schema.registry.ssl.truststore.location',
      'ksql.logging.processing.topic.name',
      'schema.registry.group.id',
      'listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config',
    ];
    for (const prefix of ['CONNECT_PRODUCER_', 'SCHEMA_REGISTRY_', 'KSQL_', 'KAFKA_REST_CLIENT_']) {
      for (const p of props) expect(confluentPropertyName(prefix, confluentEnvName(prefix, p))).toBe(p);
    }
  });
});

describe('detect', () => {
  const detect = (image: string | undefined, env: Record<string, string> = {}) =>
    confluentImages.detect({ name: 's', env: new Map(Object.entries(env)), ...(image ? { image } : {}) });

  it('recognizes the images, with or without a registry and tag', () => {
    for (const image of [
      'confluentinc/cp-kafka-connect:7.6.1',
      'docker.io/confluentinc/cp-kafka-connect-base',
      'confluentinc/cp-server-connect:7.5.0',
      'cnfldemos/cp-server-connect-datagen:0.6.4-7.6.0',
      'registry.example.com/confluentinc/cp-schema-registry:7.6.1',
      'confluentinc/cp-ksqldb-server:7.6.1',
      'confluentinc/ksqldb-server:0.29.0',
      'confluentinc/cp-kafka-rest@sha256:abc',
    ]) {
      expect(detect(image), image).toBe('certain');
    }
  });

  it('recognizes the bootstrap variables, and nothing else', () => {
    expect(detect('acme/worker:1', { KSQL_BOOTSTRAP_SERVERS: 'kafka:9092' })).toBe('certain');
    expect(detect(undefined, { SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS: 'kafka:9092' })).toBe('certain');
    expect(detect('confluentinc/cp-kafka:7.6.1', { KAFKA_BOOTSTRAP_SERVERS: 'kafka:9092' })).toBeUndefined();
    expect(detect('confluentinc/cp-kafka-connector-thing:1')).toBeUndefined();
  });
});

describe('Kafka Connect', () => {
  it('PLAINTEXT sets the protocol for the worker and its producer, consumer and admin clients', () => {
    const out = connect(plaintextSpec());
    expect(out.env).toEqual({ CONNECT_BOOTSTRAP_SERVERS: SERVERS, ...connectClients({ SECURITY_PROTOCOL: 'PLAINTEXT' }) });
    expect(out.problems).toEqual([]);
  });

  it('SASL_SSL + SCRAM-SHA-512 with a CA reads the password through the directory config provider', () => {
    const out = connect();
    expect(out.env).toEqual({
      CONNECT_BOOTSTRAP_SERVERS: SERVERS,
      ...connectClients({
        SECURITY_PROTOCOL: 'SASL_SSL',
        SASL_MECHANISM: 'SCRAM-SHA-512',
        SASL_JAAS_CONFIG: SCRAM_JAAS,
        SSL_TRUSTSTORE_TYPE: 'PEM',
        SSL_TRUSTSTORE_LOCATION: '/run/secrets/kafka_ca',
      }),
      ...PROVIDERS,
    });
    expect(out.notes).toEqual(["secrets reach Kafka Connect through Kafka's DirectoryConfigProvider (CONNECT_CONFIG_PROVIDERS)"]);
    expect(out.problems).toEqual([]);
  });

  it('SASL_SSL + OAUTHBEARER adds the login handler, token endpoint and the allowed-URLs JVM flag', () => {
    const out = connect(oauthSpec(), { JAVA_TOOL_OPTIONS: '-Xmx512m' });
    expect(out.env).toEqual({
      CONNECT_BOOTSTRAP_SERVERS: SERVERS,
      ...connectClients({
        SECURITY_PROTOCOL: 'SASL_SSL',
        SASL_MECHANISM: 'OAUTHBEARER',
        SASL_JAAS_CONFIG: OAUTH_JAAS,
        SASL_LOGIN_CALLBACK_HANDLER_CLASS: OAUTH_LOGIN_HANDLER,
        SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL: 'https://idp.example.com/oauth2/token',
      }),
      ...PROVIDERS,
      JAVA_TOOL_OPTIONS: '-Xmx512m -Dorg.apache.kafka.sasl.oauthbearer.allowed.urls=https://idp.example.com/oauth2/token',
    });
  });

  it('SSL mTLS reads the PEM certificate and key through the provider and the CA by path', () => {
    const out = connect(mtlsSpec());
    expect(out.env).toEqual({
      CONNECT_BOOTSTRAP_SERVERS: SERVERS,
      ...connectClients({
        SECURITY_PROTOCOL: 'SSL',
        SSL_TRUSTSTORE_TYPE: 'PEM',
        SSL_TRUSTSTORE_LOCATION: '/run/secrets/kafka_ca',
        SSL_KEYSTORE_TYPE: 'PEM',
        SSL_KEYSTORE_CERTIFICATE_CHAIN: '${secrets:/run/secrets:kafka_client_cert}',
        SSL_KEYSTORE_KEY: '${secrets:/run/secrets:kafka_client_key}',
      }),
      ...PROVIDERS,
    });
  });

  it('points both converters at the customer schema registry with basic auth and its CA', () => {
    const out = connect(withSchemaRegistry(plaintextSpec()));
    const converter = (p: string) => ({
      [`CONNECT_${p}_CONVERTER_SCHEMA_REGISTRY_URL`]: 'https://sr.example.com',
      [`CONNECT_${p}_CONVERTER_BASIC_AUTH_CREDENTIALS_SOURCE`]: 'USER_INFO',
      [`CONNECT_${p}_CONVERTER_BASIC_AUTH_USER_INFO`]: 'sr-user:${secrets:/run/secrets:schema_registry_password}',
      [`CONNECT_${p}_CONVERTER_SCHEMA_REGISTRY_SSL_TRUSTSTORE_TYPE`]: 'PEM',
      [`CONNECT_${p}_CONVERTER_SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION`]: '/run/secrets/schema_registry_ca',
    });
    expect(out.env).toEqual({
      CONNECT_BOOTSTRAP_SERVERS: SERVERS,
      ...connectClients({ SECURITY_PROTOCOL: 'PLAINTEXT' }),
      ...converter('KEY'),
      ...converter('VALUE'),
      ...PROVIDERS,
    });
  });

  it('keeps config providers the vendor declared and a bootstrap value already rewired', () => {
    const out = connect(scramSpec(), {
      CONNECT_BOOTSTRAP_SERVERS: `\${BROKERS:-${SERVERS}}`,
      CONNECT_CONFIG_PROVIDERS: 'env',
      CONNECT_CONFIG_PROVIDERS_ENV_CLASS: 'org.apache.kafka.common.config.provider.EnvVarConfigProvider',
      CONNECT_PRODUCER_BOOTSTRAP_SERVERS: 'kafka:29092',
    });
    expect(out.env.CONNECT_BOOTSTRAP_SERVERS).toBe(`\${BROKERS:-${SERVERS}}`);
    expect(out.env.CONNECT_PRODUCER_BOOTSTRAP_SERVERS).toBe(SERVERS);
    expect(out.env.CONNECT_CONFIG_PROVIDERS).toBe('env,secrets');
    expect(out.env.CONNECT_CONFIG_PROVIDERS_ENV_CLASS).toBeUndefined();
  });

  it('doubles backslashes, which the image’s properties file would otherwise eat', () => {
    const spec = scramSpec();
    spec.sasl = { mechanism: 'SCRAM-SHA-512', username: 'a"b', password: scramSpec().sasl?.password };
    expect(connect(spec).env.CONNECT_SASL_JAAS_CONFIG).toBe(
      'org.apache.kafka.common.security.scram.ScramLoginModule required username="a\\\\"b" password="${secrets:/run/secrets:kafka_sasl_password}";',
    );
  });

  it('notes the sink connector groups a group prefix cannot reach', () => {
    const out = connect({ ...plaintextSpec(), groups: { prefix: 'acme.' } });
    expect(out.notes).toEqual([
      'Kafka Connect sink connectors consume as group connect-<connector name>: give each sink connector consumer.override.group.id with prefix "acme." (worker needs CONNECT_CONNECTOR_CLIENT_CONFIG_OVERRIDE_POLICY=All)',
    ]);
  });
});

describe('Kafka Connect on the Debezium image', () => {
  const debezium = (spec = scramSpec(), env: Record<string, string> = {}) =>
    confluentImages.emit(
      makeContext({
        spec,
        name: 'connect',
        image: 'quay.io/debezium/connect:3.0',
        env: { BOOTSTRAP_SERVERS: 'kafka:9092', GROUP_ID: '1', CONFIG_STORAGE_TOPIC: 'my_connect_configs', ...env },
      }),
    );

  it('is recognized by image only: BOOTSTRAP_SERVERS alone is any program’s variable', () => {
    const detect = (image: string) => confluentImages.detect({ name: 's', image, env: new Map([['BOOTSTRAP_SERVERS', 'kafka:9092']]) });
    expect(detect('quay.io/debezium/connect:3.0')).toBe('certain');
    expect(detect('debezium/connect:1.9')).toBe('certain');
    expect(detect('acme/app:1')).toBeUndefined();
  });

  it('rewires BOOTSTRAP_SERVERS, which the entrypoint copies over CONNECT_BOOTSTRAP_SERVERS, and secures every client through CONNECT_*', () => {
    const out = debezium();
    expect(out.env).toEqual({
      BOOTSTRAP_SERVERS: SERVERS,
      ...connectClients({
        SECURITY_PROTOCOL: 'SASL_SSL',
        SASL_MECHANISM: 'SCRAM-SHA-512',
        SASL_JAAS_CONFIG: SCRAM_JAAS,
        SSL_TRUSTSTORE_TYPE: 'PEM',
        SSL_TRUSTSTORE_LOCATION: '/run/secrets/kafka_ca',
      }),
      ...PROVIDERS,
    });
    expect(out.env.CONNECT_BOOTSTRAP_SERVERS).toBeUndefined();
    expect(out.problems).toEqual([]);
  });

  it('refuses AWS_MSK_IAM: the image does not ship aws-msk-iam-auth', () => {
    expect(debezium(iamSpec()).problems.map((p) => p.code)).toEqual(['CLIENT_MECHANISM_UNSUPPORTED']);
  });
});

describe('Schema Registry', () => {
  const sr = (spec = scramSpec(), env: Record<string, string> = {}) =>
    confluentImages.emit(
      makeContext({
        spec,
        name: 'schema-registry',
        image: 'confluentinc/cp-schema-registry:7.6.1',
        env: {
          SCHEMA_REGISTRY_HOST_NAME: 'schema-registry',
          SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS: 'PLAINTEXT://kafka:29092',
          ...env,
        },
      }),
    );

  it('SCRAM with a CA configures the kafkastore clients', () => {
    expect(sr().env).toEqual({
      SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS: SERVERS,
      SCHEMA_REGISTRY_KAFKASTORE_SECURITY_PROTOCOL: 'SASL_SSL',
      SCHEMA_REGISTRY_KAFKASTORE_SASL_MECHANISM: 'SCRAM-SHA-512',
      SCHEMA_REGISTRY_KAFKASTORE_SASL_JAAS_CONFIG: SCRAM_JAAS,
      SCHEMA_REGISTRY_KAFKASTORE_SSL_TRUSTSTORE_TYPE: 'PEM',
      SCHEMA_REGISTRY_KAFKASTORE_SSL_TRUSTSTORE_LOCATION: '/run/secrets/kafka_ca',
      SCHEMA_REGISTRY_CONFIG_PROVIDERS: 'secrets',
      SCHEMA_REGISTRY_CONFIG_PROVIDERS_SECRETS_CLASS: DIRECTORY_PROVIDER,
    });
  });

  it('prefixes the implicit _schemas topic and both groups', () => {
    const out = sr(
      { ...plaintextSpec(), topics: { prefix: 'acme.' }, groups: { prefix: 'acme-' } },
      { SCHEMA_REGISTRY_LISTENERS: 'http://0.0.0.0:8085' },
    );
    expect(out.env).toEqual({
      SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS: SERVERS,
      SCHEMA_REGISTRY_KAFKASTORE_SECURITY_PROTOCOL: 'PLAINTEXT',
      SCHEMA_REGISTRY_KAFKASTORE_TOPIC: 'acme._schemas',
      SCHEMA_REGISTRY_SCHEMA_REGISTRY_GROUP_ID: 'acme-schema-registry',
      SCHEMA_REGISTRY_KAFKASTORE_GROUP_ID: 'acme-schema-registry-schema-registry-8085',
    });
  });

  it('leaves names the vendor set explicitly to the compiler’s generic prefixing', () => {
    const out = sr(
      { ...plaintextSpec(), topics: { prefix: 'acme.' }, groups: { prefix: 'acme-' } },
      {
        SCHEMA_REGISTRY_KAFKASTORE_TOPIC: '_vendor_schemas',
        SCHEMA_REGISTRY_KAFKASTORE_GROUP_ID: 'sr',
        SCHEMA_REGISTRY_SCHEMA_REGISTRY_GROUP_ID: 'sr-cluster',
      },
    );
    expect(Object.keys(out.env).sort()).toEqual([
      'SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS',
      'SCHEMA_REGISTRY_KAFKASTORE_SECURITY_PROTOCOL',
    ]);
  });

  it('notes the store topic an allow-list must include', () => {
    expect(sr({ ...plaintextSpec(), topics: { allow: ['orders'] } }).notes).toEqual([
      'Schema Registry stores schemas in topic _schemas: the topic allow-list must include it',
    ]);
  });
});

describe('ksqlDB', () => {
  const ksql = (spec = scramSpec(), env: Record<string, string> = {}) =>
    confluentImages.emit(
      makeContext({
        spec,
        name: 'ksqldb',
        image: 'confluentinc/cp-ksqldb-server:7.6.1',
        env: { KSQL_BOOTSTRAP_SERVERS: 'kafka:29092', ...env },
      }),
    );

  it('sets top-level client security and the schema registry client', () => {
    expect(ksql(withSchemaRegistry(scramSpec())).env).toEqual({
      KSQL_BOOTSTRAP_SERVERS: SERVERS,
      KSQL_SECURITY_PROTOCOL: 'SASL_SSL',
      KSQL_SASL_MECHANISM: 'SCRAM-SHA-512',
      KSQL_SASL_JAAS_CONFIG: SCRAM_JAAS,
      KSQL_SSL_TRUSTSTORE_TYPE: 'PEM',
      KSQL_SSL_TRUSTSTORE_LOCATION: '/run/secrets/kafka_ca',
      KSQL_KSQL_SCHEMA_REGISTRY_URL: 'https://sr.example.com',
      KSQL_KSQL_SCHEMA_REGISTRY_BASIC_AUTH_CREDENTIALS_SOURCE: 'USER_INFO',
      KSQL_KSQL_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO: 'sr-user:${secrets:/run/secrets:schema_registry_password}',
      KSQL_KSQL_SCHEMA_REGISTRY_SSL_TRUSTSTORE_TYPE: 'PEM',
      KSQL_KSQL_SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION: '/run/secrets/schema_registry_ca',
      KSQL_CONFIG_PROVIDERS: 'secrets',
      KSQL_CONFIG_PROVIDERS_SECRETS_CLASS: DIRECTORY_PROVIDER,
    });
  });

  it('prefixes the processing log topic and notes the service-id internal topics', () => {
    const out = ksql({ ...plaintextSpec(), topics: { prefix: 'acme.' } }, { KSQL_KSQL_SERVICE_ID: 'orders_' });
    expect(out.env.KSQL_KSQL_LOGGING_PROCESSING_TOPIC_NAME).toBe('acme.orders_ksql_processing_log');
    expect(out.notes).toEqual([
      'ksqlDB service id "orders_" (KSQL_KSQL_SERVICE_ID) names its internal topics _confluent-ksql-orders__command_topic and _confluent-ksql-orders_query_*, and its query consumer groups _confluent-ksql-orders_*; a topic or group prefix or allow-list cannot rename them: grant them to the ksqlDB principal explicitly',
    ]);
  });
});

describe('REST Proxy', () => {
  it('configures its clients under KAFKA_REST_CLIENT_ and its schema registry client', () => {
    const out = confluentImages.emit(
      makeContext({
        spec: withSchemaRegistry(mtlsSpec(), false),
        name: 'rest',
        image: 'confluentinc/cp-kafka-rest:7.6.1',
        env: { KAFKA_REST_BOOTSTRAP_SERVERS: 'kafka:29092' },
      }),
    );
    expect(out.env).toEqual({
      KAFKA_REST_BOOTSTRAP_SERVERS: SERVERS,
      KAFKA_REST_CLIENT_SECURITY_PROTOCOL: 'SSL',
      KAFKA_REST_CLIENT_SSL_TRUSTSTORE_TYPE: 'PEM',
      KAFKA_REST_CLIENT_SSL_TRUSTSTORE_LOCATION: '/run/secrets/kafka_ca',
      KAFKA_REST_CLIENT_SSL_KEYSTORE_TYPE: 'PEM',
      KAFKA_REST_CLIENT_SSL_KEYSTORE_CERTIFICATE_CHAIN: '${secrets:/run/secrets:kafka_client_cert}',
      KAFKA_REST_CLIENT_SSL_KEYSTORE_KEY: '${secrets:/run/secrets:kafka_client_key}',
      KAFKA_REST_SCHEMA_REGISTRY_URL: 'https://sr.example.com',
      KAFKA_REST_SCHEMA_REGISTRY_BASIC_AUTH_CREDENTIALS_SOURCE: 'USER_INFO',
      KAFKA_REST_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO: 'sr-user:${secrets:/run/secrets:schema_registry_password}',
      KAFKA_REST_CONFIG_PROVIDERS: 'secrets',
      KAFKA_REST_CONFIG_PROVIDERS_SECRETS_CLASS: DIRECTORY_PROVIDER,
    });
  });
});

describe('Control Center', () => {
  const c3 = (spec = scramSpec(), env: Record<string, string> = {}) =>
    confluentImages.emit(
      makeContext({
        spec,
        name: 'controlcenter',
        image: 'confluentinc/cp-enterprise-control-center:7.5.1',
        env: { CONTROL_CENTER_BOOTSTRAP_SERVERS: 'kafka1:19092', ...env },
      }),
    );

  it('is recognized by its image and by CONTROL_CENTER_BOOTSTRAP_SERVERS, not by the next-gen image', () => {
    const detect = (image: string | undefined, env: Record<string, string> = {}) =>
      confluentImages.detect({ name: 'c3', env: new Map(Object.entries(env)), ...(image ? { image } : {}) });
    expect(detect('confluentinc/cp-enterprise-control-center:7.5.1')).toBe('certain');
    expect(detect(undefined, { CONTROL_CENTER_BOOTSTRAP_SERVERS: 'kafka:9092' })).toBe('certain');
    expect(detect('confluentinc/cp-enterprise-control-center-next-gen:2.0.0')).toBeUndefined();
  });

  it('secures its Kafka Streams clients (CONTROL_CENTER_STREAMS_*), with the config provider among them', () => {
    const out = c3(scramSpec(), { CONTROL_CENTER_STREAMS_SECURITY_PROTOCOL: 'PLAINTEXT' });
    expect(out.env).toEqual({
      CONTROL_CENTER_BOOTSTRAP_SERVERS: SERVERS,
      CONTROL_CENTER_STREAMS_SECURITY_PROTOCOL: 'SASL_SSL',
      CONTROL_CENTER_STREAMS_SASL_MECHANISM: 'SCRAM-SHA-512',
      CONTROL_CENTER_STREAMS_SASL_JAAS_CONFIG: SCRAM_JAAS,
      CONTROL_CENTER_STREAMS_SSL_TRUSTSTORE_TYPE: 'PEM',
      CONTROL_CENTER_STREAMS_SSL_TRUSTSTORE_LOCATION: '/run/secrets/kafka_ca',
      CONTROL_CENTER_STREAMS_CONFIG_PROVIDERS: 'secrets',
      CONTROL_CENTER_STREAMS_CONFIG_PROVIDERS_SECRETS_CLASS: DIRECTORY_PROVIDER,
    });
    expect(out.notes).toEqual([
      "secrets reach Control Center through Kafka's DirectoryConfigProvider (CONTROL_CENTER_STREAMS_CONFIG_PROVIDERS)",
    ]);
    expect(out.problems).toEqual([]);
  });

  it('fills the registry credentials in at run time and refuses a private registry CA', () => {
    const out = c3(withSchemaRegistry(plaintextSpec()), { CONTROL_CENTER_SCHEMA_REGISTRY_URL: 'http://schemaregistry:8081' });
    expect(showEnv(out.env)).toEqual({
      CONTROL_CENTER_BOOTSTRAP_SERVERS: SERVERS,
      CONTROL_CENTER_STREAMS_SECURITY_PROTOCOL: 'PLAINTEXT',
      CONTROL_CENTER_SCHEMA_REGISTRY_URL: 'https://sr.example.com',
      CONTROL_CENTER_SCHEMA_REGISTRY_BASIC_AUTH_CREDENTIALS_SOURCE: 'USER_INFO',
      CONTROL_CENTER_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO: 'sr-user:<secret:schemaRegistry.basicAuth.password>',
    });
    expect(out.problems.map((p) => p.code)).toEqual(['CLIENT_SCHEMA_REGISTRY_CA_UNSUPPORTED']);
    expect(c3(withSchemaRegistry(plaintextSpec(), false)).problems).toEqual([]);
  });

  it('secures a further cluster now on the customer’s Kafka and notes the internal names a prefix cannot reach', () => {
    const out = c3(
      { ...mtlsSpec(), topics: { prefix: 'acme.' } },
      { CONTROL_CENTER_KAFKA_PROD_BOOTSTRAP_SERVERS: SERVERS, CONTROL_CENTER_KAFKA_OTHER_BOOTSTRAP_SERVERS: 'other:9092' },
    );
    expect(out.env.CONTROL_CENTER_KAFKA_PROD_SECURITY_PROTOCOL).toBe('SSL');
    expect(out.env.CONTROL_CENTER_KAFKA_PROD_SSL_KEYSTORE_KEY).toBe('${secrets:/run/secrets:kafka_client_key}');
    expect(out.env.CONTROL_CENTER_KAFKA_PROD_CONFIG_PROVIDERS).toBe('secrets');
    expect(Object.keys(out.env).filter((k) => k.startsWith('CONTROL_CENTER_KAFKA_OTHER_'))).toEqual([]);
    expect(out.notes.some((n) => n.includes('_confluent-controlcenter-<version>-1'))).toBe(true);
  });
});

describe('Confluent monitoring interceptors', () => {
  it('give the interceptor of each client that loads one the same security settings', () => {
    const out = connect(plaintextSpec(), {
      CONNECT_PRODUCER_INTERCEPTOR_CLASSES: 'io.confluent.monitoring.clients.interceptor.MonitoringProducerInterceptor',
      CONNECT_CONSUMER_INTERCEPTOR_CLASSES: 'io.confluent.monitoring.clients.interceptor.MonitoringConsumerInterceptor',
      CONNECT_PRODUCER_CONFLUENT_MONITORING_INTERCEPTOR_SECURITY_PROTOCOL: 'SASL_PLAINTEXT',
    });
    expect(out.env.CONNECT_PRODUCER_CONFLUENT_MONITORING_INTERCEPTOR_SECURITY_PROTOCOL).toBe('PLAINTEXT');
    expect(out.env.CONNECT_CONSUMER_CONFLUENT_MONITORING_INTERCEPTOR_SECURITY_PROTOCOL).toBe('PLAINTEXT');
    expect(out.env.CONNECT_CONFLUENT_MONITORING_INTERCEPTOR_SECURITY_PROTOCOL).toBeUndefined();
    const scram = connect(scramSpec(), {
      CONNECT_PRODUCER_INTERCEPTOR_CLASSES: 'io.confluent.monitoring.clients.interceptor.MonitoringProducerInterceptor',
    });
    expect(scram.env.CONNECT_PRODUCER_CONFLUENT_MONITORING_INTERCEPTOR_SASL_JAAS_CONFIG).toBe(SCRAM_JAAS);
    expect(scram.env.CONNECT_CONSUMER_CONFLUENT_MONITORING_INTERCEPTOR_SASL_JAAS_CONFIG).toBeUndefined();
  });

  it("give ksqlDB's producer and consumer interceptors, set below its one client prefix, their settings there", () => {
    const out = confluentImages.emit(
      makeContext({
        spec: scramSpec(),
        name: 'ksqldb',
        image: 'confluentinc/cp-ksqldb-server:7.7.0',
        env: {
          KSQL_BOOTSTRAP_SERVERS: 'broker:29092',
          KSQL_PRODUCER_INTERCEPTOR_CLASSES: 'io.confluent.monitoring.clients.interceptor.MonitoringProducerInterceptor',
          KSQL_CONSUMER_INTERCEPTOR_CLASSES: 'io.confluent.monitoring.clients.interceptor.MonitoringConsumerInterceptor',
        },
      }),
    );
    expect(out.env.KSQL_PRODUCER_CONFLUENT_MONITORING_INTERCEPTOR_SECURITY_PROTOCOL).toBe('SASL_SSL');
    expect(out.env.KSQL_PRODUCER_CONFLUENT_MONITORING_INTERCEPTOR_SASL_JAAS_CONFIG).toBe(SCRAM_JAAS);
    expect(out.env.KSQL_CONSUMER_CONFLUENT_MONITORING_INTERCEPTOR_SECURITY_PROTOCOL).toBe('SASL_SSL');
    expect(out.env.KSQL_CONFLUENT_MONITORING_INTERCEPTOR_SECURITY_PROTOCOL).toBeUndefined();
  });
});

describe('refusals', () => {
  it('refuses AWS_MSK_IAM unless the vendor vouches for the jar', () => {
    const out = connect(iamSpec());
    expect(out.problems.map((p) => p.code)).toEqual(['CLIENT_MECHANISM_UNSUPPORTED']);
    expect(out.problems[0]?.message).toContain('service "connect"');
  });

  it('emits the IAM login module when the vendor vouches for the jar', () => {
    const ctx = makeContext({
      spec: iamSpec(),
      name: 'connect',
      image: 'confluentinc/cp-kafka-connect:7.6.1',
      env: { CONNECT_BOOTSTRAP_SERVERS: 'kafka:29092' },
      binding: { service: 'connect', supports: { awsMskIam: true } },
    });
    const out = confluentImages.emit(ctx);
    expect(out.problems).toEqual([]);
    expect(out.env.CONNECT_ADMIN_SASL_JAAS_CONFIG).toBe(
      'software.amazon.msk.auth.iam.IAMLoginModule required awsRoleArn="arn:aws:iam::123456789012:role/app" awsStsRegion="eu-west-1";',
    );
    expect(out.env.CONNECT_SASL_CLIENT_CALLBACK_HANDLER_CLASS).toBe('software.amazon.msk.auth.iam.IAMClientCallbackHandler');
  });

  it('refuses a secrets provider alias bound to another class, and a JVM flag that blocks the provider', () => {
    const out = connect(scramSpec(), {
      CONNECT_CONFIG_PROVIDERS: 'secrets',
      CONNECT_CONFIG_PROVIDERS_SECRETS_CLASS: 'com.example.VaultProvider',
      KAFKA_OPTS: '-Dorg.apache.kafka.automatic.config.providers=org.apache.kafka.common.config.provider.EnvVarConfigProvider',
    });
    expect(out.problems.map((p) => p.code).sort()).toEqual(['CLIENT_CONFIG_PROVIDER_BLOCKED', 'CLIENT_CONFIG_PROVIDER_CONFLICT']);
  });

  it('reports a service whose component it cannot tell', () => {
    const out = confluentImages.emit(makeContext({ spec: plaintextSpec(), name: 'x', image: 'acme/x:1' }));
    expect(out.problems.map((p) => p.code)).toEqual(['CLIENT_UNKNOWN_COMPONENT']);
    expect(showEnv(out.env)).toEqual({});
  });
});
