import { describe, expect, it } from 'vitest';
import type { CustomerKafka } from '../../spec/types.js';
import { nameProperties, propertyNameKind, type ImplicitName } from './naming.js';
import { parseProperties } from './parse.js';

const at = { file: 'app.properties', start: 0, end: 1 };
const client = {
  subject: 'ConfigMap/app data "app.properties"',
  id: { format: 'kubernetes', file: 'app.yaml', kind: 'ConfigMap', name: 'app' },
};

function name(spec: Partial<CustomerKafka>, text: string, implicit: ImplicitName[] = []) {
  const set: Record<string, string> = {};
  const props = parseProperties({ path: 'app.properties', text });
  const out = nameProperties(spec as CustomerKafka, client, props, set, () => at, implicit);
  return { set, out };
}

describe('naming in properties files', () => {
  it('reads properties as the variables they would be', () => {
    expect(propertyNameKind('group.id')).toBe('group');
    expect(propertyNameKind('kafkastore.group.id')).toBe('group');
    expect(propertyNameKind('application.id')).toBe('group');
    expect(propertyNameKind('input.topic')).toBe('topic');
    expect(propertyNameKind('config.storage.topic')).toBe('topic');
    expect(propertyNameKind('topics')).toBe('topic');
    for (const k of ['client.id', 'auto.create.topics.enable', 'offsets.topic.replication.factor', 'topic.metadata.refresh.interval.ms'])
      expect(propertyNameKind(k), k).toBeUndefined();
  });

  it('a prefix renames the groups and topics the file names, keeping spacing, and names what the server leaves unset', () => {
    const { set, out } = name(
      { topics: { prefix: 'acme.' }, groups: { prefix: 'acme.' } },
      'group.id=orders-app\ninput.topics = orders, acme.payments\nclient.id=orders\n',
      [{ key: 'kafkastore.topic', kind: 'topic', value: '_schemas' }],
    );
    expect(set).toEqual({
      'group.id': 'acme.orders-app',
      'input.topics': 'acme.orders, acme.payments',
      'kafkastore.topic': 'acme._schemas',
    });
    expect(out.renames.map((r) => `${r.setting}: ${r.from} -> ${r.to}`)).toEqual([
      'group.id: orders-app -> acme.orders-app',
      'input.topics: orders -> acme.orders',
      'kafkastore.topic (unset): _schemas -> acme._schemas',
    ]);
    expect(out.diagnostics).toEqual([]);
  });

  it('without a prefix or allow-list nothing is touched', () => {
    expect(name({}, 'group.id=app\ntopic=orders\n')).toEqual({ set: {}, out: { diagnostics: [], renames: [] } });
  });

  it('a topic allow-list refuses a topic outside it, named or implicit, and renames nothing', () => {
    const { set, out } = name({ topics: { allow: ['orders'] } }, 'topic=payments\ngroup.id=app\n', [
      { key: 'kafkastore.topic', kind: 'topic', value: '_schemas' },
    ]);
    expect(set).toEqual({});
    expect(out.diagnostics.map((d) => [d.code, d.message])).toEqual([
      [
        'CLIENT_TOPIC_NOT_ALLOWED',
        'ConfigMap/app data "app.properties" uses topic "payments" (topic), which the customer\'s allow-list does not include',
      ],
      [
        'CLIENT_TOPIC_NOT_ALLOWED',
        'ConfigMap/app data "app.properties" uses topic "_schemas" (kafkastore.topic (unset)), which the customer\'s allow-list does not include',
      ],
    ]);
  });
});
