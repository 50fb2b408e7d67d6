import { describe, expect, it } from 'vitest';
import { imageRole, refineBrokerRole } from './images.js';

describe('what a Kafka image runs', () => {
  const env = new Map<string, string>();

  it('the broker image running the broker is the broker; controller-only nodes are controllers', () => {
    expect(imageRole('apache/kafka:4.1.0')).toBe('broker');
    expect(refineBrokerRole(env, undefined)).toBe('broker');
    expect(refineBrokerRole(env, '/etc/kafka/docker/run')).toBe('broker');
    expect(refineBrokerRole(new Map([['KAFKA_PROCESS_ROLES', 'controller']]), undefined)).toBe('controller');
  });

  it('a tool run in an endless loop is a client, not a one-shot helper', () => {
    const loop = 'while true; do echo hi | kafka-console-producer.sh --bootstrap-server kafka:9092 --topic demo; sleep 5; done';
    expect(refineBrokerRole(env, loop)).toBeUndefined();
    expect(refineBrokerRole(env, 'until kafka-topics.sh --bootstrap-server kafka:9092 --list; do sleep 1; done')).toBe('kafka-init');
  });

  it('a one-shot tool against the broker is a kafka-init helper', () => {
    expect(refineBrokerRole(env, 'kafka-topics.sh --bootstrap-server kafka:9092 --create --topic orders')).toBe('kafka-init');
  });

  it('a console producer is a client, unless the helper that creates the topics seeds them with it', () => {
    const produce = 'for i in `seq 20000`; do echo v$i; done | kafka-console-producer --bootstrap-server kafka:9071 --topic http-messages';
    expect(refineBrokerRole(env, produce)).toBeUndefined();
    const seed =
      'cub kafka-ready -b kafka1:29092 1 30 && kafka-topics --create --topic users --bootstrap-server kafka1:29092 && ' +
      'kafka-console-producer --bootstrap-server kafka1:29092 --topic users < /data/message.json';
    expect(refineBrokerRole(env, seed)).toBe('kafka-init');
    expect(refineBrokerRole(env, 'kafka-console-consumer --bootstrap-server kafka:9092 --topic users')).toBeUndefined();
  });

  it("Kafka's own client programs run from the broker image are clients, not infrastructure", () => {
    expect(refineBrokerRole(env, '/opt/kafka/bin/connect-distributed.sh /config/worker.properties')).toBeUndefined();
    expect(refineBrokerRole(env, 'bin/connect-mirror-maker.sh mm2.properties')).toBeUndefined();
    // a broker whose start script also mentions Connect in a comment-free command stays the broker
    expect(refineBrokerRole(env, 'kafka-server-start.sh /config/server.properties && echo connect-distributed')).toBe('broker');
  });
});
