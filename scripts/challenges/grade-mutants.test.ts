import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadChallenge, type Challenge } from '../../core/load-challenge.js';
import type { Verdict } from '../../core/verdict.js';
import { handWrittenOnly, mutantCases, mutantOutcome } from './grade-mutants.js';
import { scaffoldChallenge } from './scaffold-challenge.js';

let root: string;
let challenge: Challenge;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'grade-mutants-'));
  await scaffoldChallenge(root, 'late-orders');
  challenge = await loadChallenge(path.join(root, 'late-orders'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const graded = (verdicts: Record<string, Verdict>) => ({ cases: Object.entries(verdicts).map(([name, verdict]) => ({ name, verdict })) });

describe('the cases mutants are graded on', () => {
  it('are the hidden hand-written ones, never a generated one', () => {
    expect(mutantCases(challenge)).toEqual(['all-null']);
    expect(handWrittenOnly(challenge).cases.map((c) => c.name)).toEqual(['example', 'all-null']);
  });
});

describe('mutantOutcome', () => {
  it.each([
    {
      what: 'a wrong answer on a hidden case kills it',
      verdicts: { example: 'accepted', a: 'wrong_answer', b: 'accepted' },
      killedBy: { a: 'wrong_answer' },
    },
    {
      what: 'an error on every case names each hidden one',
      verdicts: { example: 'runtime_error', a: 'runtime_error', b: 'runtime_error' },
      killedBy: { a: 'runtime_error', b: 'runtime_error' },
    },
    { what: 'a public case alone does not kill it', verdicts: { example: 'wrong_answer', a: 'accepted', b: 'accepted' }, killedBy: {} },
  ] as { what: string; verdicts: Record<string, Verdict>; killedBy: Record<string, Verdict> }[])('$what', ({ verdicts, killedBy }) => {
    expect(mutantOutcome(graded(verdicts), ['a', 'b'])).toEqual({
      outcome: Object.keys(killedBy).length > 0 ? 'killed' : 'survivor',
      killedBy,
    });
  });
});
