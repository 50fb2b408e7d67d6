import { describe, expect, it } from 'vitest';
import { grantsOf, type AclGrant } from './acls.js';
import type { HandoffModel, ServiceNeed, TopicNeed } from './types.js';

const service = (name: string, over: Partial<ServiceNeed> = {}): ServiceNeed => ({
  service: name,
  produces: [],
  consumes: [],
  groups: [],
  autoCreated: [],
  creates: [],
  transactionalIds: [],
  transactionalIdPrefixes: [],
  subjects: [],
  ...over,
});
const topic = (name: string, producers: string[], consumers: string[]): TopicNeed => ({
  name,
  stackName: name,
  configs: {},
  producers,
  consumers,
});

// a stack without naming rules: literal grants, some of which a Streams prefix, a browser's `*` or a duplicate covers
function model(browser: boolean): HandoffModel {
  const services = [service('orders', { produces: ['orders', 'app-changelog', 'app-'], consumes: ['payments'], groups: ['orders'] })];
  const families = new Map<string, string[]>([['orders', ['java']]]);
  if (browser) families.set('ui', ['kafdrop']);
  return {
    spec: { bootstrapServers: ['k:9092'], securityProtocol: 'PLAINTEXT' },
    topics: [
      topic('orders', ['orders'], []),
      topic('payments', [], ['orders']),
      topic('app-changelog', ['orders'], []),
      topic('app-', ['orders'], []),
    ],
    groups: ['orders', 'orders', 'app-x'],
    transactionalIds: [],
    transactionalIdPrefixes: [],
    streams: [{ service: 'orders', applicationId: 'app', exactlyOnce: false }],
    services,
    families,
    workloads: new Map(),
  } as unknown as HandoffModel;
}

const show = (g: AclGrant): string => `${g.resourceType} ${g.pattern} ${g.name} ${g.operation}`;

describe('ACL grants', () => {
  it('leaves out grants another grant covers, and duplicates', () => {
    const grants = grantsOf(model(false)).map(show);
    // the Streams application's prefix `app-` covers its changelog topic, not the prefix `app-` itself
    expect(grants).not.toContain('topic literal app-changelog Write');
    expect(grants).not.toContain('topic literal app- Write');
    expect(grants).toContain('topic prefixed app- Write');
    expect(grants).toContain('topic literal orders Write');
    expect(grants.filter((g) => g === 'group literal orders Read')).toHaveLength(1);
    // a group is not a topic: the topic prefix `app-` covers no group
    expect(grants).toContain('group literal app-x Read');
    expect(new Set(grants).size).toBe(grants.length);
  });

  it("a browser's literal `*` covers every other name of its type and operation, not other operations", () => {
    const grants = grantsOf(model(true)).map(show);
    expect(grants).toContain('topic literal * Describe');
    expect(grants).not.toContain('topic literal orders Describe');
    expect(grants).not.toContain('topic prefixed app- Describe');
    expect(grants).toContain('topic literal orders Write');
    expect(grants).toContain('topic prefixed app- Write');
  });
});
