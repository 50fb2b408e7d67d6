import { describe, expect, it } from 'vitest';
import { burrowSecurityReason, isBurrowConfig } from './burrow.js';

const TOML = `[zookeeper]
servers=[ "zookeeper:2181" ]

[cluster.local]
class-name="kafka"
servers=[ "b1.example.com:9094" ]

[consumer.local]
class-name="kafka"
cluster="local"
servers=[ "b1.example.com:9094" ]

[consumer.local_zk]
class-name="kafka_zk"
servers=[ "zookeeper:2181" ]
`;

describe("Burrow's burrow.toml", () => {
  it('is recognized by its kafka-class cluster and consumer modules only', () => {
    expect(isBurrowConfig(TOML)).toBe(true);
    expect(isBurrowConfig('[kafka]\nbrokers = "b1:9092"\n')).toBe(false);
    expect(burrowSecurityReason('bootstrap.servers=b1:9092\n', 'f', 'f', 'SSL', undefined)).toBeUndefined();
  });

  it('names the sections and lines, the ZooKeeper uses, and the profile sections to write for SASL_SSL', () => {
    const r = burrowSecurityReason(TOML, 'ConfigMap/burrow data "burrow.toml"', 'burrow.toml', 'SASL_SSL', 'SCRAM-SHA-512');
    expect(r?.why).toContain('[cluster.local] (burrow.toml line 6), [consumer.local] (burrow.toml line 11)');
    expect(r?.why).toContain("[zookeeper] (burrow.toml line 2), Burrow's own coordination");
    expect(r?.why).toContain('[consumer.local_zk] (burrow.toml line 13), a kafka_zk consumer');
    expect(r?.help).toContain('[client-profile.customer] with tls="customer" sasl="customer"');
    expect(r?.help).toContain('mechanism="SCRAM-SHA-512"');
    expect(r?.help).toContain('client-profile="customer" in [cluster.local] and [consumer.local]');
  });

  it('asks for no SASL section when the customer uses mTLS', () => {
    const r = burrowSecurityReason(TOML, 'f', 'burrow.toml', 'SSL', undefined);
    expect(r?.help).toContain('tls="customer"');
    expect(r?.help).not.toContain('[sasl.customer]');
  });
});
