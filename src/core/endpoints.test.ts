import { describe, expect, it } from 'vitest';
import { findEndpointRuns, findUrls, k8sHostSuffix } from './endpoints.js';

const names = (value: string, hosts: ReadonlySet<string>, namespaces?: string[]): string[] =>
  findEndpointRuns(value, hosts, k8sHostSuffix(hosts, namespaces)).map((r) => r.text);

describe('k8sHostSuffix: the names Kubernetes DNS resolves to a dropped Service', () => {
  const hosts = new Set(['kafka', 'kafka-headless', 'kafka-0', 'kafka-1']);

  it.each([
    'kafka:9092',
    'kafka.shop:9092',
    'kafka.shop.svc:9092',
    'kafka.shop.svc.cluster.local:9092',
    'kafka.shop.svc.corp.example:9092',
    'kafka-0.kafka-headless:9092',
    'kafka-0.kafka-headless.shop:9092',
    'kafka-1.kafka-headless.shop.svc.cluster.local:9092',
    'PLAINTEXT://kafka.shop.svc.cluster.local:9092',
  ])('matches %s in a stack of namespace shop', (value) => {
    expect(names(value, hosts, ['shop'])).toEqual([value]);
  });

  it.each([
    'kafka.example.com:9092',
    'kafka.acme.internal:9092',
    'kafka.us-east-1.example:9092',
    'kafka.acme:9092',
    'kafka.other.svc.cluster.local:9092',
    'kafka-0.broker.shop.svc:9092',
    'kafka-0.example.com:9092',
    'mykafka:9092',
    'broker.kafka:9092',
    'SASL_SSL://kafka.example.com:9092',
  ])('leaves %s alone in a stack of namespace shop', (value) => {
    expect(names(value, hosts, ['shop'])).toEqual([]);
  });

  it('takes any namespace when the Service has none, but never a host of more labels', () => {
    expect(names('kafka.anywhere:9092,kafka.anywhere.svc.cluster.local:9093', hosts)).toEqual([
      'kafka.anywhere:9092,kafka.anywhere.svc.cluster.local:9093',
    ]);
    expect(names('kafka.example.com:9092', hosts)).toEqual([]);
    expect(names('kafka.acme.internal:9092,kafka.us-east-1.example:9092', hosts)).toEqual([]);
  });

  it('finds the dropped names in a list beside a customer host, not the customer host', () => {
    expect(names('kafka.example.com:9092 kafka.shop:9092', hosts, ['shop'])).toEqual(['kafka.shop:9092']);
  });

  it('reads URLs the same way', () => {
    const registry = new Set(['schema-registry']);
    const suffix = k8sHostSuffix(registry, ['shop']);
    expect(findUrls('http://schema-registry.shop.svc.cluster.local:8081', registry, suffix).map((u) => u.text)).toEqual([
      'http://schema-registry.shop.svc.cluster.local:8081',
    ]);
    expect(findUrls('https://schema-registry.example.com', registry, suffix)).toEqual([]);
  });
});

describe('the finders search a value only when it can hold what they find', () => {
  const hosts = new Set(['kafka', 'broker']);

  it('finds a run wherever a port follows a host, and nothing in a value with no colon before a digit', () => {
    expect(findEndpointRuns('${BROKERS:-kafka:9092}', hosts).map((r) => r.text)).toEqual(['kafka:9092']);
    expect(findEndpointRuns('kafka:9092,broker:9093', hosts).map((r) => r.text)).toEqual(['kafka:9092,broker:9093']);
    expect(findEndpointRuns('kafka', hosts)).toEqual([]);
    expect(findEndpointRuns('kafka:port', hosts)).toEqual([]);
  });

  it('finds a URL with or without a port, and nothing in a value without a scheme separator', () => {
    expect(findUrls('http://kafka/', hosts).map((u) => u.text)).toEqual(['http://kafka/']);
    expect(findUrls('see https://broker:8082', hosts).map((u) => u.host)).toEqual(['broker']);
    expect(findUrls('kafka:8082', hosts)).toEqual([]);
  });
});
