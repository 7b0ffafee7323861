// Decoding: an output cell that does not decode is the candidate's wrong answer; expected rows
// that do not decode are a challenge fault.
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../table.js';
import { compare, table } from './test-tables.js';

describe('compareTables: decoding', () => {
  it.each([
    { name: 'an integer column holding text', type: 'bigint', cell: 'abc', column: 'n' },
    { name: 'an integer column holding a fraction', type: 'bigint', cell: 1.5, column: 'n' },
    { name: 'a timestamp column holding a non-timestamp', type: 'timestamp', cell: 'yesterday', column: 'n' },
    { name: 'a double column holding a word', type: 'double', cell: 'lots', column: 'n' },
    { name: 'a boolean column holding a number', type: 'boolean', cell: 1, column: 'n' },
  ])('reports a cell that does not decode in $name as a wrong answer naming the column', ({ type, cell, column }) => {
    const expectedType = type === 'bigint' ? 'long' : type;
    const good: JsonValue = type === 'timestamp' ? '2024-03-01T10:00:00Z' : type === 'boolean' ? true : 1;
    const result = compare(
      table(`k string, ${column} ${expectedType}`, [
        ['a', good],
        ['b', good],
      ]),
      table(`k string, ${column} ${type}`, [
        ['a', good],
        ['b', cell],
      ]),
    );
    expect(result.equal).toBe(false);
    expect(result.diff.columnProblems).toHaveLength(1);
    expect(result.diff.columnProblems[0]).toContain(`column \`${column}\` (${type}): output row 2 cannot be read`);
    expect(result.message).toContain(`column \`${column}\``);
  });

  it('reports an output row with the wrong number of cells instead of throwing', () => {
    const result = compare(table('k string, n long', [['a', 1]]), table('k string, n bigint', [['a']]));
    expect(result.equal).toBe(false);
    expect(result.diff.columnProblems).toEqual(['output row 1 has 1 cells for 2 columns']);
  });

  it("throws when the expected rows themselves do not decode (a challenge fault, not the candidate's)", () => {
    expect(() => compare(table('k string, n long', [['a', 'x']]), table('k string, n bigint', [['a', 1]]))).toThrow(/expected row 1/);
  });
});
