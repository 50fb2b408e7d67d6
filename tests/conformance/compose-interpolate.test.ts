import { describe, expect, it } from 'vitest';
import { interpolate, interpolateTree, InterpolationError } from './compose-interpolate.js';

// Compose interpolation as docker compose v2 (compose-go) performs it.
const vars = { SET: 'v', EMPTY: '', PEM: '-----BEGIN-----\nabc\n-----END-----\n' };

describe('interpolate', () => {
  it.each([
    ['plain text', 'plain text'],
    ['$$', '$'],
    ['$${kafka_sasl_password}', '${kafka_sasl_password}'],
    ['a$SET-b', 'av-b'],
    ['${SET}', 'v'],
    ['${PEM}', vars.PEM],
    ['${SET:-d}|${EMPTY:-d}|${UNSET:-d}', 'v|d|d'],
    ['${SET-d}|${EMPTY-d}|${UNSET-d}', 'v||d'],
    ['${SET:+r}|${EMPTY:+r}|${UNSET:+r}', 'r||'],
    ['${SET+r}|${EMPTY+r}|${UNSET+r}', 'r|r|'],
    ['${SET:?msg}|${EMPTY?msg}', 'v|'],
    ['${UNSET:-${SET}}', 'v'],
    ['${UNSET:-${UNSET2:-deep}}x', 'deepx'],
    ['${UNSET:-a:b=c}', 'a:b=c'],
  ])('%s', (template, want) => {
    expect(interpolate(template, vars)).toBe(want);
  });

  it('blanks an unset variable with the warning Compose prints', () => {
    const warnings: string[] = [];
    expect(interpolate('x${UNSET}y$UNSET', vars, warnings)).toBe('xy');
    expect(warnings).toEqual([
      'The "UNSET" variable is not set. Defaulting to a blank string.',
      'The "UNSET" variable is not set. Defaulting to a blank string.',
    ]);
  });

  it.each([
    [
      '${UNSET:?UNSET must hold the customer secret sasl.password}',
      'required variable UNSET is missing a value: UNSET must hold the customer secret sasl.password',
    ],
    ['${EMPTY:?empty}', 'required variable EMPTY is missing a value: empty'],
    ['${UNSET?gone}', 'required variable UNSET is missing a value: gone'],
  ])('refuses %s', (template, message) => {
    expect(() => interpolate(template, vars)).toThrow(new InterpolationError(message));
  });

  it.each(['${kafka.password}', '${SET', '$1', 'cost: 5$', '${SET:x}'])('refuses the invalid template %s', (template) => {
    expect(() => interpolate(template, vars)).toThrow(/^Invalid template/);
  });

  it('interpolates values, never keys, at any depth', () => {
    expect(interpolateTree({ $SET: ['${SET}', { k: '$$x', n: 1, b: true, z: null }] }, vars)).toEqual({
      $SET: ['v', { k: '$x', n: 1, b: true, z: null }],
    });
  });
});
