import { describe, expect, it } from 'vitest';
import { families } from '../clients/index.js';
import { onSecuritySurface, staleReason, staleSecuritySettings } from './security-surface.js';

describe('staleSecuritySettings', () => {
  it('removes an MSK IAM callback handler from a Spring Boot client in every relaxed-binding form', () => {
    const current = [
      'SPRING_KAFKA_BOOTSTRAP_SERVERS',
      'SPRING_KAFKA_PROPERTIES_SASL_CLIENT_CALLBACK_HANDLER_CLASS',
      'SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG',
      'spring.kafka.properties.sasl.client.callback.handler.class',
      'SPRING_KAFKA_PRODUCER_PROPERTIES_SASL_MECHANISM',
      'SPRING_KAFKA_CONSUMER_SSL_TRUST_STORE_PASSWORD',
      'SPRING_KAFKA_STREAMS_SECURITY_PROTOCOL',
      'SPRING_KAFKA_JAAS_OPTIONS_PASSWORD',
      'SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM',
      'SPRING_KAFKA_CONSUMER_GROUP_ID',
      'SPRING_KAFKA_PROPERTIES_SCHEMA_REGISTRY_URL',
      'JAVA_TOOL_OPTIONS',
    ];
    const emitted = ['SPRING_KAFKA_BOOTSTRAP_SERVERS', 'SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG', 'SPRING_KAFKA_SECURITY_PROTOCOL'];
    expect(staleSecuritySettings('spring-boot', current, emitted)).toEqual([
      'SPRING_KAFKA_PROPERTIES_SASL_CLIENT_CALLBACK_HANDLER_CLASS',
      'spring.kafka.properties.sasl.client.callback.handler.class',
      'SPRING_KAFKA_PRODUCER_PROPERTIES_SASL_MECHANISM',
      'SPRING_KAFKA_CONSUMER_SSL_TRUST_STORE_PASSWORD',
      'SPRING_KAFKA_STREAMS_SECURITY_PROTOCOL',
      'SPRING_KAFKA_JAAS_OPTIONS_PASSWORD',
      'SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM',
    ]);
  });

  it('covers the Confluent images per component and client prefix, not their own listeners or registry clients', () => {
    const current = [
      'CONNECT_SASL_CLIENT_CALLBACK_HANDLER_CLASS',
      'CONNECT_PRODUCER_SASL_JAAS_CONFIG',
      'CONNECT_CONSUMER_SSL_TRUSTSTORE_LOCATION',
      'CONNECT_ADMIN_SSL_KEY_PASSWORD',
      'CONNECT_LISTENERS_HTTPS_SSL_KEYSTORE_LOCATION',
      'CONNECT_VALUE_CONVERTER_SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION',
      'SCHEMA_REGISTRY_KAFKASTORE_SSL_TRUSTSTORE_PASSWORD',
      'SCHEMA_REGISTRY_SSL_KEYSTORE_LOCATION',
      'KAFKA_REST_CLIENT_SASL_JAAS_CONFIG',
      'KSQL_SECURITY_PROTOCOL',
      'KSQL_SSL_KEYSTORE_LOCATION',
    ];
    expect(staleSecuritySettings('confluent-images', current, [])).toEqual([
      'CONNECT_SASL_CLIENT_CALLBACK_HANDLER_CLASS',
      'CONNECT_PRODUCER_SASL_JAAS_CONFIG',
      'CONNECT_CONSUMER_SSL_TRUSTSTORE_LOCATION',
      'CONNECT_ADMIN_SSL_KEY_PASSWORD',
      'SCHEMA_REGISTRY_KAFKASTORE_SSL_TRUSTSTORE_PASSWORD',
      'KAFKA_REST_CLIENT_SASL_JAAS_CONFIG',
      'KSQL_SECURITY_PROTOCOL',
    ]);
  });

  it('covers Control Center’s Streams clients, its clusters graft rewired and the Confluent monitoring interceptors', () => {
    const current = [
      'CONTROL_CENTER_STREAMS_SECURITY_PROTOCOL',
      'CONTROL_CENTER_STREAMS_CONSUMER_SASL_MECHANISM',
      'CONTROL_CENTER_STREAMS_CPREST_URL',
      'CONTROL_CENTER_KAFKA_PROD_SASL_JAAS_CONFIG',
      'CONTROL_CENTER_KAFKA_OTHER_SASL_JAAS_CONFIG',
      'CONNECT_PRODUCER_CONFLUENT_MONITORING_INTERCEPTOR_SECURITY_PROTOCOL',
      'CONNECT_CONSUMER_CONFLUENT_MONITORING_INTERCEPTOR_SSL_TRUSTSTORE_PASSWORD',
      'CONNECT_PRODUCER_CONFLUENT_MONITORING_INTERCEPTOR_TOPIC',
    ];
    expect(staleSecuritySettings('confluent-images', current, ['CONTROL_CENTER_KAFKA_PROD_SECURITY_PROTOCOL'])).toEqual([
      'CONTROL_CENTER_STREAMS_SECURITY_PROTOCOL',
      'CONTROL_CENTER_STREAMS_CONSUMER_SASL_MECHANISM',
      'CONTROL_CENTER_KAFKA_PROD_SASL_JAAS_CONFIG',
      'CONNECT_PRODUCER_CONFLUENT_MONITORING_INTERCEPTOR_SECURITY_PROTOCOL',
      'CONNECT_CONSUMER_CONFLUENT_MONITORING_INTERCEPTOR_SSL_TRUSTSTORE_PASSWORD',
    ]);
  });

  it('covers the per-client copies of Kafka Streams, REST Proxy and the Spring Cloud Stream Kafka Streams binder', () => {
    const current = [
      'KSQL_KSQL_STREAMS_PRODUCER_SASL_JAAS_CONFIG',
      'KSQL_KSQL_STREAMS_MAIN_CONSUMER_SSL_TRUSTSTORE_PASSWORD',
      'KSQL_KSQL_STREAMS_PRODUCER_LINGER_MS',
      'KAFKA_REST_CONSUMER_SASL_MECHANISM',
      'KAFKA_REST_SSL_KEYSTORE_LOCATION',
    ];
    expect(staleSecuritySettings('confluent-images', current, [])).toEqual([
      'KSQL_KSQL_STREAMS_PRODUCER_SASL_JAAS_CONFIG',
      'KSQL_KSQL_STREAMS_MAIN_CONSUMER_SSL_TRUSTSTORE_PASSWORD',
      'KAFKA_REST_CONSUMER_SASL_MECHANISM',
    ]);
    expect(
      staleSecuritySettings(
        'spring-boot',
        ['SPRING_CLOUD_STREAM_KAFKA_STREAMS_BINDER_CONFIGURATION_SASL_JAAS_CONFIG', 'SPRING_CLOUD_STREAM_KAFKA_STREAMS_BINDER_BROKERS'],
        [],
      ),
    ).toEqual(['SPRING_CLOUD_STREAM_KAFKA_STREAMS_BINDER_CONFIGURATION_SASL_JAAS_CONFIG']);
  });

  it("takes ksqlDB's top-level ssl settings as client settings unless its listener serves https", () => {
    const current = ['KSQL_LISTENERS', 'KSQL_SSL_TRUSTSTORE_LOCATION', 'KSQL_SSL_TRUSTSTORE_PASSWORD', 'KSQL_SECURITY_PROTOCOL'];
    const http = (n: string): string | undefined => (n === 'KSQL_LISTENERS' ? 'http://0.0.0.0:8088' : undefined);
    const https = (n: string): string | undefined => (n === 'KSQL_LISTENERS' ? 'https://0.0.0.0:8088' : undefined);
    expect(staleSecuritySettings('confluent-images', current, [], undefined, http)).toEqual([
      'KSQL_SSL_TRUSTSTORE_LOCATION',
      'KSQL_SSL_TRUSTSTORE_PASSWORD',
      'KSQL_SECURITY_PROTOCOL',
    ]);
    expect(staleSecuritySettings('confluent-images', current, [], undefined, https)).toEqual(['KSQL_SECURITY_PROTOCOL']);
    expect(staleSecuritySettings('confluent-images', current, [])).toEqual(['KSQL_SECURITY_PROTOCOL']);
  });

  it('covers only the kafka-ui clusters graft configured', () => {
    const current = [
      'KAFKA_CLUSTERS_0_PROPERTIES_SASL_LOGIN_CALLBACK_HANDLER_CLASS',
      'KAFKA_CLUSTERS_0_SSL_TRUSTSTORELOCATION',
      'kafka.clusters.0.properties.ssl.endpoint.identification.algorithm',
      'KAFKA_CLUSTERS_1_PROPERTIES_SASL_JAAS_CONFIG',
      'KAFKA_CLUSTERS_0_NAME',
    ];
    expect(staleSecuritySettings('kafka-ui', current, ['KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS'])).toEqual([
      'KAFKA_CLUSTERS_0_PROPERTIES_SASL_LOGIN_CALLBACK_HANDLER_CLASS',
      'KAFKA_CLUSTERS_0_SSL_TRUSTSTORELOCATION',
      'kafka.clusters.0.properties.ssl.endpoint.identification.algorithm',
    ]);
  });

  it('covers only the Conduktor clusters graft configured', () => {
    const current = ['CDK_CLUSTERS_0_PROPERTIES', 'CDK_CLUSTERS_0_AWS_ACCESS_KEY_ID', 'CDK_CLUSTERS_1_PROPERTIES', 'CDK_CLUSTERS_0_NAME'];
    expect(staleSecuritySettings('conduktor', current, ['CDK_CLUSTERS_0_BOOTSTRAPSERVERS'])).toEqual([
      'CDK_CLUSTERS_0_PROPERTIES',
      'CDK_CLUSTERS_0_AWS_ACCESS_KEY_ID',
    ]);
  });

  it('reads properties files as Java or librdkafka clients do', () => {
    const java = ['bootstrap.servers', 'sasl.login.callback.handler.class', 'producer.ssl.keystore.password', 'acks', 'config.providers'];
    expect(staleSecuritySettings('java-properties', java, ['bootstrap.servers'])).toEqual([
      'sasl.login.callback.handler.class',
      'producer.ssl.keystore.password',
    ]);
    const rdkafka = ['sasl.username', 'sasl.password', 'enable.ssl.certificate.verification', 'ssl.ca.location', 'client.id'];
    expect(staleSecuritySettings('librdkafka-properties', rdkafka, ['ssl.ca.location'])).toEqual([
      'sasl.username',
      'sasl.password',
      'enable.ssl.certificate.verification',
    ]);
  });

  it('covers the variables an env client was bound to and the KAFKA_<PROPERTY> spellings', () => {
    const binding = {
      service: 'app',
      env: { saslPassword: 'BROKER_PASSWORD', caFile: 'BROKER_CA', bootstrapServers: 'BROKERS', oauthClientSecretFile: 'IDP_SECRET_FILE' },
    };
    const current = [
      'BROKERS',
      'BROKER_PASSWORD',
      'BROKER_CA',
      'KAFKA_SASL_PASSWORD',
      'KAFKA_SSL_CA_LOCATION',
      'KAFKA_TOPIC',
      'IDP_SECRET',
    ];
    expect(staleSecuritySettings('env', current, ['BROKERS', 'BROKER_CA'], binding)).toEqual([
      'BROKER_PASSWORD',
      'KAFKA_SASL_PASSWORD',
      'KAFKA_SSL_CA_LOCATION',
      'IDP_SECRET',
    ]);
  });

  it('covers redpanda-console, kafdrop and kafka-env spellings', () => {
    expect(onSecuritySurface('redpanda-console', 'KAFKA_TLS_INSECURESKIPTLSVERIFY')).toBe(true);
    expect(onSecuritySurface('redpanda-console', 'KAFKA_SCHEMAREGISTRY_TLS_ENABLED')).toBe(false);
    expect(onSecuritySurface('kafdrop', 'KAFKA_TRUSTSTORE')).toBe(true);
    expect(onSecuritySurface('kafdrop', 'KAFKA_BROKERCONNECT')).toBe(false);
    expect(onSecuritySurface('kafka-env', 'KAFKA_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL')).toBe(true);
    expect(onSecuritySurface('kafka-env', 'OAUTH_CLIENT_SECRET')).toBe(true);
    expect(onSecuritySurface('kafka-env', 'KAFKA_TOPIC')).toBe(false);
  });

  it('has a surface for every client family', () => {
    const sample: Record<string, string> = {
      datahub: 'SPRING_KAFKA_PROPERTIES_SSL_KEYSTORE_PASSWORD',
      'spring-boot': 'SPRING_KAFKA_SSL_TRUST_STORE_PASSWORD',
      'confluent-images': 'CONNECT_SSL_TRUSTSTORE_PASSWORD',
      'kafka-ui': 'KAFKA_CLUSTERS_0_SSL_TRUSTSTOREPASSWORD',
      conduktor: 'CDK_CLUSTERS_0_SCHEMAREGISTRY_SECURITY_PASSWORD',
      'kafka-env': 'KAFKA_SSL_TRUSTSTORE_PASSWORD',
      akhq: 'ssl.truststore.password',
      kafdrop: 'KAFKA_TRUSTSTORE',
      'redpanda-console': 'KAFKA_TLS_PASSPHRASE',
      kminion: 'KAFKA_SASL_GSSAPI_PASSWORD',
      'owl-shop': 'SHOP_KAFKA_TLS_PASSPHRASE',
      clickhouse: 'GRAFT_KAFKA_SASL_PASSWORD',
      eventuate: 'EVENTUATE_LOCAL_KAFKA_CONSUMER_PROPERTIES_SSL_TRUSTSTORE_PASSWORD',
      'java-properties': 'ssl.truststore.password',
      'librdkafka-properties': 'ssl.key.password',
      'quarkus-kafka-streams': 'QUARKUS_KAFKA_STREAMS_SSL_TRUSTSTORE_PASSWORD',
      'neo4j-streams': 'NEO4J_kafka_ssl_truststore_password',
      jitsu: 'BULKER_KAFKA_SSL_SKIP_VERIFY',
      'skywalking-oap': 'SW_KAFKA_FETCHER_SASL_JAAS_CONFIG',
      env: 'KAFKA_SASL_PASSWORD',
    };
    for (const f of families) {
      expect(f.family in sample, f.family).toBe(true);
      expect(
        onSecuritySurface(
          f.family,
          sample[f.family] ?? '',
          new Set(['KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS', 'CDK_CLUSTERS_0_BOOTSTRAPSERVERS']),
        ),
        f.family,
      ).toBe(true);
    }
  });

  it('says why without the value', () => {
    expect(staleReason('SPRING_KAFKA_SSL_KEY_STORE_PASSWORD')).toMatch(/^origin credential/);
    expect(staleReason('sasl.jaas.config')).toMatch(/^origin credential/);
    expect(staleReason('ssl.endpoint.identification.algorithm')).toMatch(/^origin security setting/);
    expect(staleReason('CONNECT_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL')).toMatch(/^origin security setting/);
  });
});
