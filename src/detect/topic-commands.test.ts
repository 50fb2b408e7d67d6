import { describe, expect, it } from 'vitest';
import { topicsCreatedBy } from './images.js';
import { parseTopicCommands } from './topic-commands.js';

describe('parseTopicCommands', () => {
  it('reads partitions, replication and configs of kafka-topics --create, in any order and = form', () => {
    const cmd = `bash -c "/opt/kafka/bin/kafka-topics.sh --bootstrap-server kafka:9092 --create --if-not-exists --topic orders --partitions 6 --replication-factor 3 --config cleanup.policy=compact --config=min.insync.replicas=2 &&
      kafka-topics --partitions=2 --topic=events --create --bootstrap-server kafka:9092"`;
    expect(parseTopicCommands(cmd)).toEqual({
      topics: [
        { name: 'events', partitions: 2, configs: {}, tool: 'kafka-topics' },
        {
          name: 'orders',
          partitions: 6,
          replicationFactor: 3,
          configs: { 'cleanup.policy': 'compact', 'min.insync.replicas': '2' },
          tool: 'kafka-topics',
        },
      ],
      unparsed: [],
    });
  });

  it('reads rpk topic create with shared flags, and joins backslash continuations', () => {
    const cmd = 'rpk topic create clicks sessions \\\n  -p 4 -r 1 -c retention.ms=3600000 --topic-config cleanup.policy=delete';
    const configs = { 'retention.ms': '3600000', 'cleanup.policy': 'delete' };
    expect(parseTopicCommands(cmd).topics).toEqual([
      { name: 'clicks', partitions: 4, replicationFactor: 1, configs, tool: 'rpk' },
      { name: 'sessions', partitions: 4, replicationFactor: 1, configs, tool: 'rpk' },
    ]);
  });

  it('lists a create it cannot read instead of guessing, and ignores --list / --describe', () => {
    const r = parseTopicCommands(
      'kafka-topics.sh --create --topic $TOPIC --partitions 3; kafka-topics.sh --list; kafka-topics.sh --describe --topic x',
    );
    expect(r.topics).toEqual([]);
    expect(r.unparsed).toEqual(['kafka-topics.sh --create --topic $TOPIC --partitions 3']);
  });

  it('topicsCreatedBy keeps its contract: sorted, unique names', () => {
    expect(topicsCreatedBy('kafka-topics --create --topic b; kafka-topics --create --topic a; kafka-topics --create --topic b')).toEqual([
      'a',
      'b',
    ]);
  });
});
