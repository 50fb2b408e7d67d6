import { describe, expect, it } from 'vitest';
import { makeContext, plaintextSpec, scramSpec } from '../testing.js';
import { confluentImages } from './index.js';
import { cpRelease } from './release.js';

const connect = (image: string, spec = scramSpec()) =>
  confluentImages.emit(makeContext({ spec, name: 'connect', image, env: { CONNECT_BOOTSTRAP_SERVERS: 'kafka:29092' } }));

describe('Confluent Platform releases before 6.1', () => {
  it('reads the release from a cp-* tag, and nothing from other tags', () => {
    expect(cpRelease('confluentinc/cp-kafka-connect:5.5.12')).toEqual([5, 5]);
    expect(cpRelease('docker.io/confluentinc/cp-enterprise-control-center:6.1.0-1-ubi8')).toEqual([6, 1]);
    expect(cpRelease('confluentinc/cp-kafka-rest:3.3.1')).toEqual([3, 3]);
    expect(cpRelease('confluentinc/cp-kafka-connect:latest')).toBeUndefined();
    expect(cpRelease('confluentinc/cp-kafka-connect:${CP_VERSION}')).toBeUndefined();
    expect(cpRelease('debezium/connect:1.9')).toBeUndefined();
  });

  it('refuses an image whose Kafka has no DirectoryConfigProvider when graft hands it secrets', () => {
    const old = connect('confluentinc/cp-kafka-connect:6.0.3');
    expect(old.problems.map((p) => [p.code, p.severity])).toEqual([['CLIENT_IMAGE_TOO_OLD', 'error']]);
    expect(old.problems[0]?.message).toContain('Confluent Platform 6.0 ships Apache Kafka 2.6');
    expect(old.problems[0]?.help).toContain('6.1 or later');
    expect(connect('confluentinc/cp-kafka-connect:6.1.0').problems).toEqual([]);
    expect(connect('confluentinc/cp-kafka-connect:latest').problems).toEqual([]);
  });

  it('leaves an old image alone when the customer cluster needs neither secrets nor PEM stores', () => {
    expect(connect('confluentinc/cp-kafka-connect:5.5.12', plaintextSpec()).problems).toEqual([]);
  });
});
