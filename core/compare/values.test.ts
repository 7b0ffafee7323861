// Values: floats within pyspark's tolerances (NaN, infinities, -0, nulls) and exact equality of
// the other types.
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../table.js';
import type { CompareOptions } from './compare-tables.js';
import { compare, table } from './test-tables.js';

describe('compareTables: values', () => {
  const floats = (e: JsonValue, a: JsonValue, options: Partial<CompareOptions> = {}) =>
    compare(table('k string, v double', [['x', e]]), table('k string, v double', [['x', a]]), options).equal;

  it.each([
    { name: 'equal within rtol of the expected value', e: 100, a: 100.0009, equal: true },
    { name: 'unequal just beyond rtol', e: 100, a: 100.0011, equal: false },
    { name: 'equal within atol near zero', e: 0, a: 5e-9, equal: true },
    { name: 'unequal beyond atol near zero', e: 0, a: 1e-7, equal: false },
    { name: 'scaled by the expected value, not the output', e: 1e-3, a: 2e-3, equal: false },
    { name: 'NaN equals NaN', e: 'NaN', a: 'NaN', equal: true },
    { name: 'NaN does not equal a number', e: 'NaN', a: 1, equal: false },
    { name: 'a number does not equal NaN', e: 1, a: 'NaN', equal: false },
    { name: 'Infinity equals Infinity', e: 'Infinity', a: 'Infinity', equal: true },
    { name: '-Infinity equals -Infinity', e: '-Infinity', a: '-Infinity', equal: true },
    { name: 'Infinity does not equal -Infinity', e: 'Infinity', a: '-Infinity', equal: false },
    { name: 'Infinity does not equal the largest double', e: 'Infinity', a: Number.MAX_VALUE, equal: false },
    { name: '-0 equals 0', e: 0, a: -0, equal: true },
    { name: 'null equals null', e: null, a: null, equal: true },
    { name: 'null does not equal 0', e: null, a: 0, equal: false },
    { name: '0 does not equal null', e: 0, a: null, equal: false },
  ])('floats: $name', ({ e, a, equal }) => {
    expect(floats(e, a)).toBe(equal);
  });

  it.each([
    { name: 'a looser rtol accepts a wider difference', options: { rtol: 1e-2 }, e: 100, a: 100.9, equal: true },
    { name: 'a tighter atol rejects a tiny difference at zero', options: { atol: 0 }, e: 0, a: 1e-12, equal: false },
  ])('floats: $name', ({ options, e, a, equal }) => {
    expect(floats(e, a, options)).toBe(equal);
  });

  it.each([
    { name: 'strings: null equals null', type: 'string', e: null, a: null, equal: true },
    { name: 'strings: null does not equal the empty string', type: 'string', e: null, a: '', equal: false },
    { name: 'strings: compared exactly, case included', type: 'string', e: 'a', a: 'A', equal: false },
    { name: 'integers: beyond 2^53, compared exactly', type: 'long', e: '9007199254740993', a: '9007199254740992', equal: false },
    { name: 'integers: a number equals its decimal-string form', type: 'long', e: 42, a: '42', equal: true },
    { name: 'integers: null does not equal 0', type: 'long', e: null, a: 0, equal: false },
    {
      name: 'timestamps: equal instants in different notation',
      type: 'timestamp',
      e: '2024-03-01T10:00:00Z',
      a: '2024-03-01 10:00:00.000000',
      equal: true,
    },
    {
      name: 'timestamps: one microsecond apart',
      type: 'timestamp',
      e: '2024-03-01T10:00:00Z',
      a: '2024-03-01T10:00:00.000001Z',
      equal: false,
    },
    { name: 'booleans: null does not equal false', type: 'boolean', e: false, a: null, equal: false },
    { name: 'dates: compared exactly', type: 'date', e: '2024-03-01', a: '2024-03-02', equal: false },
  ])('$name', ({ type, e, a, equal }) => {
    expect(compare(table(`k string, v ${type}`, [['x', e]]), table(`k string, v ${type}`, [['x', a]])).equal).toBe(equal);
  });
});
