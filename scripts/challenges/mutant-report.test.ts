import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadChallenge, type Challenge } from '../../core/load-challenge.js';
import {
  formatMutantSummary,
  mergeMutantReport,
  MUTANT_REPORT_FILE,
  mutantReportHash,
  mutantReportStatus,
  readMutantReport,
  summarizeMutantReport,
  writeMutantReport,
  type MutantReport,
  type MutantResult,
  type MutantRun,
} from './mutant-report.js';
import { scaffoldChallenge } from './scaffold-challenge.js';

let root: string;
let challenge: Challenge;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'mutant-report-'));
  // The scaffold has a public case, a hidden hand-written one (all-null) and a generated one (scale).
  await scaffoldChallenge(root, 'late-orders');
  challenge = await loadChallenge(path.join(root, 'late-orders'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const file = (...parts: string[]): string => path.join(challenge.dir, ...parts);

const mutant = (id: string, killedBy: MutantResult['killedBy'] = {}): MutantResult => ({
  id,
  operator: id.split('@')[0]!,
  description: `line 1: ${id}`,
  line: 1,
  outcome: Object.keys(killedBy).length > 0 ? 'killed' : 'survivor',
  killedBy,
});

const run = (contentHash: string, mutants: MutantResult[]): MutantRun => ({
  challenge: 'late-orders',
  contentHash,
  generatedAt: '2026-12-02T10:00:00.000Z',
  cases: ['all-null'],
  mutants,
});

describe('mutantReportHash', () => {
  it.each([
    ['reference.py', ['reference.py']],
    ['a hidden hand-written case file', ['cases', 'hidden', 'all-null', 'expected.jsonl']],
    ['a public case file', ['cases', 'public', 'example', 'case.yaml']],
  ])('changes when %s changes', async (_what, parts) => {
    const before = await mutantReportHash(challenge);
    await appendFile(file(...parts), '\n');
    expect(await mutantReportHash(challenge)).not.toBe(before);
  });

  it('changes when a hand-written case gains a file', async () => {
    const before = await mutantReportHash(challenge);
    await writeFile(file('cases', 'hidden', 'all-null', 'notes.txt'), 'x');
    expect(await mutantReportHash(challenge)).not.toBe(before);
  });

  it.each([
    ["a generated case's case.yaml", ['cases', 'hidden', 'scale', 'case.yaml']],
    ['a wrong solution', ['wrong', 'null-total-as-zero.py']],
    ['the statement', ['statement.md']],
  ])('stays the same when %s changes (mutants are not graded on it)', async (_what, parts) => {
    const before = await mutantReportHash(challenge);
    await appendFile(file(...parts), '\n');
    expect(await mutantReportHash(challenge)).toBe(before);
  });
});

describe('mergeMutantReport', () => {
  const previous: MutantReport = {
    ...run('0'.repeat(64), []),
    equivalent: [
      { id: 'agg-count-to-sum@L3:5', reason: 'sum of 1 per row is the count' },
      { id: 'cmp-gt-to-ge@L4:9', reason: 'thought equivalent' },
      { id: 'filter-removed@L9:1', reason: 'gone' },
    ],
  };

  it('keeps the marks of mutants that still survive and drops the others, saying why', () => {
    const next = run('1'.repeat(64), [
      mutant('agg-count-to-sum@L3:5'),
      mutant('cmp-gt-to-ge@L4:9', { 'all-null': 'wrong_answer' }),
      mutant('const-plus-one@L5:2'),
    ]);
    const { report, dropped } = mergeMutantReport(previous, next);
    expect(report.equivalent).toEqual([previous.equivalent[0]]);
    expect(report.mutants).toEqual(next.mutants);
    expect(report.contentHash).toBe('1'.repeat(64));
    expect(dropped.map((d) => [d.mark.id, d.why])).toEqual([
      ['cmp-gt-to-ge@L4:9', 'now killed by all-null'],
      ['filter-removed@L9:1', 'no such mutant any more (reference.py or mutate.py changed)'],
    ]);
  });

  it('starts with no marks when there is no previous report', () => {
    expect(mergeMutantReport(null, run('1'.repeat(64), [mutant('a@L1:1')])).report.equivalent).toEqual([]);
  });

  it('keeps the marks through writing and reading the report back', async () => {
    const { report } = mergeMutantReport(previous, run(await mutantReportHash(challenge), [mutant('agg-count-to-sum@L3:5')]));
    await writeMutantReport(challenge.dir, report);
    const read = await readMutantReport(challenge.dir);
    expect(read).toEqual(report);
    // A rewrite from what was read keeps the marks again.
    expect(mergeMutantReport(read, run(report.contentHash, report.mutants)).report.equivalent).toEqual(previous.equivalent.slice(0, 1));
  });
});

describe('readMutantReport', () => {
  it('is null without a report', async () => {
    expect(await readMutantReport(challenge.dir)).toBeNull();
  });

  it('names the file and the field of a report that does not parse', async () => {
    await writeFile(file(MUTANT_REPORT_FILE), JSON.stringify({ ...run('0'.repeat(64), []), equivalent: [{ id: 'x' }] }));
    await expect(readMutantReport(challenge.dir)).rejects.toThrow(`${file(MUTANT_REPORT_FILE)}: equivalent.0.reason:`);
  });
});

describe('mutantReportStatus', () => {
  it('is current for a report made from the current files', async () => {
    await writeMutantReport(challenge.dir, { ...run(await mutantReportHash(challenge), []), equivalent: [] });
    expect(await mutantReportStatus(challenge)).toEqual({ status: 'current' });
  });

  it('is stale once reference.py changes, naming the challenge and the command to re-run', async () => {
    await writeMutantReport(challenge.dir, { ...run(await mutantReportHash(challenge), []), equivalent: [] });
    await writeFile(file('reference.py'), `${await readFile(file('reference.py'), 'utf8')}\n# changed\n`);
    const status = await mutantReportStatus(challenge);
    expect(status.status).toBe('stale');
    expect(status.status !== 'current' && status.message).toMatch(
      /^late-orders: mutants\.json is stale .*re-run `npm run challenges:mutate -- late-orders`/,
    );
  });

  it('is stale once a hidden hand-written case changes', async () => {
    await writeMutantReport(challenge.dir, { ...run(await mutantReportHash(challenge), []), equivalent: [] });
    await appendFile(file('cases', 'hidden', 'all-null', 'expected.jsonl'), '\n');
    expect((await mutantReportStatus(challenge)).status).toBe('stale');
  });

  it('is missing without a report', async () => {
    expect(await mutantReportStatus(challenge)).toEqual({
      status: 'missing',
      message: 'late-orders: no mutants.json; run `npm run challenges:mutate -- late-orders` and commit mutants.json',
    });
  });
});

describe('summarizeMutantReport', () => {
  it('counts killed, survivors, the marked ones and lists the unmarked survivors', () => {
    const report: MutantReport = {
      ...run('0'.repeat(64), [mutant('a@L1:1', { 'all-null': 'wrong_answer' }), mutant('b@L2:1'), mutant('c@L3:1')]),
      equivalent: [{ id: 'b@L2:1', reason: 'same rows' }],
    };
    const summary = summarizeMutantReport(report);
    expect(summary).toMatchObject({ mutants: 3, killed: 1, survivors: 2, markedEquivalent: 1 });
    expect(summary.unmarked.map((m) => m.id)).toEqual(['c@L3:1']);
    expect(formatMutantSummary(summary)).toBe(
      [
        'mutants  killed  survivors  marked equivalent  unmarked survivors',
        '      3       1          2                  1                   1',
      ].join('\n'),
    );
  });
});
