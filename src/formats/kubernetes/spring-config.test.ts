import { describe, expect, it } from 'vitest';
import { removeStaleSpringSettings } from './spring-config.js';

describe('removeStaleSpringSettings', () => {
  it('removes Spring Kafka security settings from application.yml, a map left empty with them', () => {
    const text = [
      'server:',
      '  port: 8080',
      'spring:',
      '  kafka:',
      '    bootstrap-servers: b:9092',
      '    ssl:',
      '      trust-store-location: file:/certs/truststore.jks',
      '      trust-store-password: changeit',
      '    properties:',
      '      sasl.client.callback.handler.class: software.amazon.msk.auth.iam.IAMClientCallbackHandler',
      '      schema.registry.url: http://sr:8081',
      '    consumer:',
      '      group-id: reporting',
      '',
    ].join('\n');
    const r = removeStaleSpringSettings('application.yml', text, true);
    expect(r.removed).toEqual([
      'spring.kafka.ssl.trust-store-location',
      'spring.kafka.ssl.trust-store-password',
      'spring.kafka.properties.sasl.client.callback.handler.class',
    ]);
    expect(r.text).toBe(
      [
        'server:',
        '  port: 8080',
        'spring:',
        '  kafka:',
        '    bootstrap-servers: b:9092',
        '    properties:',
        '      schema.registry.url: http://sr:8081',
        '    consumer:',
        '      group-id: reporting',
        '',
      ].join('\n'),
    );
  });

  it('removes them from application.properties and leaves other settings alone', () => {
    const text = 'spring.kafka.bootstrap-servers=b:9092\nspring.kafka.jaas.options.password=hunter2\nserver.port=8080\n';
    const r = removeStaleSpringSettings('application.properties', text, false);
    expect(r.removed).toEqual(['spring.kafka.jaas.options.password']);
    expect(r.text).toBe('spring.kafka.bootstrap-servers=b:9092\nserver.port=8080\n');
  });
});
