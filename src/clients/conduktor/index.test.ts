import { describe, expect, it } from 'vitest';
import { DIRECTORY_PROVIDER } from '../java-common/index.js';
import { iamSpec, makeContext, mtlsSpec, oauthSpec, plaintextSpec, scramSpec, showValue, withSchemaRegistry } from '../testing.js';
import { conduktor } from './index.js';

const SERVERS = 'b1.kafka.example.com:9094,b2.kafka.example.com:9094';
const PROVIDERS = `config.providers=secrets\nconfig.providers.secrets.class=${DIRECTORY_PROVIDER}`;
const IMAGE = 'conduktor/conduktor-console:1.46.2';

const emit = (
  spec = scramSpec(),
  env: Record<string, string> = { CDK_CLUSTERS_0_BOOTSTRAPSERVERS: 'PLAINTEXT://kafka1:19092' },
  image = IMAGE,
) => conduktor.emit(makeContext({ spec, name: 'conduktor-console', image, env }));

describe('detect', () => {
  it('recognizes the image and CDK_CLUSTERS_<n>_BOOTSTRAPSERVERS', () => {
    expect(conduktor.detect({ name: 'c', image: 'conduktor/conduktor-console:1.46.2', env: new Map() })).toBe('certain');
    expect(conduktor.detect({ name: 'c', env: new Map([['CDK_CLUSTERS_1_BOOTSTRAPSERVERS', 'kafka:9092']]) })).toBe('certain');
    expect(conduktor.detect({ name: 'c', image: 'acme/console', env: new Map([['CDK_DATABASE_URL', 'postgresql://db']]) })).toBeUndefined();
  });
});

describe('emit', () => {
  it('PLAINTEXT: the bootstrap without the origin listener scheme', () => {
    const out = emit(plaintextSpec());
    expect(out.env).toEqual({ CDK_CLUSTERS_0_BOOTSTRAPSERVERS: SERVERS, CDK_CLUSTERS_0_PROPERTIES: 'security.protocol=PLAINTEXT' });
    expect(out.problems).toEqual([]);
  });

  it('SASL_SSL + SCRAM: multi-line properties reading the secrets through the directory provider', () => {
    const out = emit();
    expect(out.env.CDK_CLUSTERS_0_PROPERTIES).toBe(
      'security.protocol=SASL_SSL\n' +
        'sasl.mechanism=SCRAM-SHA-512\n' +
        'sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="app" password="${secrets:/run/secrets:kafka_sasl_password}";\n' +
        'ssl.truststore.type=PEM\n' +
        'ssl.truststore.location=/run/secrets/kafka_ca\n' +
        PROVIDERS,
    );
    expect(out.notes.join('\n')).toContain('DirectoryConfigProvider');
  });

  it('mTLS: PEM truststore by path, certificate and key through the provider', () => {
    const props = showValue(emit(mtlsSpec()).env.CDK_CLUSTERS_0_PROPERTIES ?? '');
    expect(props).toContain('security.protocol=SSL\n');
    expect(props).toContain('ssl.keystore.type=PEM\n');
    expect(props).toMatch(/ssl\.keystore\.key=\$\{secrets:\/run\/secrets:[\w]+\}/);
  });

  it('AWS_MSK_IAM on the official image; refused on another without a vouch', () => {
    expect(showValue(emit(iamSpec()).env.CDK_CLUSTERS_0_PROPERTIES ?? '')).toContain(
      'sasl.client.callback.handler.class=software.amazon.msk.auth.iam.IAMClientCallbackHandler',
    );
    expect(emit(iamSpec(), undefined, 'acme/console-fork:1').problems.map((p) => p.code)).toEqual(['CLIENT_MECHANISM_UNSUPPORTED']);
  });

  it('configures only the clusters rewired to the customer, and the schema registry with basic auth from secrets', () => {
    const out = emit(withSchemaRegistry(scramSpec()), {
      CDK_CLUSTERS_0_BOOTSTRAPSERVERS: 'other:9092',
      CDK_CLUSTERS_1_BOOTSTRAPSERVERS: `SASL_SSL://${SERVERS}`,
    });
    expect(Object.keys(out.env).filter((k) => k.startsWith('CDK_CLUSTERS_0'))).toEqual([]);
    expect(out.env.CDK_CLUSTERS_1_BOOTSTRAPSERVERS).toBe(SERVERS);
    expect(out.env.CDK_CLUSTERS_1_SCHEMAREGISTRY_URL).toMatch(/^https:\/\//);
    const password = out.env.CDK_CLUSTERS_1_SCHEMAREGISTRY_SECURITY_PASSWORD;
    expect(typeof password === 'object' && password.parts.every((p) => typeof p === 'object' && 'secret' in p)).toBe(true);
  });

  it('OAUTHBEARER is not offered (no verified way to set the JVM token URL allow-list)', () => {
    expect(conduktor.mechanisms).not.toContain(oauthSpec().sasl?.mechanism);
  });
});
