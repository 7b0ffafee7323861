// Each challenge's committed mutant report is for its current reference and hand-written cases
// (a content hash), so a changed reference or case cannot keep an old report: re-run
// `npm run challenges:mutate -- <id>` after changing either. And it lists no unmarked survivor:
// each survivor is closed by a hidden case or marked equivalent with its reason.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadChallenge } from '../../core/load-challenge.js';
import { REPO_ROOT } from '../../core/repo-root.js';
import { mutantReportStatus, readMutantReport, summarizeMutantReport } from './mutant-report.js';

const CATALOGUE = path.join(REPO_ROOT, 'challenges');
const ids = (await readdir(CATALOGUE, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);

describe.each(ids)('the committed mutant report of %s', (id) => {
  it('is for the current reference and hand-written cases', async () => {
    const challenge = await loadChallenge(path.join(CATALOGUE, id));
    const status = await mutantReportStatus(challenge);
    expect(status.status === 'current' ? 'current' : status.message).toBe('current');
  });

  it('lists no unmarked survivor', async () => {
    const report = await readMutantReport(path.join(CATALOGUE, id));
    const unmarked = report ? summarizeMutantReport(report).unmarked.map((m) => `${m.id}: ${m.description}`) : [];
    expect(unmarked, `add a hidden case that rejects each, or mark it in ${id}/mutants.json's "equivalent" with its reason`).toEqual([]);
  });
});
