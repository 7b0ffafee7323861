import { describe, expect, it } from 'vitest';
import { ChallengeSpecSchema, type ChallengeSpec } from '../../core/challenge.js';
import { unnamedColumns } from './statement-columns.js';

const spec: ChallengeSpec = ChallengeSpecSchema.parse({
  id: 'x',
  title: 'x',
  difficulty: 'easy',
  summary: 'x',
  timing: { budgetRatio: 2 },
  inputs: [
    {
      name: 'orders',
      kind: 'dataframe',
      columns: [
        { name: 'order_id', type: 'long' },
        { name: 'amount', type: 'double' },
      ],
    },
    { name: 'path', kind: 'file', extension: 'csv' },
  ],
  output: {
    columns: [
      { name: 'order_id', type: 'long' },
      { name: 'total', type: 'double' },
    ],
    key: ['order_id'],
  },
});

describe('unnamedColumns', () => {
  it.each([
    {
      what: 'inline code and table rows',
      statement: 'Write `solve(spark, orders, path)`.\n\n| `order_id` | long |\n| amount | double |\n\nOutput `total`.',
      missing: [],
    },
    {
      what: 'a name only in prose',
      statement: 'Write `solve(spark, orders, path)`: `order_id`, `total` and the amount.',
      missing: ['input orders column amount'],
    },
    {
      what: 'a name only as part of a longer identifier',
      statement: '`solve(spark, orders, path)` `order_id` `amount` `total_amount`',
      missing: ['output column total'],
    },
    {
      what: 'nothing',
      statement: '# A statement\n\nNo names here.',
      missing: [
        'input orders',
        'input orders column order_id',
        'input orders column amount',
        'input path',
        'output column order_id',
        'output column total',
      ],
    },
  ])('finds what is not named in $what', ({ statement, missing }) => {
    expect(unnamedColumns(spec, statement)).toEqual(missing);
  });
});
