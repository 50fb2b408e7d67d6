import { describe, expect, it } from 'vitest';
import { loadRequirements } from '../../src/check/requirements.js';
import type { CheckStep } from '../../src/check/types.js';
import { itemStatuses, requirementItems } from '../../src/setup/requirements.js';

const text = JSON.stringify(
  {
    apiVersion: 'graft.dev/v1',
    kind: 'KafkaRequirements',
    topics: [
      { name: 'orders', partitions: 3, configs: { 'cleanup.policy': 'compact' }, operations: ['READ', 'WRITE'] },
      { name: 'payments' },
    ],
    groups: ['billing'],
    transactionalIdPrefixes: ['billing-tx-'],
    cluster: ['IDEMPOTENT_WRITE'],
  },
  null,
  2,
);
const source = { path: 'requirements.json', text };
const r = loadRequirements(source).requirements!;
const spec = {
  bootstrapServers: 'k1:9093,k2:9093',
  sasl: { username: 'appliance' },
  topics: { prefix: 'acme.' },
  groups: { prefix: 'acme.' },
};

describe('graft setup requirements', () => {
  it('lists each item with the Kafka CLI commands for the cluster in the form (its servers, prefixes and user)', () => {
    const items = requirementItems(r, spec);
    expect(items.map((i) => i.id)).toEqual(['topic:0', 'topic:1', 'group:0', 'transactionalIdPrefixes:0', 'cluster']);
    expect(items[0].commands).toEqual([
      'kafka-topics.sh --bootstrap-server k1:9093,k2:9093 --command-config admin.properties --create --if-not-exists --topic acme.orders --partitions 3 --config cleanup.policy=compact',
      'kafka-acls.sh --bootstrap-server k1:9093,k2:9093 --command-config admin.properties --add --allow-principal User:appliance --operation Read --topic acme.orders',
      'kafka-acls.sh --bootstrap-server k1:9093,k2:9093 --command-config admin.properties --add --allow-principal User:appliance --operation Write --topic acme.orders',
    ]);
    expect(items[2].commands[0]).toContain('--operation Read --group acme.billing');
    expect(items[3].commands[0]).toContain('--transactional-id billing-tx- --resource-pattern-type prefixed');
    expect(items[4].commands[0]).toContain('--operation IdempotentWrite --cluster');
    // no user in the form: the principal is left to the shell
    expect(requirementItems(r, {})[2].commands[0]).toContain('--allow-principal "$PRINCIPAL"');
  });

  it('ticks what the check confirmed, marks what a finding points into, and leaves what did not run unchecked', () => {
    const items = requirementItems(r, spec);
    const step = (probe: string, status: CheckStep['status'], at?: (string | number)[]): CheckStep => ({
      probe,
      target: 'x',
      status,
      detail: '',
      ms: 0,
      diagnostics: at ? [{ code: 'CHECK_TOPIC_MISSING', severity: 'error', message: 'm', help: 'h', subject: r.spans!.at(at) }] : [],
    });
    const ran = itemStatuses(items, [step('topics', 'fail', ['topics', 1, 'name']), step('acls', 'pass')]);
    expect(ran).toEqual({
      'topic:0': 'confirmed',
      'topic:1': 'missing',
      'group:0': 'confirmed',
      'transactionalIdPrefixes:0': 'confirmed',
      cluster: 'confirmed',
    });
    const skipped = itemStatuses(items, [step('topics', 'skip'), step('acls', 'skip')]);
    expect(Object.values(skipped)).toEqual(['unchecked', 'unchecked', 'unchecked', 'unchecked', 'unchecked']);
  });
});
