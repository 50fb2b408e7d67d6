import { describe, expect, it } from 'vitest';
import { staleSecuritySettings } from '../../configure/security-surface.js';
import { iamSpec, makeContext, oauthSpec, plaintextSpec, scramSpec, secretAt, showEnv, withSchemaRegistry } from '../testing.js';
import type { CustomerKafka } from '../../spec/types.js';
import { neo4jKafkaEnv, neo4jStreams } from './index.js';

const SERVERS = 'b1.kafka.example.com:9094,b2.kafka.example.com:9094';

/** SASL_SSL with PLAIN and a public CA (Confluent Cloud's shape). */
function plainPublicCa(): CustomerKafka {
  return {
    bootstrapServers: SERVERS.split(','),
    securityProtocol: 'SASL_SSL',
    sasl: { mechanism: 'PLAIN', username: secretAt('sasl.username'), password: secretAt('sasl.password') },
    file: 'kafka.yaml',
  };
}

const emit = (
  spec: CustomerKafka,
  env: Record<string, string> = {},
  binding?: { service: string; supports?: { awsMskIam: boolean }; produces?: string[] },
) =>
  neo4jStreams.emit(
    makeContext({
      spec,
      name: 'neo4j-source',
      image: 'neo4j:4.0.3',
      env: { NEO4J_kafka_bootstrap_servers: 'broker:9093', NEO4J_kafka_zookeeper_connect: 'zookeeper:2181', ...env },
      ...(binding ? { binding } : {}),
    }),
  );

describe('neo4j-streams', () => {
  it('is recognized by a NEO4J_kafka_ variable, not by the Neo4j image alone', () => {
    const detect = (env: Record<string, string>) =>
      neo4jStreams.detect({ name: 'n', image: 'neo4j:4.0.3', env: new Map(Object.entries(env)) });
    expect(detect({ NEO4J_kafka_bootstrap_servers: 'broker:9093' })).toBe('certain');
    expect(detect({ NEO4J_AUTH: 'neo4j/secret', NEO4J_dbms_memory_heap_max__size: '2G' })).toBeUndefined();
  });

  it('spells a client property as the Neo4j image maps it back: _ for ., __ for _', () => {
    expect(neo4jKafkaEnv('sasl.jaas.config')).toBe('NEO4J_kafka_sasl_jaas_config');
    expect(neo4jKafkaEnv('some_odd.name')).toBe('NEO4J_kafka_some__odd_name');
  });

  it('PLAINTEXT sets the brokers and the protocol, nothing else', () => {
    const out = emit(plaintextSpec());
    expect(showEnv(out.env)).toEqual({ NEO4J_kafka_bootstrap_servers: SERVERS, NEO4J_kafka_security_protocol: 'PLAINTEXT' });
    expect(out.problems).toEqual([]);
  });

  it('SASL_SSL PLAIN with a public CA: a JAAS line the platform fills in, the JVM trust store', () => {
    const out = emit(plainPublicCa());
    expect(showEnv(out.env)).toEqual({
      NEO4J_kafka_bootstrap_servers: SERVERS,
      NEO4J_kafka_security_protocol: 'SASL_SSL',
      NEO4J_kafka_sasl_mechanism: 'PLAIN',
      NEO4J_kafka_sasl_jaas_config:
        'org.apache.kafka.common.security.plain.PlainLoginModule required username="<secret:sasl.username>" password="<secret:sasl.password>";',
    });
    expect(out.problems).toEqual([]);
    expect(out.notes).toContain('TLS trusts the JVM default CA store (no tls.ca in the spec)');
  });

  it('refuses a private CA: the plugin’s kafka-clients reads no PEM trust store', () => {
    const out = emit(scramSpec());
    expect(out.problems.map((p) => p.code)).toEqual(['CLIENT_NO_DECLARED_PATH']);
    expect(out.problems[0]?.message).toMatch(/no PEM trust store/);
    expect(out.problems[0]?.help).toMatch(/NEO4J_kafka_ssl_truststore_location/);
    expect(Object.keys(out.env)).not.toContain('NEO4J_kafka_ssl_truststore_location');
  });

  it('cannot present a client certificate, and knows no OAuth or IAM of its own', () => {
    expect(neo4jStreams.mtls).toBe(false);
    expect(neo4jStreams.mechanisms).toEqual(['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512']);
    expect(emit(iamSpec()).problems.map((p) => p.code)).toEqual(['CLIENT_MECHANISM_UNSUPPORTED']);
    const oauth = emit(oauthSpec(), {}, { service: 'neo4j-source' });
    expect(oauth.problems.map((p) => p.code)).toEqual(['CLIENT_MECHANISM_UNSUPPORTED']);
    expect(oauth.env).not.toHaveProperty('NEO4J_kafka_sasl_jaas_config');
    const vouched = emit(iamSpec(), {}, { service: 'neo4j-source', supports: { awsMskIam: true } });
    expect(showEnv(vouched.env)).toMatchObject({
      NEO4J_kafka_sasl_mechanism: 'AWS_MSK_IAM',
      NEO4J_kafka_sasl_jaas_config:
        'software.amazon.msk.auth.iam.IAMLoginModule required awsRoleArn="arn:aws:iam::123456789012:role/app" awsStsRegion="eu-west-1";',
      NEO4J_kafka_sasl_client_callback_handler_class: 'software.amazon.msk.auth.iam.IAMClientCallbackHandler',
    });
  });

  it('keeps brokers already rewired', () => {
    const rewired = `\${BROKERS:-${SERVERS}}`;
    expect(emit(plaintextSpec(), { NEO4J_kafka_bootstrap_servers: rewired }).env.NEO4J_kafka_bootstrap_servers).toBe(rewired);
  });

  it('gives the sink’s Avro deserializer the customer’s registry and its basic auth', () => {
    const spec = withSchemaRegistry(plainPublicCa(), false);
    const out = emit(spec, { NEO4J_kafka_schema_registry_url: 'http://schema_registry:8081' });
    expect(showEnv(out.env)).toMatchObject({
      NEO4J_kafka_schema_registry_url: 'https://sr.example.com',
      NEO4J_kafka_basic_auth_credentials_source: 'USER_INFO',
      NEO4J_kafka_basic_auth_user_info: 'sr-user:<secret:schemaRegistry.basicAuth.password>',
    });
    expect(Object.keys(emit(spec).env)).not.toContain('NEO4J_kafka_schema_registry_url');
  });

  it('sets the sink’s default group with the customer’s prefix, and leaves a source alone', () => {
    const spec = { ...plainPublicCa(), groups: { prefix: 'acme.' } };
    expect(emit(spec, { NEO4J_streams_sink_enabled: 'true' }).env.NEO4J_kafka_group_id).toBe('acme.neo4j');
    expect(emit(spec, { NEO4J_streams_sink_enabled: 'true', NEO4J_kafka_group_id: 'graph' }).env).not.toHaveProperty(
      'NEO4J_kafka_group_id',
    );
    expect(emit(spec).env).not.toHaveProperty('NEO4J_kafka_group_id');
  });

  it('refuses a topic prefix or allow-list the plugin’s topic names cannot be given, unless graft.yaml lists them', () => {
    const prefixed = { ...plainPublicCa(), topics: { prefix: 'acme.' } };
    const out = emit(prefixed, { NEO4J_streams_sink_enabled: 'true' });
    expect(out.problems.map((p) => p.code)).toEqual(['CLIENT_IMPLICIT_NAME']);
    expect(out.problems[0]?.message).toMatch(/neo4j-streams source and sink/);
    const sinkOnly = emit(
      { ...plainPublicCa(), topics: { allow: ['neo4j'] } },
      { NEO4J_streams_source_enabled: 'false', NEO4J_streams_sink_enabled: 'true' },
    );
    expect(sinkOnly.problems[0]?.message).toMatch(/neo4j-streams sink\)/);
    expect(emit(prefixed, {}, { service: 'neo4j-source', produces: ['acme.neo4j'] }).problems).toEqual([]);
    expect(emit(prefixed, { NEO4J_streams_source_enabled: 'false' }).problems).toEqual([]);
  });

  it('declares NEO4J_kafka_ security settings its surface, not its other settings', () => {
    expect(
      staleSecuritySettings(
        'neo4j-streams',
        [
          'NEO4J_kafka_ssl_truststore_location',
          'NEO4J_kafka_sasl_kerberos_service_name',
          'NEO4J_kafka_security_protocol',
          'NEO4J_kafka_zookeeper_connect',
          'NEO4J_kafka_batch_size',
          'NEO4J_dbms_ssl_policy_default_enabled',
        ],
        ['NEO4J_kafka_bootstrap_servers'],
      ),
    ).toEqual(['NEO4J_kafka_ssl_truststore_location', 'NEO4J_kafka_sasl_kerberos_service_name', 'NEO4J_kafka_security_protocol']);
  });
});
