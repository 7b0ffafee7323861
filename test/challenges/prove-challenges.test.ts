// Every challenge in challenges/ proves itself in the real sandbox: the reference is accepted,
// every wrong/*.py gets exactly the verdict it declares, and the starter is not accepted.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadChallenge, loadChallenges } from '../../core/load-challenge.js';
import { REPO_ROOT } from '../../worker/sandbox-image.js';
import { testGrader, type TestGrader } from '../support/grader.js';

const CHALLENGES = path.join(REPO_ROOT, 'challenges');
// PROVE_CHALLENGES=id1,id2 proves only those (while authoring one); CI proves them all.
const only = process.env.PROVE_CHALLENGES?.split(',').filter(Boolean);
const challenges = only
  ? await Promise.all(only.map((id) => loadChallenge(path.join(CHALLENGES, id))))
  : await loadChallenges(CHALLENGES);
let grader: TestGrader;
beforeAll(async () => { grader = await testGrader(CHALLENGES); });

it('has challenges to prove', () => {
  expect(challenges.map((c) => c.id)).toContain('session-analysis');
});

for (const challenge of challenges) {
  describe.concurrent(challenge.id, () => {
    it('accepts the reference on every case, within the timing budget', async () => {
      const result = await grader.grade(challenge.id, challenge.reference);
      expect(result.cases.filter((c) => c.verdict !== 'accepted').map((c) => `${c.name}: ${c.message}`)).toEqual([]);
      expect(result.verdict).toBe('accepted');
      expect(result.timing?.withinBudget).toBe(true);
    });

    it('does not accept the starter', async () => {
      const result = await grader.grade(challenge.id, challenge.starter);
      expect(result.verdict).not.toBe('accepted');
    });

    for (const wrong of challenge.wrong) {
      it(`gives wrong/${wrong.name}.py the verdict it declares: ${wrong.header.expect}`, async () => {
        const result = await grader.grade(challenge.id, await readFile(wrong.file, 'utf8'));
        const detail = result.cases.map((c) => `${c.name}: ${c.verdict}`).join(', ');
        expect(result.verdict, detail).toBe(wrong.header.expect);
      });
    }
  });
}

it('leaves no sandbox container behind', async () => {
  expect(await grader.leftoverContainers()).toEqual([]);
});
