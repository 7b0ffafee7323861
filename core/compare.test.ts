// Output comparison: every contract rule as a table of cases, plus properties over generated
// tables (permutations, single-cell changes, removed rows, float perturbations) and a 200k-row run.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareTables, type CompareOptions, type CompareResult } from './compare.js';
import { RowDiffSchema } from './grade-result.js';
import type { JsonValue, Table } from './table.js';

/** `table('user_id string, amount decimal(10,2)', rows)`: columns from a spec, commas inside types allowed. */
function table(spec: string, rows: JsonValue[][]): Table {
  const columns = spec.split(/,\s*(?![^()<>]*[)>])/).map((part) => {
    const [name = '', type = ''] = part.trim().split(/\s+/);
    return { name, type, nullable: true };
  });
  return { columns, rows };
}

/** compareTables, also checking that the diff is exactly the RowDiff wire format. */
function compare(expected: Table, actual: Table, options: Partial<CompareOptions> = {}): CompareResult {
  const result = compareTables(expected, actual, { ordered: false, key: [expected.columns[0]!.name], ...options });
  expect(RowDiffSchema.strict().parse(result.diff)).toEqual(result.diff);
  return result;
}

const SESSION_TYPES = 'user_id string, session_start timestamp, session_end timestamp, event_count long';
const SPARK_SESSION_TYPES = 'user_id string, session_start timestamp, session_end timestamp, event_count bigint';
const SESSION_KEY = { key: ['user_id', 'session_start'] };
const sessions: JsonValue[][] = [
  ['u1', '2024-03-01T09:00:00Z', '2024-03-01T09:10:00Z', 3],
  ['u1', '2024-03-01T12:00:00Z', '2024-03-01T12:05:00Z', 2],
  ['u2', '2024-03-01T09:30:00Z', '2024-03-01T09:31:00Z', 1],
  ['u7', '2024-03-01T10:00:00Z', '2024-03-01T10:45:00Z', 4],
  ['u7', '2024-03-01T11:00:00Z', '2024-03-01T11:20:00Z', 2],
];

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
      table('k string, n long', [['a', 1], ['b', 2], ['c', 3]]),
      table('k string, m bigint', [['z', 9]]),
    );
    expect(result.equal).toBe(false);
    expect(result.diff).toMatchObject({
      missing: [], unexpected: [], changed: [],
      counts: { expectedRows: 3, actualRows: 1, missing: 0, unexpected: 0, changed: 0 },
    });
    expect(result.message).toContain('rows were not compared');
    expect(result.message).toContain('expected columns: k string, n long');
    expect(result.message).toContain('output columns: k string, m bigint');
  });

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
      table(`k string, ${column} ${expectedType}`, [['a', good], ['b', good]]),
      table(`k string, ${column} ${type}`, [['a', good], ['b', cell]]),
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

  it('throws when a key column is not an expected column (a challenge fault)', () => {
    expect(() => compare(table('k string', [['a']]), table('k string', [['a']]), { key: ['nope'] })).toThrow(/key column nope/);
  });

  it('throws when the expected rows themselves do not decode (a challenge fault, not the candidate\'s)', () => {
    expect(() => compare(table('k string, n long', [['a', 'x']]), table('k string, n bigint', [['a', 1]]))).toThrow(/expected row 1/);
  });
});

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
    { name: 'timestamps: equal instants in different notation', type: 'timestamp', e: '2024-03-01T10:00:00Z', a: '2024-03-01 10:00:00.000000', equal: true },
    { name: 'timestamps: one microsecond apart', type: 'timestamp', e: '2024-03-01T10:00:00Z', a: '2024-03-01T10:00:00.000001Z', equal: false },
    { name: 'booleans: null does not equal false', type: 'boolean', e: false, a: null, equal: false },
    { name: 'dates: compared exactly', type: 'date', e: '2024-03-01', a: '2024-03-02', equal: false },
  ])('$name', ({ type, e, a, equal }) => {
    expect(compare(table(`k string, v ${type}`, [['x', e]]), table(`k string, v ${type}`, [['x', a]])).equal).toBe(equal);
  });
});

describe('compareTables: rows', () => {
  const kv = (rows: JsonValue[][]) => table('k string, v long', rows);

  it.each([
    { name: 'ignores row order unless ordered', e: [['a', 1], ['b', 2]], a: [['b', 2], ['a', 1]], ordered: false, equal: true },
    { name: 'accepts the same order when ordered', e: [['a', 1], ['b', 2]], a: [['a', 1], ['b', 2]], ordered: true, equal: true },
    { name: 'rejects another order when ordered', e: [['a', 1], ['b', 2]], a: [['b', 2], ['a', 1]], ordered: true, equal: false },
    { name: 'counts duplicates on both sides', e: [['a', 1], ['a', 1], ['b', 2]], a: [['a', 1], ['b', 2], ['a', 1]], ordered: false, equal: true },
    { name: 'rejects an extra copy of an expected row', e: [['a', 1]], a: [['a', 1], ['a', 1]], ordered: false, equal: false },
    { name: 'rejects a missing copy of a duplicated row', e: [['a', 1], ['a', 1]], a: [['a', 1]], ordered: false, equal: false },
    { name: 'accepts two empty tables', e: [], a: [], ordered: false, equal: true },
    { name: 'accepts two empty tables when ordered', e: [], a: [], ordered: true, equal: true },
  ])('$name', ({ e, a, ordered, equal }) => {
    expect(compare(kv(e), kv(a), { ordered }).equal).toBe(equal);
  });

  it.each([
    {
      name: 'says the rows are right but the order is wrong, and where',
      e: [['a', 1], ['b', 2], ['c', 3], ['d', 4]],
      a: [['a', 1], ['b', 2], ['d', 4], ['c', 3]],
      message: 'rows match but not in the required order: first difference at row 3\nrow 3: expected k="c", v=3; got k="d", v=4',
    },
    {
      name: 'says where the first difference is and gives the keyed diff when rows differ',
      e: [['a', 1], ['b', 2], ['c', 3]],
      a: [['a', 1], ['b', 2], ['c', 4]],
      message: 'rows must be in the required order; first difference at row 3.\n1 of 3 expected rows not matched (1 changed).\nk="c": expected v=3; got v=4',
    },
    {
      name: 'points past the end of a short output',
      e: [['a', 1], ['b', 2]],
      a: [['a', 1]],
      message: 'rows must be in the required order; first difference at row 2.\n1 of 2 expected rows not matched (1 missing).\nmissing: k="b" (v=2)',
    },
  ])('ordered: $name', ({ e, a, message }) => {
    const result = compare(kv(e), kv(a), { ordered: true });
    expect(result.equal).toBe(false);
    expect(result.message).toBe(message);
  });

  it('says an equal output matches, with its row count', () => {
    expect(compare(kv([['a', 1], ['b', 2]]), kv([['b', 2], ['a', 1]])).message).toBe('output matches (2 rows)');
  });

  it('matches float rows whose values within tolerance sort in another order', () => {
    // Sorting puts (1, 2) first on one side and (1+1e-9, 1) first on the other; both must still pair.
    const expected = table('x double, y double', [[1, 2], [1 + 1e-9, 1]]);
    const actual = table('x double, y double', [[1 + 1e-9, 2], [1, 1]]);
    expect(compare(expected, actual, { key: ['x'] }).equal).toBe(true);
  });

  it('finds the matching a first-come pairing misses when one output row is close to two expected rows', () => {
    // Sorted merge pairs e0 with the shared row, which is e1's only match; e0 also fits the other row.
    const expected = table('x double, y double', [[1, 1], [1.000015, 0.99999]]);
    const actual = table('x double, y double', [[1.000009, 1.000009], [1.000005, 0.999995]]);
    expect(compare(expected, actual, { key: ['x'] }).equal).toBe(true);
  });

  it('matches large all-float groups whose values reorder within tolerance', () => {
    const n = 5000;
    const rows = Array.from({ length: n }, (_, i): JsonValue[] => [Math.floor(i / 2), i % 7]);
    const expected = table('x double, y double', rows);
    // Every other row nudged below its neighbour within tolerance: the sorted orders interleave differently.
    const actual = table('x double, y double', rows.map(([x, y], i) => [(x as number) + (i % 2 ? -1e-9 : 1e-9), y!]).reverse());
    expect(compare(expected, actual, { key: ['x'] }).equal).toBe(true);
  });
});

describe('compareTables: keyed diff', () => {
  const expected = table(SESSION_TYPES, sessions);

  it('lists changed rows by key with only the differing columns, then missing and unexpected rows', () => {
    const actual = table(SPARK_SESSION_TYPES, [
      ...sessions.slice(0, 3),
      ['u7', '2024-03-01T10:00:00Z', '2024-03-01T10:29:00Z', 3],
      ['u9', '2024-03-01T08:00:00Z', '2024-03-01T08:01:00Z', 1],
    ]);
    const result = compare(expected, actual, SESSION_KEY);
    expect(result.equal).toBe(false);
    expect(result.message).toBe([
      '2 of 5 expected rows not matched (1 changed, 1 missing, 1 unexpected).',
      'user_id="u7", session_start=2024-03-01 10:00:00: expected session_end=2024-03-01 10:45:00, event_count=4; got session_end=2024-03-01 10:29:00, event_count=3',
      'missing: user_id="u7", session_start=2024-03-01 11:00:00 (session_end=2024-03-01 11:20:00, event_count=2)',
      'unexpected: user_id="u9", session_start=2024-03-01 08:00:00 (session_end=2024-03-01 08:01:00, event_count=1)',
    ].join('\n'));
    expect(result.diff).toEqual({
      columnProblems: [],
      changed: [{
        key: { user_id: '"u7"', session_start: '2024-03-01 10:00:00' },
        expected: { session_end: '2024-03-01 10:45:00', event_count: '4' },
        actual: { session_end: '2024-03-01 10:29:00', event_count: '3' },
        columns: ['session_end', 'event_count'],
      }],
      missing: [{ user_id: '"u7"', session_start: '2024-03-01 11:00:00', session_end: '2024-03-01 11:20:00', event_count: '2' }],
      unexpected: [{ user_id: '"u9"', session_start: '2024-03-01 08:00:00', session_end: '2024-03-01 08:01:00', event_count: '1' }],
      counts: { expectedRows: 5, actualRows: 5, missing: 1, unexpected: 1, changed: 1 },
    });
  });

  it('lists an extra copy of an expected row as unexpected', () => {
    const result = compare(expected, table(SPARK_SESSION_TYPES, [...sessions, sessions[2]!]), SESSION_KEY);
    expect(result.diff.counts).toMatchObject({ missing: 0, changed: 0, unexpected: 1 });
    expect(result.message).toBe([
      'all 5 expected rows matched, but the output has 1 unexpected row.',
      'unexpected: user_id="u2", session_start=2024-03-01 09:30:00 (session_end=2024-03-01 09:31:00, event_count=1)',
    ].join('\n'));
  });

  it('groups three or more lines under the first key column\'s value', () => {
    const actual = table(SPARK_SESSION_TYPES, [
      ['u1', '2024-03-01T09:00:00Z', '2024-03-01T09:10:00Z', 9],
      ['u1', '2024-03-01T12:00:00Z', '2024-03-01T12:05:00Z', 9],
      ['u1', '2024-03-01T13:00:00Z', '2024-03-01T13:05:00Z', 1],
      ...sessions.slice(2),
    ]);
    expect(compare(expected, actual, SESSION_KEY).message).toBe([
      '2 of 5 expected rows not matched (2 changed, 1 unexpected).',
      'user_id="u1":',
      '  session_start=2024-03-01 09:00:00: expected event_count=3; got event_count=9',
      '  session_start=2024-03-01 12:00:00: expected event_count=2; got event_count=9',
      '  unexpected: session_start=2024-03-01 13:00:00 (session_end=2024-03-01 13:05:00, event_count=1)',
    ].join('\n'));
  });

  it('lists at most maxListed rows of each kind and counts the rest', () => {
    const many = Array.from({ length: 15 }, (_, i): JsonValue[] => [`u${String(i).padStart(2, '0')}`, i]);
    const result = compare(table('user_id string, n long', many), table('user_id string, n bigint', []), { key: ['user_id'], maxListed: 10 });
    expect(result.diff.missing).toHaveLength(10);
    expect(result.diff.missing[0]).toEqual({ user_id: '"u00"', n: '0' });
    expect(result.diff.counts).toMatchObject({ expectedRows: 15, actualRows: 0, missing: 15 });
    const lines = result.message.split('\n');
    expect(lines.slice(0, 2)).toEqual(['15 of 15 expected rows not matched (15 missing).', 'the output has no rows.']);
    expect(lines.filter((l) => l.startsWith('missing: '))).toHaveLength(10);
    expect(lines.at(-1)).toBe('... and 5 more missing rows');
  });

  it.each([
    { kind: 'changed', actual: (i: number): JsonValue[] => [`u${i}`, i + 100], more: '... and 2 more changed rows' },
    { kind: 'unexpected', actual: (i: number): JsonValue[] => [`v${i}`, i], more: '... and 2 more unexpected rows' },
  ])('truncates $kind rows at maxListed', ({ kind, actual, more }) => {
    const n = 5;
    const expectedRows = kind === 'changed' ? Array.from({ length: n }, (_, i): JsonValue[] => [`u${i}`, i]) : [];
    const result = compare(
      table('user_id string, n long', expectedRows),
      table('user_id string, n bigint', Array.from({ length: n }, (_, i) => actual(i))),
      { key: ['user_id'], maxListed: 3 },
    );
    expect(result.diff[kind as 'changed' | 'unexpected']).toHaveLength(3);
    expect(result.diff.counts[kind as 'changed' | 'unexpected']).toBe(n);
    expect(result.message.split('\n').at(-1)).toBe(more);
  });

  it('says when no rows were expected', () => {
    expect(compare(table('k string', []), table('k string', [['a']])).message).toBe('expected no rows, got 1 row.\nunexpected: k="a"');
  });

  it('pairs nothing without key columns, listing every difference as missing or unexpected', () => {
    const result = compare(table('k string, v long', [['a', 1]]), table('k string, v bigint', [['a', 2]]), { key: [] });
    expect(result.diff.counts).toMatchObject({ changed: 0, missing: 1, unexpected: 1 });
    expect(result.message).toBe('1 of 1 expected row not matched (1 missing, 1 unexpected).\nmissing: k="a", v=1\nunexpected: k="a", v=2');
  });

  it('cuts very long values in the message', () => {
    const long = 'x'.repeat(1000);
    const result = compare(table('k string, v string', [['a', long]]), table('k string, v string', [['a', 'y']]));
    expect(result.message.length).toBeLessThan(400);
    expect(result.diff.changed[0]!.expected.v).toContain('(1002 characters)');
  });

  it.each([
    { name: 'an empty output', actual: [] as JsonValue[][] },
    { name: 'a totally different output', actual: Array.from({ length: 150_000 }, (_, i): JsonValue[] => [`z${i}`, -i, i * 0.5]) },
  ])('lists at most maxListed rows of a 150k-row expected table against $name', ({ actual }) => {
    const expectedRows = Array.from({ length: 150_000 }, (_, i): JsonValue[] => [`u${i}`, i, i * 0.25]);
    const result = compare(table('user_id string, n long, x double', expectedRows), table('user_id string, n bigint, x double', actual), { key: ['user_id'] });
    expect(result.equal).toBe(false);
    expect(result.diff.counts.missing).toBe(150_000);
    expect(result.diff.counts.unexpected).toBe(actual.length);
    expect(result.diff.missing).toHaveLength(10);
    expect(result.message.split('\n').length).toBeLessThan(30);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const EXPECTED_TYPES = ['long', 'string', 'double', 'boolean', 'timestamp'];
const SPARK_TYPES = ['bigint', 'string', 'double', 'boolean', 'timestamp'];
const NAMES = ['id', 'name', 'amount', 'flag', 'ts'];
const BASE_SECONDS = Date.UTC(2024, 0, 1) / 1000;

const rowArb = fc.tuple(
  fc.integer({ min: 0, max: 100_000 }),
  fc.option(fc.string({ maxLength: 6 })),
  fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(null), fc.constant('NaN')),
  fc.boolean(),
  fc.integer({ min: 0, max: 86_400 * 365 }).map((s) => new Date((BASE_SECONDS + s) * 1000).toISOString()),
).map((cells): JsonValue[] => [...cells]);

const uniqueRows = fc.uniqueArray(rowArb, { selector: (row) => row[0], minLength: 1, maxLength: 40 });

const withTypes = (types: string[], rows: JsonValue[][], order = [0, 1, 2, 3, 4]): Table => ({
  columns: order.map((c) => ({ name: NAMES[c]!, type: types[c]!, nullable: true })),
  rows: rows.map((row) => order.map((c) => row[c]!)),
});
const expectedOf = (rows: JsonValue[][]) => withTypes(EXPECTED_TYPES, rows);
const actualOf = (rows: JsonValue[][], order?: number[]) => withTypes(SPARK_TYPES, rows, order);

/** A clearly different value for column `c`: outside any tolerance, and never another row's id. */
function changeCell(c: number, cell: JsonValue): JsonValue {
  switch (c) {
    case 0: return (cell as number) + 200_000;
    case 1: return cell === null ? 'changed' : `${cell as string}!`;
    case 2: return typeof cell === 'number' ? cell + 1000 + Math.abs(cell) : 1;
    case 3: return !(cell as boolean);
    default: return new Date(Date.parse(cell as string) + 3_600_000).toISOString();
  }
}

describe('compareTables: properties', () => {
  const options = { ordered: false, key: ['id'] };

  it('equals any row permutation of itself, duplicates included, with its columns in any order', () => {
    const rowsWithDuplicates = fc.array(rowArb, { maxLength: 30 }).chain((rows) =>
      fc.array(fc.constantFrom(...(rows.length ? rows : [[0, null, null, false, '2024-01-01T00:00:00.000Z']])), { maxLength: 5 })
        .map((extra) => (rows.length ? [...rows, ...extra] : rows)));
    fc.assert(fc.property(
      rowsWithDuplicates.chain((rows) => fc.tuple(
        fc.constant(rows),
        fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }),
        fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5, maxLength: 5 }),
      )),
      ([rows, shuffled, columnOrder]) => {
        expect(compare(expectedOf(rows), actualOf(shuffled, columnOrder), options).equal).toBe(true);
      },
    ));
  });

  it('rejects a table with any single cell changed and names that row\'s key in the diff', () => {
    fc.assert(fc.property(
      uniqueRows.chain((rows) => fc.tuple(fc.constant(rows), fc.nat(rows.length - 1), fc.nat(4))),
      ([rows, r, c]) => {
        const changedRows = rows.map((row, i) => (i === r ? row.map((cell, j) => (j === c ? changeCell(c, cell) : cell)) : row));
        const result = compare(expectedOf(rows), actualOf(changedRows), options);
        const id = String(rows[r]![0]);
        expect(result.equal).toBe(false);
        if (c === 0) {
          expect(result.diff.missing.map((row) => row.id)).toEqual([id]);
          expect(result.diff.counts).toMatchObject({ missing: 1, unexpected: 1, changed: 0 });
        } else {
          expect(result.diff.changed).toHaveLength(1);
          expect(result.diff.changed[0]).toMatchObject({ key: { id }, columns: [NAMES[c]] });
        }
        expect(result.message).toContain(`id=${id}`);
      },
    ));
  });

  it('reports exactly one missing row when a row is removed', () => {
    fc.assert(fc.property(
      uniqueRows.chain((rows) => fc.tuple(fc.constant(rows), fc.nat(rows.length - 1))),
      ([rows, r]) => {
        const result = compare(expectedOf(rows), actualOf(rows.filter((_, i) => i !== r)), options);
        expect(result.equal).toBe(false);
        expect(result.diff.counts).toMatchObject({ missing: 1, unexpected: 0, changed: 0 });
        expect(result.diff.missing[0]!.id).toBe(String(rows[r]![0]));
      },
    ));
  });

  it('stays equal when floats are perturbed within rtol/2', () => {
    const rtol = 1e-5;
    const factor = fc.double({ min: -rtol / 2, max: rtol / 2, noNaN: true }).map((d) => 1 + d);
    fc.assert(fc.property(
      uniqueRows.chain((rows) => fc.tuple(fc.constant(rows), fc.array(factor, { minLength: rows.length, maxLength: rows.length }))),
      ([rows, factors]) => {
        const perturbed = rows.map((row, i) => row.map((cell, c) => (c === 2 && typeof cell === 'number' ? cell * factors[i]! : cell)));
        expect(compare(expectedOf(rows), actualOf(perturbed.reverse()), options).equal).toBe(true);
      },
    ));
  });

  it('stays equal when an all-float table is perturbed within rtol/2 and shuffled', () => {
    const value = fc.constantFrom(0, 1, 1 + 4e-6, 1 - 4e-6, 2, 'NaN', null);
    const factor = fc.double({ min: -5e-6, max: 5e-6, noNaN: true }).map((d) => 1 + d);
    fc.assert(fc.property(
      fc.array(fc.tuple(value, value, factor, factor), { maxLength: 30 }).chain((rows) => fc.tuple(
        fc.constant(rows),
        fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }),
      )),
      ([rows, shuffled]) => {
        const scale = (v: JsonValue, f: number) => (typeof v === 'number' ? v * f : v);
        const expected = table('x double, y double', rows.map(([x, y]) => [x, y]));
        const actual = table('x double, y float', shuffled.map(([x, y, fx, fy]) => [scale(x, fx), scale(y, fy)]));
        expect(compare(expected, actual, { key: ['x'] }).equal).toBe(true);
      },
    ));
  });

  it('compares two equal 200k-row tables', () => {
    const n = 200_000;
    const rows = Array.from({ length: n }, (_, i): JsonValue[] => [
      `u${i % 5000}`, new Date(Date.UTC(2024, 2, 1) + i * 1000).toISOString(), i % 97, (i % 1000) / 7,
    ]);
    const shuffled = [...rows].reverse();
    const result = compare(
      table('user_id string, session_start timestamp, event_count long, score double', rows),
      table('session_start timestamp, user_id string, score double, event_count bigint', shuffled.map(([u, s, c, x]) => [s!, u!, x!, c!])),
      { key: ['user_id', 'session_start'] },
    );
    expect(result).toMatchObject({ equal: true, message: 'output matches (200000 rows)' });
  });
});
