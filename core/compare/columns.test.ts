// Columns: matched by name in any order, each problem named, rows not compared when one is wrong.
import { describe, expect, it } from 'vitest';
import { compare, table } from './test-tables.js';

describe('compareTables: columns', () => {
  it.each([
    {
      name: 'accepts the expected columns in another order',
      expected: table('a string, b long', [['x', 1]]),
      actual: table('b bigint, a string', [[1, 'x']]),
      problems: [],
    },
    {
      name: 'names a missing column',
      expected: table('user_id string, converted boolean', [['u1', true]]),
      actual: table('user_id string', [['u1']]),
      problems: ['missing column `converted`'],
    },
    {
      name: 'names an unexpected column',
      expected: table('user_id string', [['u1']]),
      actual: table('user_id string, session_id string', [['u1', 's']]),
      problems: ['unexpected column `session_id`'],
    },
    {
      name: 'names every missing and every unexpected column',
      expected: table('a string, b long, c double', [['x', 1, 1.5]]),
      actual: table('a string, d bigint, e double', [['x', 1, 1.5]]),
      problems: ['missing column `b`', 'missing column `c`', 'unexpected column `d`', 'unexpected column `e`'],
    },
    {
      name: 'matches names case-sensitively and points at the look-alike',
      expected: table('userId string', [['u1']]),
      actual: table('userid string', [['u1']]),
      problems: ['missing column `userId` (the output has `userid`; names are case-sensitive)', 'unexpected column `userid`'],
    },
    {
      name: 'names a column whose type family differs, with both types',
      expected: table('user_id string, ts timestamp', [['u1', '2024-03-01T10:00:00Z']]),
      actual: table('user_id string, ts string', [['u1', '2024-03-01 10:00:00']]),
      problems: ['column `ts` has type string, expected timestamp'],
    },
    {
      name: 'rejects a double where an integral type is expected',
      expected: table('k string, n int', [['x', 1]]),
      actual: table('k string, n double', [['x', 1]]),
      problems: ['column `n` has type double, expected int'],
    },
    {
      name: 'rejects a decimal where a double is expected',
      expected: table('k string, avg double', [['x', 1.5]]),
      actual: table('k string, avg decimal(10,2)', [['x', '1.50']]),
      problems: ['column `avg` has type decimal(10,2), expected double'],
    },
    {
      name: 'names a column the output has twice',
      expected: table('k string, n long', [['x', 1]]),
      actual: table('k string, n bigint, n bigint', [['x', 1, 1]]),
      problems: ['column `n` appears 2 times in the output'],
    },
    {
      name: 'accepts any integral type for any other (bigint, int, smallint, tinyint for long, int, short, byte)',
      expected: table('k string, a long, b int, c short, d byte', [['x', 1, 2, 3, 4]]),
      actual: table('k string, a int, b bigint, c tinyint, d smallint', [['x', 1, 2, 3, 4]]),
      problems: [],
    },
    {
      name: 'accepts float for double and double for float',
      expected: table('k string, a double, b float', [['x', 0.1, 0.2]]),
      actual: table('k string, a float, b double', [['x', 0.10000000149011612, 0.2]]),
      problems: [],
    },
    {
      name: 'accepts timestamp_ntz for timestamp and varchar for string',
      expected: table('k string, t timestamp', [['x', '2024-03-01T10:00:00Z']]),
      actual: table('k varchar(10), t timestamp_ntz', [['x', '2024-03-01T10:00:00Z']]),
      problems: [],
    },
  ])('$name', ({ expected, actual, problems }) => {
    const result = compare(expected, actual);
    expect(result.diff.columnProblems).toEqual(problems);
    expect(result.equal).toBe(problems.length === 0);
    for (const problem of problems) expect(result.message).toContain(problem);
  });

  it('does not compare rows when a column is wrong, but still counts them', () => {
    const result = compare(
      table('k string, n long', [
        ['a', 1],
        ['b', 2],
        ['c', 3],
      ]),
      table('k string, m bigint', [['z', 9]]),
    );
    expect(result.equal).toBe(false);
    expect(result.diff).toMatchObject({
      missing: [],
      unexpected: [],
      changed: [],
      counts: { expectedRows: 3, actualRows: 1, missing: 0, unexpected: 0, changed: 0 },
    });
    expect(result.message).toContain('rows were not compared');
    expect(result.message).toContain('expected columns: k string, n long');
    expect(result.message).toContain('output columns: k string, m bigint');
  });
});
