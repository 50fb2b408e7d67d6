import { describe, expect, it } from 'vitest';
import { compileCase, HANDOFF_CASES } from '../../tests/support/handoff.js';
import { handoffName, planIdKey, samePlanId } from '../plan/types.js';
import { inferHandoff } from './index.js';
import { readOrigin } from './origin.js';

// the handoff joins the stack's facts with the plan by plan id: every id a format gives must be the rewired client's
describe('the handoff reads clients by plan id', () => {
  for (const [name, from] of Object.entries(HANDOFF_CASES)) {
    it(name, () => {
      const result = compileCase(from);
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const rewired = result.plan.rewired.map((r) => r.id);
      for (const e of readOrigin(result).env) {
        expect(
          rewired.some((id) => samePlanId(id, e.id)),
          `${e.service} ${e.key}: its id is a rewired client's`,
        ).toBe(true);
        expect(handoffName(e.id), `${e.key}: its name is its id's`).toBe(e.service);
      }
      // the map key of an id is equal exactly when the ids are
      const ids = [...rewired, ...result.plan.dropped.map((d) => d.id), ...result.plan.removed.map((r) => r.fromId)];
      for (const a of ids) for (const b of ids) expect(planIdKey(a) === planIdKey(b)).toBe(samePlanId(a, b));
      const model = inferHandoff(result);
      for (const s of model?.services ?? [])
        if (s.id) {
          expect(handoffName(s.id), s.service).toBe(s.service);
          expect(
            rewired.some((id) => samePlanId(id, s.id!)),
            s.service,
          ).toBe(true);
        }
    });
  }

  it('every client of a stack with literal environment is known by id', () => {
    const model = inferHandoff(compileCase('formats/kubernetes/cases/msk-iam-irsa'));
    expect(model?.services.length).toBeGreaterThan(0);
    expect(model?.services.filter((s) => !s.id).map((s) => s.service)).toEqual([]);
  });
});
