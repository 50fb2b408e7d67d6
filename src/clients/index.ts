import { akhq } from './akhq/index.js';
import { clickhouse } from './clickhouse/index.js';
import { conduktor } from './conduktor/index.js';
import { confluentImages } from './confluent-images/index.js';
import { dataHub } from './datahub/index.js';
import { envFamily } from './env/index.js';
import { eventuate } from './eventuate/index.js';
import { javaProperties } from './java-properties/index.js';
import { jitsu } from './jitsu/index.js';
import { kafdrop } from './kafdrop/index.js';
import { kafkaEnv } from './kafka-env/index.js';
import { kafkaUi } from './kafka-ui/index.js';
import { kminion } from './kminion/index.js';
import { librdkafkaProperties } from './librdkafka-properties/index.js';
import { neo4jStreams } from './neo4j-streams/index.js';
import { owlShop } from './owl-shop/index.js';
import { quarkusKafkaStreams } from './quarkus-kafka-streams/index.js';
import { redpandaConsole } from './redpanda-console/index.js';
import { skywalkingOap } from './skywalking-oap/index.js';
import { springBoot } from './spring-boot/index.js';
import type { ClientFamily } from './types.js';

/** Every client family graft knows, in the order detection tries them. */
export const families = [
  dataHub,
  springBoot,
  confluentImages,
  kafkaUi,
  conduktor,
  kafkaEnv,
  quarkusKafkaStreams,
  eventuate,
  akhq,
  kafdrop,
  redpandaConsole,
  kminion,
  owlShop,
  clickhouse,
  neo4jStreams,
  jitsu,
  skywalkingOap,
  javaProperties,
  librdkafkaProperties,
  envFamily,
] as const satisfies readonly ClientFamily[];

/** The name of a known client family. */
export type FamilyName = (typeof families)[number]['family'];

/** Finds a client family by its name, e.g. the `family` a vendor gives in graft.yaml. */
export function findFamily(name: string): ClientFamily | undefined {
  return families.find((f) => f.family === name);
}
