import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadChallenge } from '../../core/load-challenge.js';
import { scaffoldChallenge } from './scaffold-challenge.js';
import { ruleCases, ruleMatrix } from './rule-matrix.js';
import { unnamedColumns } from './statement-columns.js';
import { parseStatementRules } from './statement-rules.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'scaffold-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('scaffoldChallenge', () => {
  it("writes a challenge that passes the check's schema, statement and rule steps", async () => {
    await scaffoldChallenge(root, 'late-orders');
    const challenge = await loadChallenge(path.join(root, 'late-orders'));
    expect(challenge.id).toBe('late-orders');
    expect(unnamedColumns(challenge.spec, challenge.statement)).toEqual([]);
    const rules = parseStatementRules(challenge.statement);
    expect(rules.problems).toEqual([]);
    expect(ruleMatrix(rules.rules, ruleCases(challenge)).problems).toEqual([]);
    expect(challenge.cases.map((c) => [c.name, c.hidden, c.spec.timed, Boolean(c.spec.generator)])).toEqual([
      ['example', false, false, false],
      ['all-null', true, false, false],
      ['scale', true, true, true],
    ]);
    expect(challenge.wrong.map((w) => w.header.expect)).toEqual(['wrong_answer']);
  });

  it.each(['Late-Orders', 'late_orders', '-late', 'late--orders', '../escape', ''])('refuses the id %j', async (id) => {
    await expect(scaffoldChallenge(root, id)).rejects.toThrow(/must be kebab-case/);
  });

  it('refuses to overwrite an existing folder and leaves it as it was', async () => {
    await scaffoldChallenge(root, 'taken');
    await writeFile(path.join(root, 'taken', 'statement.md'), 'mine');
    await expect(scaffoldChallenge(root, 'taken')).rejects.toThrow(/already exists; not overwriting it/);
    expect(await readFile(path.join(root, 'taken', 'statement.md'), 'utf8')).toBe('mine');
  });
});
