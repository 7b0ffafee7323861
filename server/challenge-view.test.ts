import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadChallenge } from '../core/load-challenge.js';
import { REPO_ROOT } from '../core/repo-root.js';
import { ChallengeViewSchema } from '../core/views/challenge-view.js';
import { challengeView } from './challenge-view.js';

describe('what both roles see of a challenge', () => {
  it('is exactly the view schema the web app reads, with public cases only', async () => {
    const challenge = await loadChallenge(path.join(REPO_ROOT, 'test', 'fixtures', 'challenges', 'group-sum'));
    const view = await challengeView(challenge);
    expect(ChallengeViewSchema.parse(view)).toEqual(view);
    expect(view.publicCases.map((c) => c.name)).toEqual(['basic']);
    expect(view.hiddenCaseCount).toBe(1);
    expect(JSON.stringify(view)).not.toContain(challenge.reference);
  });
});
