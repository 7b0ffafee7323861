// The keyed diff: changed rows by key with only the differing columns, missing and unexpected
// rows, grouping under the first key column, and the listing caps.
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../table.js';
import { compare, table } from './test-tables.js';

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
    expect(result.message).toBe(
      [
        '2 of 5 expected rows not matched (1 changed, 1 missing, 1 unexpected).',
        'user_id="u7", session_start=2024-03-01 10:00:00: expected session_end=2024-03-01 10:45:00, event_count=4; got session_end=2024-03-01 10:29:00, event_count=3',
        'missing: user_id="u7", session_start=2024-03-01 11:00:00 (session_end=2024-03-01 11:20:00, event_count=2)',
        'unexpected: user_id="u9", session_start=2024-03-01 08:00:00 (session_end=2024-03-01 08:01:00, event_count=1)',
      ].join('\n'),
    );
    expect(result.diff).toEqual({
      columnProblems: [],
      changed: [
        {
          key: { user_id: '"u7"', session_start: '2024-03-01 10:00:00' },
          expected: { session_end: '2024-03-01 10:45:00', event_count: '4' },
          actual: { session_end: '2024-03-01 10:29:00', event_count: '3' },
          columns: ['session_end', 'event_count'],
        },
      ],
      missing: [{ user_id: '"u7"', session_start: '2024-03-01 11:00:00', session_end: '2024-03-01 11:20:00', event_count: '2' }],
      unexpected: [{ user_id: '"u9"', session_start: '2024-03-01 08:00:00', session_end: '2024-03-01 08:01:00', event_count: '1' }],
      counts: { expectedRows: 5, actualRows: 5, missing: 1, unexpected: 1, changed: 1 },
    });
  });

  it('lists an extra copy of an expected row as unexpected', () => {
    const result = compare(expected, table(SPARK_SESSION_TYPES, [...sessions, sessions[2]!]), SESSION_KEY);
    expect(result.diff.counts).toMatchObject({ missing: 0, changed: 0, unexpected: 1 });
    expect(result.message).toBe(
      [
        'all 5 expected rows matched, but the output has 1 unexpected row.',
        'unexpected: user_id="u2", session_start=2024-03-01 09:30:00 (session_end=2024-03-01 09:31:00, event_count=1)',
      ].join('\n'),
    );
  });

  it("groups three or more lines under the first key column's value", () => {
    const actual = table(SPARK_SESSION_TYPES, [
      ['u1', '2024-03-01T09:00:00Z', '2024-03-01T09:10:00Z', 9],
      ['u1', '2024-03-01T12:00:00Z', '2024-03-01T12:05:00Z', 9],
      ['u1', '2024-03-01T13:00:00Z', '2024-03-01T13:05:00Z', 1],
      ...sessions.slice(2),
    ]);
    expect(compare(expected, actual, SESSION_KEY).message).toBe(
      [
        '2 of 5 expected rows not matched (2 changed, 1 unexpected).',
        'user_id="u1":',
        '  session_start=2024-03-01 09:00:00: expected event_count=3; got event_count=9',
        '  session_start=2024-03-01 12:00:00: expected event_count=2; got event_count=9',
        '  unexpected: session_start=2024-03-01 13:00:00 (session_end=2024-03-01 13:05:00, event_count=1)',
      ].join('\n'),
    );
  });

  it('lists at most maxListed rows of each kind and counts the rest', () => {
    const many = Array.from({ length: 15 }, (_, i): JsonValue[] => [`u${String(i).padStart(2, '0')}`, i]);
    const result = compare(table('user_id string, n long', many), table('user_id string, n bigint', []), {
      key: ['user_id'],
      maxListed: 10,
    });
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
      table(
        'user_id string, n bigint',
        Array.from({ length: n }, (_, i) => actual(i)),
      ),
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
    const result = compare(table('user_id string, n long, x double', expectedRows), table('user_id string, n bigint, x double', actual), {
      key: ['user_id'],
    });
    expect(result.equal).toBe(false);
    expect(result.diff.counts.missing).toBe(150_000);
    expect(result.diff.counts.unexpected).toBe(actual.length);
    expect(result.diff.missing).toHaveLength(10);
    expect(result.message.split('\n').length).toBeLessThan(30);
  });
});
