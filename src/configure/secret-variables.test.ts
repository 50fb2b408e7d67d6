import { describe, expect, it } from 'vitest';
import { NO_SECRET_FILES, pemContentSetting, providerAliasOf } from './secret-variables.js';

describe('pemContentSetting', () => {
  const file = `${NO_SECRET_FILES}/GRAFT_KAFKA_CA`;

  it('turns Spring Boot trust-store-location into trust-store-certificates read from the variable', () => {
    expect(pemContentSetting('spring-boot', 'SPRING_KAFKA_SSL_TRUST_STORE_LOCATION', `file:${file}`, undefined)).toEqual({
      key: 'SPRING_KAFKA_SSL_TRUST_STORE_CERTIFICATES',
      text: '${GRAFT_KAFKA_CA}',
    });
  });

  it("turns a Kafka client's ssl.truststore.location into ssl.truststore.certificates through the provider alias", () => {
    expect(pemContentSetting('confluent-images', 'CONNECT_PRODUCER_SSL_TRUSTSTORE_LOCATION', file, 'secrets')).toEqual({
      key: 'CONNECT_PRODUCER_SSL_TRUSTSTORE_CERTIFICATES',
      text: '${secrets:GRAFT_KAFKA_CA}',
    });
  });

  it('leaves everything else to the refusal', () => {
    // no provider to read the variable with
    expect(pemContentSetting('confluent-images', 'CONNECT_SSL_TRUSTSTORE_LOCATION', file, undefined)).toBeUndefined();
    // a CA file binding of the env family, a key store, a path that is not a stand-in secret file
    expect(pemContentSetting('env', 'KAFKA_SSL_CA_FILE', file, 'secrets')).toBeUndefined();
    expect(pemContentSetting('confluent-images', 'CONNECT_SSL_KEYSTORE_LOCATION', file, 'secrets')).toBeUndefined();
    expect(pemContentSetting('spring-boot', 'SPRING_KAFKA_SSL_TRUST_STORE_LOCATION', 'file:/etc/ca.pem', undefined)).toBeUndefined();
  });
});

describe('providerAliasOf', () => {
  it('finds the alias of the config provider placeholders that read the stand-in secret files', () => {
    expect(providerAliasOf(['PLAIN', `x password="\${secrets:${NO_SECRET_FILES}:GRAFT_KAFKA_SASL_PASSWORD}";`])).toBe('secrets');
    expect(providerAliasOf(['${GRAFT_KAFKA_SASL_PASSWORD}'])).toBeUndefined();
  });
});
