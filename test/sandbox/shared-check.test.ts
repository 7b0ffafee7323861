// The check grades the authored solutions that need no sandbox of their own one after another in
// a shared sandbox (a SparkSession and module each, on one SparkContext). This proves that doing
// so gives each the verdict it gets in a fresh sandbox: the fixture's first solutions change what
// sessions on one SparkContext could share (SQL settings, a global temporary view, a saved table)
// and the later ones would get another verdict if any of it reached them.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../core/repo-root.js';
import { checkChallenge } from '../../scripts/challenges/check-challenge.js';
import { testGrader, type TestGrader } from '../support/grader.js';

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'shared-check');

describe('the check in a shared sandbox', () => {
  let grader: TestGrader;
  beforeAll(async () => {
    grader = await testGrader(FIXTURES);
  });
  afterAll(async () => {
    await grader?.close();
  });

  it('gives every solution the verdict a fresh sandbox gives it', async () => {
    const dir = path.join(FIXTURES, 'session-state');
    const sharedLog: string[] = [];
    const shared = await checkChallenge(grader.deps, dir, (line) => sharedLog.push(line), { slots: 1 });
    const freshLog: string[] = [];
    const fresh = await checkChallenge(grader.deps, dir, (line) => freshLog.push(line), { slots: 1, fresh: true });

    expect(shared.failures, sharedLog.join('\n')).toEqual([]);
    expect(fresh.failures, freshLog.join('\n')).toEqual([]);
    expect(Object.keys(shared.verdicts)).toHaveLength(9);
    expect(shared.verdicts).toEqual(fresh.verdicts);
    // The starter and all seven wrong solutions really shared one sandbox, in file order.
    const sharedLines = sharedLog.filter((l) => l.endsWith('shared sandbox)'));
    expect(sharedLines.map((l) => l.split(':')[0])).toEqual([
      'starter.py',
      'wrong/sets-ansi-mode.py',
      'wrong/sets-case-sensitive.py',
      'wrong/sets-global-view-and-table.py',
      'wrong/uses-global-view.py',
      'wrong/uses-grp-as-number.py',
      'wrong/uses-saved-table.py',
      'wrong/uses-upper-case-name.py',
    ]);
    expect(await grader.leftoverContainers()).toEqual([]);
  });
});
