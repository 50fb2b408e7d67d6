import { describe, expect, it } from 'vitest';
import { plaintextSpec } from '../clients/testing.js';
import type { Span } from '../core/span.js';
import type { PlanId } from '../plan/types.js';
import type { CustomerKafka } from '../spec/types.js';
import { configureNames, nameSplices, type NamingSink } from './naming.js';

// The naming policy, seen through a sink that keeps a client's settings in memory.

const AT: Span = { file: 'stack.yml', start: 4, end: 9 };
const client = {
  subject: 'service "app"',
  id: { format: 'compose', file: 'compose.yaml', kind: 'service', name: 'app' } as PlanId,
  at: AT,
};

function memory(env: Record<string, string>): { sink: NamingSink; env: Map<string, string> } {
  const state = new Map(Object.entries(env));
  return {
    env: state,
    sink: {
      keys: () => [...state.keys()],
      sites: (key) => {
        const value = state.get(key) ?? '';
        return [{ setting: key, where: `env ${key}`, value, at: AT, replace: (next) => state.set(key, next) }];
      },
    },
  };
}

const spec = (naming: Pick<CustomerKafka, 'topics' | 'groups'>): CustomerKafka => ({ ...plaintextSpec(), ...naming });

describe('the customer naming of the configure stage', () => {
  it('prefixes topic lists and group ids, once, and records each rename', () => {
    const m = memory({ ORDERS_TOPICS: 'orders, team.payments', GROUP_ID: 'billing', HTTP_PORT: '8080', DEBUG_TOPIC: 'true' });
    const out = configureNames(spec({ topics: { prefix: 'team.' }, groups: { prefix: 'grp-' } }), client, m.sink);
    expect(out.diagnostics).toEqual([]);
    expect(Object.fromEntries(m.env)).toEqual({
      ORDERS_TOPICS: 'team.orders, team.payments',
      GROUP_ID: 'grp-billing',
      HTTP_PORT: '8080',
      DEBUG_TOPIC: 'true',
    });
    expect(out.renames).toEqual([
      { service: 'app', id: client.id, setting: 'ORDERS_TOPICS', from: 'orders', to: 'team.orders', kind: 'topic' },
      { service: 'app', id: client.id, setting: 'GROUP_ID', from: 'billing', to: 'grp-billing', kind: 'group' },
    ]);
  });

  it('refuses every topic outside the allow-list with one shared code, settings and binding alike, and renames nothing', () => {
    const m = memory({ AUDIT_TOPICS: 'audit,audit-archive' });
    const binding = { service: 'app', produces: ['orders', 'refunds'] };
    const out = configureNames(spec({ topics: { allow: ['orders', 'audit'] } }), { ...client, binding }, m.sink);
    expect(out.diagnostics.map((d) => [d.code, d.message, d.subject])).toEqual([
      [
        'CLIENT_TOPIC_NOT_ALLOWED',
        'service "app" uses topic "audit-archive" (env AUDIT_TOPICS), which the customer\'s allow-list does not include',
        AT,
      ],
      [
        'CLIENT_TOPIC_NOT_ALLOWED',
        'service "app" uses topic "refunds" (graft.yaml kafka.clients.app), which the customer\'s allow-list does not include',
        AT,
      ],
    ]);
    expect(out.diagnostics.every((d) => d.help?.includes('topics.allow (allowed: orders, audit)'))).toBe(true);
    expect(out.renames).toEqual([]);
    expect(m.env.get('AUDIT_TOPICS')).toBe('audit,audit-archive');
  });

  it('leaves a client alone when the customer has no naming rules', () => {
    const m = memory({ ORDERS_TOPIC: 'orders' });
    expect(configureNames(plaintextSpec(), client, m.sink)).toEqual({ diagnostics: [], renames: [] });
    expect(m.env.get('ORDERS_TOPIC')).toBe('orders');
  });

  it('splices only the names that changed, keeping separators and spacing', () => {
    expect(nameSplices('orders ,  p.audit,x', 'p.orders ,  p.audit,p.x')).toEqual([
      { start: 0, end: 6, text: 'p.orders' },
      { start: 18, end: 19, text: 'p.x' },
    ]);
  });
});
