import { describe, expect, it } from 'vitest';
import { k8sHostSuffix } from './endpoints.js';
import { findHostKeys } from './host-keys.js';

describe('hosts under a host key', () => {
  const hosts = new Set(['kafka', 'palisade-kafka-proxy']);
  it('finds a host alone under host/hostname keys in YAML, JSON and properties, with its DNS forms', () => {
    const text = [
      'discovery.config.services.kafka.endpoints:',
      '- host: palisade-kafka-proxy',
      '  port: 9092',
      '  - hostname: "kafka.default.svc.cluster.local"',
      '{ "x": 1,',
      '  "host": "kafka",',
      'host=kafka',
    ].join('\n');
    const found = findHostKeys(text, hosts, k8sHostSuffix(hosts));
    expect(found.map((f) => [f.key, f.text, text.slice(f.start, f.end)])).toEqual([
      ['host', 'palisade-kafka-proxy', 'palisade-kafka-proxy'],
      ['hostname', 'kafka.default.svc.cluster.local', 'kafka.default.svc.cluster.local'],
      ['host', 'kafka', 'kafka'],
      ['host', 'kafka', 'kafka'],
    ]);
  });
  it('leaves other hosts, other keys, longer names and host:port values alone', () => {
    const text = [
      'host: kafka-ui',
      'host: kafka.example.com.au',
      'redisHost: kafka',
      'host: kafka:9092',
      'host: other',
      'hosts: kafka',
      'host: kafka # the broker',
    ].join('\n');
    expect(findHostKeys(text, hosts, k8sHostSuffix(hosts))).toEqual([]);
    expect(findHostKeys('host: kafka', new Set<string>())).toEqual([]);
  });
});
