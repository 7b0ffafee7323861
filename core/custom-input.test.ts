import { describe, expect, it } from 'vitest';
import { ChallengeSpecSchema } from './challenge.js';
import { CUSTOM_INPUT_MAX_FILE_BYTES, CustomInputSchema, customCaseFiles, customInputProblems, displayTable } from './custom-input.js';

const spec = ChallengeSpecSchema.parse({
  id: 'velocity',
  title: 'Velocity',
  difficulty: 'easy',
  summary: 'x',
  inputs: [
    {
      name: 'txns',
      kind: 'stream',
      columns: [
        { name: 'card', type: 'string', nullable: false },
        { name: 'cents', type: 'int' },
        { name: 'at', type: 'timestamp' },
      ],
    },
    { name: 'report', kind: 'file', extension: 'csv' },
  ],
  output: { columns: [{ name: 'card', type: 'string' }], key: ['card'] },
  timing: { budgetRatio: 4 },
  customInput: true,
});

const row = { micro_batch: 0, card: 'c1', cents: 120, at: '2024-03-01T10:00:00Z' };

describe('custom input', () => {
  it('accepts rows of the declared types and writes them as case files', () => {
    const input = CustomInputSchema.parse({
      inputs: { txns: { rows: [row, { ...row, micro_batch: 1, at: '2024-03-01 10:00:01.5' }] }, report: { text: 'a,b\n' } },
    });
    expect(customInputProblems(spec, input)).toEqual([]);
    const files = customCaseFiles(spec, input);
    expect(files.get('report')).toEqual({ file: 'report.csv', content: 'a,b\n' });
    expect(files.get('txns')!.file).toBe('txns.jsonl');
    expect(files.get('txns')!.content.split('\n')[0]).toBe('{"micro_batch":0,"card":"c1","cents":120,"at":"2024-03-01T10:00:00Z"}');
  });

  it('names the input, row and column of every bad cell', () => {
    const input = CustomInputSchema.parse({
      inputs: {
        txns: {
          rows: [
            { ...row, cents: 2 ** 31 },
            { ...row, at: 'yesterday' },
            { ...row, micro_batch: 20 },
            { ...row, extra: 1 },
          ],
        },
        report: { rows: [] },
      },
    });
    expect(customInputProblems(spec, input)).toEqual([
      'txns row 1, column cents: out of range for int: 2147483648',
      'txns row 2, column at: not a timestamp such as 2024-03-01T10:00:00Z: "yesterday"',
      'txns row 3, column micro_batch: a whole number from 0 to 19, not 20',
      'txns row 4: unknown column extra',
      'input report is a file: send its text',
    ]);
  });

  it('lists five problems and counts the rest', () => {
    const rows = Array.from({ length: 8 }, () => ({ ...row, card: null }));
    const problems = customInputProblems(spec, CustomInputSchema.parse({ inputs: { txns: { rows }, report: { text: '' } } }));
    expect(problems).toHaveLength(6);
    expect(problems.at(-1)).toBe('and 3 more');
  });

  it('caps rows, cells and file bytes in the schema, naming the limit', () => {
    const many = CustomInputSchema.safeParse({ inputs: { txns: { rows: Array(201).fill(row) } } });
    expect(many.success || many.error.issues[0]!.message).toBe('at most 200 rows per input (the custom input row limit)');
    const wide = CustomInputSchema.safeParse({ inputs: { report: { text: 'é'.repeat(CUSTOM_INPUT_MAX_FILE_BYTES / 2 + 1) } } });
    expect(wide.success).toBe(true);
    expect(customInputProblems(spec, wide.data!)).toContain(`input report: at most ${CUSTOM_INPUT_MAX_FILE_BYTES} bytes per file input`);
    expect(CustomInputSchema.safeParse({ inputs: { txns: { rows: [{ card: { nested: 1 } }] } } }).success).toBe(false);
  });

  it('shows a table as readable cells', () => {
    const shown = displayTable({
      columns: [
        { name: 'card', type: 'string', nullable: false },
        { name: 'at', type: 'timestamp', nullable: true },
      ],
      rows: [
        ['c1', '2024-03-01T10:00:00Z'],
        ['c2', null],
      ],
    });
    expect(shown).toEqual({
      columns: ['card', 'at'],
      rows: [
        { card: '"c1"', at: '2024-03-01 10:00:00' },
        { card: '"c2"', at: 'null' },
      ],
      total: 2,
    });
  });
});
