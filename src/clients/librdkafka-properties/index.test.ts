import { describe, expect, it } from 'vitest';
import { iamSpec, makeContext, mtlsSpec, oauthSpec, plaintextSpec, scramSpec, secretAt } from '../testing.js';
import { librdkafkaProperties } from './index.js';

const SERVERS = 'b1.kafka.example.com:9094,b2.kafka.example.com:9094';
const FILE = '/etc/app/librdkafka.conf';

const emit = (spec = scramSpec(), configFile: string | null = FILE) =>
  librdkafkaProperties.emit(
    makeContext({
      spec,
      name: 'ingest',
      binding: { service: 'ingest', family: 'librdkafka-properties', ...(configFile === null ? {} : { configFile }) },
    }),
  );

describe('librdkafka-properties', () => {
  it('is chosen by binding only', () => {
    expect(librdkafkaProperties.detect()).toBeUndefined();
  });

  it('PLAINTEXT', () => {
    const out = emit(plaintextSpec());
    expect(out.properties).toEqual({
      file: FILE,
      format: 'librdkafka',
      set: { 'bootstrap.servers': SERVERS, 'security.protocol': 'PLAINTEXT' },
    });
    expect(out.env).toEqual({});
    expect(out.problems).toEqual([]);
  });

  it('SSL mTLS by file locations', () => {
    const out = emit(mtlsSpec());
    expect(out.properties?.set).toEqual({
      'bootstrap.servers': SERVERS,
      'security.protocol': 'SSL',
      'ssl.ca.location': '/run/secrets/kafka_ca',
      'ssl.certificate.location': '/run/secrets/kafka_client_cert',
      'ssl.key.location': '/run/secrets/kafka_client_key',
    });
    expect(out.problems).toEqual([]);
  });

  it('SASL_SSL + SCRAM-SHA-512 with a CA writes the literal settings and hands the password over as a secret setting', () => {
    const spec = scramSpec();
    const out = emit(spec);
    expect(out.properties?.set).toEqual({
      'bootstrap.servers': SERVERS,
      'security.protocol': 'SASL_SSL',
      'sasl.mechanisms': 'SCRAM-SHA-512',
      'sasl.username': 'app',
      'ssl.ca.location': '/run/secrets/kafka_ca',
    });
    // librdkafka reads it only inside the file: the platform appends it at start, or the stage refuses it
    expect(out.properties?.secrets).toEqual({ 'sasl.password': spec.sasl?.password });
    expect(out.problems).toEqual([]);
  });

  it('SASL_SSL + OAUTHBEARER uses OIDC client credentials, the client secret as a secret setting', () => {
    const spec = oauthSpec();
    const out = emit(spec);
    expect(out.properties?.set).toEqual({
      'bootstrap.servers': SERVERS,
      'security.protocol': 'SASL_SSL',
      'sasl.mechanisms': 'OAUTHBEARER',
      'sasl.oauthbearer.method': 'oidc',
      'sasl.oauthbearer.client.id': 'graft-client',
      'sasl.oauthbearer.token.endpoint.url': 'https://idp.example.com/oauth2/token',
      'sasl.oauthbearer.scope': 'kafka',
    });
    expect(out.properties?.secrets).toEqual({ 'sasl.oauthbearer.client.secret': spec.sasl?.oauth?.clientSecret });
    expect(out.problems).toEqual([]);
  });

  it('hands over a username given as a secret too', () => {
    const spec = scramSpec();
    spec.sasl = { mechanism: 'PLAIN', username: secretAt('sasl.username'), password: secretAt('sasl.password') };
    expect(Object.keys(emit(spec).properties?.secrets ?? {})).toEqual(['sasl.username', 'sasl.password']);
    expect(emit(plaintextSpec()).properties?.secrets).toBeUndefined();
  });

  it('refuses AWS_MSK_IAM even when vouched for', () => {
    const ctx = makeContext({
      spec: iamSpec(),
      name: 'ingest',
      binding: { service: 'ingest', configFile: FILE, supports: { awsMskIam: true } },
    });
    expect(librdkafkaProperties.emit(ctx).problems.map((p) => p.code)).toEqual(['CLIENT_MECHANISM_UNSUPPORTED']);
  });

  it('needs binding.configFile', () => {
    expect(emit(scramSpec(), null).problems.map((p) => p.code)).toEqual(['CLIENT_NO_CONFIG_FILE']);
  });
});
