import { describe, expect, it } from 'vitest';
import { customerHostsOf, findDroppedNames } from './dropped-names.js';
import { k8sHostSuffix } from './endpoints.js';

describe('findDroppedNames', () => {
  const hosts = new Set(['kafka']);
  const hostSuffix = k8sHostSuffix(hosts);
  const text = [
    'a: kafka.acme:9092',
    'b: http://kafka.events:8082/',
    '# c: kafka:9092',
    'd: PLAINTEXT://kafka.events.svc:9092,kafka.acme:9092',
    '- host: kafka',
    '  port: 9092',
    '',
  ].join('\n');
  it('finds URLs, runs and keyed hosts in order, outside comments, but not the customer’s own hosts', () => {
    const customerHosts = customerHostsOf({ bootstrapServers: ['kafka.acme:9092'] });
    expect(findDroppedNames(text, hosts, { hostSuffix, hostKeys: true, customerHosts }).map((f) => [f.text, f.key])).toEqual([
      ['http://kafka.events:8082/', undefined],
      ['PLAINTEXT://kafka.events.svc:9092,kafka.acme:9092', undefined],
      ['kafka', 'host'],
    ]);
    expect(findDroppedNames(text, hosts, { hostSuffix }).map((f) => f.text)).toEqual([
      'kafka.acme:9092',
      'http://kafka.events:8082/',
      'PLAINTEXT://kafka.events.svc:9092,kafka.acme:9092',
    ]);
    expect(findDroppedNames(text, new Set(), { hostSuffix })).toEqual([]);
  });
});
