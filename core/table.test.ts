import { describe, expect, it } from 'vitest';
import { decodeCell, formatTimestampMicros, parseTimestampMicros } from './table.js';

describe('timestamps', () => {
  it.each([
    ['2024-03-01T10:00:00Z', 1709287200000000n],
    ['2024-03-01T10:00:00.5Z', 1709287200500000n],
    ['2024-03-01 10:00:00', 1709287200000000n],
    ['1970-01-01T00:00:00Z', 0n],
    ['1969-12-31T23:59:59.999999Z', -1n],
  ])('parses %s', (text, micros) => {
    expect(parseTimestampMicros(text)).toBe(micros);
  });

  it.each(['2024-02-31T00:00:00Z', '2024-13-01T00:00:00Z', '2024-03-01T25:00:00Z', 'yesterday', '2024-03-01T10:00:00+02:00'])(
    'rejects %s',
    (text) => {
      expect(() => parseTimestampMicros(text)).toThrow();
    },
  );

  it.each([
    [0n, '1970-01-01 00:00:00'],
    [1709287200000000n, '2024-03-01 10:00:00'],
    [1709287200000123n, '2024-03-01 10:00:00.000123'],
    [-1n, '1969-12-31 23:59:59.999999'],
    [-1_000_001n, '1969-12-31 23:59:58.999999'],
  ])('formats %s as %s', (micros, text) => {
    expect(formatTimestampMicros(micros)).toBe(text);
  });

  it('round-trips year 0050', () => {
    expect(formatTimestampMicros(parseTimestampMicros('0050-06-01T00:00:00Z'))).toBe('0050-06-01 00:00:00');
  });
});

describe('decodeCell', () => {
  it.each([
    [5, 'bigint', { kind: 'int', value: 5n }],
    ['9007199254740993', 'long', { kind: 'int', value: 9007199254740993n }],
    ['NaN', 'double', { kind: 'float', value: Number.NaN }],
    ['1.500', 'decimal(10,3)', { kind: 'decimal', value: '1.5' }],
    [null, 'string', { kind: 'null' }],
    ['2024-03-01', 'date', { kind: 'date', value: '2024-03-01' }],
  ] as const)('decodes %j as %s', (cell, type, value) => {
    expect(decodeCell(cell, type)).toEqual(value);
  });

  it.each([
    ['x', 'bigint'],
    [1.5, 'int'],
    [1, 'string'],
    ['2024-13-45', 'date'],
    ['true', 'boolean'],
  ] as const)('refuses %j as %s', (cell, type) => {
    expect(() => decodeCell(cell, type)).toThrow();
  });
});
