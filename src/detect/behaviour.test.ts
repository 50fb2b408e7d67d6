import { describe, expect, it } from 'vitest';
import { detectRole, doubtAbout, type RunningUnit } from './behaviour.js';

const unit = (u: Partial<RunningUnit> & { name: string }): RunningUnit => ({ env: new Map(), ...u });

describe('Kafka infrastructure by what it runs', () => {
  it('a locally built image with broker settings is a broker; controller-only settings make a controller', () => {
    const broker = detectRole(unit({ name: 'events', built: true, env: new Map([['KAFKA_CFG_LISTENERS', 'PLAINTEXT://:9092']]) }));
    expect(broker?.role).toBe('broker');
    expect(broker?.byImage).toBe(false);
    expect(broker?.evidence).toContain('KAFKA_CFG_LISTENERS');
    const controller = detectRole(unit({ name: 'quorum', image: 'acme/bus:1', env: new Map([['KAFKA_PROCESS_ROLES', 'controller']]) }));
    expect(controller?.role).toBe('controller');
  });

  it('a Kafka distribution image starting ZooKeeper is ZooKeeper; starting the broker, a broker', () => {
    const image = 'quay.io/strimzi/kafka:0.43.0-kafka-3.8.0';
    const zk = detectRole(unit({ name: 'zookeeper', image, command: 'sh -c bin/zookeeper-server-start.sh config/zookeeper.properties' }));
    expect(zk?.role).toBe('zookeeper');
    expect(zk?.evidence).toContain('zookeeper-server-start');
    expect(detectRole(unit({ name: 'kafka', image, command: 'sh -c bin/kafka-server-start.sh config/server.properties' }))?.role).toBe(
      'broker',
    );
  });

  it('an unknown image starting the broker or reading server.properties is a broker', () => {
    expect(detectRole(unit({ name: 'x', image: 'acme/bus:1', command: 'kafka-server-start.sh /etc/kafka/server.properties' }))?.role).toBe(
      'broker',
    );
    expect(detectRole(unit({ name: 'x', image: 'acme/bus:1', mounts: ['/opt/kafka/config/server.properties'] }))?.role).toBe('broker');
    expect(detectRole(unit({ name: 'x', image: 'acme/rp:1', command: 'redpanda start --smp 1' }))?.role).toBe('broker');
  });

  it('ZooKeeper by its settings, start script or health check', () => {
    expect(detectRole(unit({ name: 'coord', built: true, env: new Map([['ZOOKEEPER_CLIENT_PORT', '2181']]) }))?.role).toBe('zookeeper');
    expect(detectRole(unit({ name: 'coord', image: 'acme/zk:3', command: 'bin/zkServer.sh start-foreground' }))?.role).toBe('zookeeper');
    expect(detectRole(unit({ name: 'coord', built: true, healthcheck: 'echo ruok | nc localhost 2181' }))?.role).toBe('zookeeper');
  });

  it('registry-prefixed and interpolated images are still known images', () => {
    expect(detectRole(unit({ name: 'b', image: '${REGISTRY}confluentinc/cp-server:7.6.1' }))?.role).toBe('broker');
    expect(detectRole(unit({ name: 'b', image: '${REGISTRY:-docker.io/}confluentinc/cp-kafka:7.6.1' }))?.role).toBe('broker');
    expect(detectRole(unit({ name: 'b', image: 'mirror.example.com:5000/bitnami/kafka:3.7' }))?.role).toBe('broker');
  });

  it('topic settings beside the address of another service’s broker are a client, not a broker', () => {
    const env = new Map([
      ['KAFKA_BROKER_ID', '0'],
      ['KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR', '1'],
      ['KAFKA_ADVERTISED_PORT', '9092'],
    ]);
    const controller = unit({
      name: 'controller',
      image: 'openwhisk/controller:latest',
      env: new Map([...env, ['KAFKA_HOSTS', 'kafka.docker:9092']]),
    });
    expect(detectRole(controller)).toBeUndefined();
    // the same settings with nothing else to go on, or with a listener of its own, still make a broker
    expect(detectRole(unit({ name: 'events', image: 'acme/bus:1', env }))?.role).toBe('broker');
    const listening = new Map([...env, ['KAFKA_HOSTS', 'kafka:9092'], ['KAFKA_LISTENERS', 'PLAINTEXT://:9092']]);
    expect(detectRole(unit({ name: 'events', image: 'acme/bus:1', env: listening }))?.role).toBe('broker');
  });

  it('a Kafka image running a client program is a client, not a broker', () => {
    for (const command of [
      'kafka-producer-perf-test --topic t --num-records 10 --producer-props bootstrap.servers=kafka:9092',
      '/opt/kafka/bin/kafka-console-consumer.sh --bootstrap-server kafka:9092 --topic t',
      'connect-distributed /etc/kafka/connect.properties',
      'kcat -b kafka:9092 -L',
    ]) {
      expect(detectRole(unit({ name: 'tool', image: 'apache/kafka:3.8.0', command })), command).toBeUndefined();
    }
  });

  it('a bundle image whose command starts Schema Registry is a schema registry; its REST proxy is none', () => {
    const image = 'solsson/kafka-cp@sha256:2797da107f477ede2e826c29b2589f99f22d9efa2ba6916b63e07c7045e15044';
    const registry = detectRole(
      unit({ name: 'avro-schemas', image, command: 'schema-registry-start /etc/schema-registry/schema-registry.properties' }),
    );
    expect(registry?.role).toBe('schema-registry');
    expect(registry?.byImage).toBe(false);
    expect(registry?.evidence).toContain('runs schema-registry-start');
    const main = 'java -cp /opt/sr/* io.confluent.kafka.schemaregistry.rest.SchemaRegistryMain /etc/sr.properties';
    expect(detectRole(unit({ name: 'sr', built: true, command: main }))?.role).toBe('schema-registry');
    expect(
      detectRole(unit({ name: 'avro-rest', image, command: 'kafka-rest-start /etc/kafka-rest/kafka-rest.properties' })),
    ).toBeUndefined();
    // a Kafka image starting the broker stays the broker, whatever else its script names
    expect(
      detectRole(
        unit({
          name: 'kafka',
          image: 'apache/kafka:3.8.0',
          command: 'kafka-server-start.sh s.properties & schema-registry-start r.properties',
        }),
      )?.role,
    ).toBe('broker');
  });

  it('client settings alone are no broker', () => {
    expect(detectRole(unit({ name: 'app', built: true, env: new Map([['KAFKA_BOOTSTRAP_SERVERS', 'kafka:9092']]) }))).toBeUndefined();
    expect(detectRole(unit({ name: 'app', built: true, healthcheck: 'curl -f http://localhost:8080/health' }))).toBeUndefined();
  });

  it('a built look-alike without settings is a doubt, never a guess', () => {
    expect(detectRole(unit({ name: 'kafka', built: true, ports: [9092] }))).toBeUndefined();
    expect(doubtAbout(unit({ name: 'kafka', built: true }))?.likely).toBe('broker');
    expect(doubtAbout(unit({ name: 'zk-1', built: true }))?.likely).toBe('zookeeper');
    expect(doubtAbout(unit({ name: 'coord', image: 'acme/zookeeper:3.9-hardened', ports: [2181] }))?.likely).toBe('zookeeper');
    expect(doubtAbout(unit({ name: 'events', image: 'acme/kafka-broker:3.7' }))?.likely).toBe('broker');
    // a port alone is no sign: Alertmanager listens on 9093
    expect(doubtAbout(unit({ name: 'alertmanager', image: 'prom/alertmanager:v0.27.0', ports: [9093] }))).toBeUndefined();
    expect(doubtAbout(unit({ name: 'ui', image: 'provectuslabs/kafka-ui:v0.7.2', ports: [8080] }))).toBeUndefined();
    expect(doubtAbout(unit({ name: 'source', image: 'springcloudstream/file-source-kafka:3.0.0' }))).toBeUndefined();
    expect(doubtAbout(unit({ name: 'kafka', image: 'apache/kafka:3.8.0' }))).toBeUndefined();
  });
});
