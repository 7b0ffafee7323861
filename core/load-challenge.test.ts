import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChallengeSpecSchema } from './challenge.js';
import { loadChallenge, parseCorrectSolutionHeader, parseWrongSolutionHeader } from './load-challenge.js';

const fixture = path.resolve(import.meta.dirname, '..', 'test', 'fixtures', 'challenges', 'group-sum');
let dir: string;

beforeEach(async () => {
  dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'challenge-')), 'group-sum');
  await cp(fixture, dir, { recursive: true });
});
afterEach(async () => {
  await rm(path.dirname(dir), { recursive: true, force: true });
});

describe('loadChallenge', () => {
  it('loads the fixture with its cases in public-then-hidden order', async () => {
    const challenge = await loadChallenge(dir);
    expect(challenge.cases.map((c) => [c.name, c.hidden])).toEqual([
      ['basic', false],
      ['nulls', true],
    ]);
    expect(challenge.spec.limits.caseTimeLimitMs).toBe(20000);
    expect(challenge.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names the file and line of a bad value', async () => {
    const yaml = (await import('node:fs/promises')).readFile;
    const text = (await yaml(path.join(dir, 'challenge.yaml'), 'utf8')).replace(
      'type: long, nullable: true }\noutput',
      'type: int64, nullable: true }\noutput',
    );
    await writeFile(path.join(dir, 'challenge.yaml'), text);
    await expect(loadChallenge(dir)).rejects.toThrow(new RegExp(`challenge\\.yaml:12: inputs\\.0\\.columns\\.1\\.type`));
  });

  it('names the line of a YAML syntax error', async () => {
    await writeFile(path.join(dir, 'challenge.yaml'), 'id: group-sum\ntitle: [unclosed\n');
    await expect(loadChallenge(dir)).rejects.toThrow(/challenge\.yaml:\d+:/);
  });

  it('rejects an unknown key, naming it', async () => {
    await writeFile(path.join(dir, 'cases', 'public', 'basic', 'case.yaml'), 'description: x\ntimd: true\n');
    await expect(loadChallenge(dir)).rejects.toThrow(/case\.yaml:1: .*timd/);
  });

  it('refuses a hand-written case without expected.jsonl', async () => {
    await rm(path.join(dir, 'cases', 'hidden', 'nulls', 'expected.jsonl'));
    await expect(loadChallenge(dir)).rejects.toThrow(/missing expected\.jsonl/);
  });

  it('refuses an output key that is not an output column', async () => {
    const fs = await import('node:fs/promises');
    const text = (await fs.readFile(path.join(dir, 'challenge.yaml'), 'utf8')).replace('key: [grp]', 'key: [group]');
    await fs.writeFile(path.join(dir, 'challenge.yaml'), text);
    await expect(loadChallenge(dir)).rejects.toThrow(/key column group is not an output column/);
  });

  it('refuses a stream input with a column named micro_batch, and a second stream input', async () => {
    const fs = await import('node:fs/promises');
    const specFile = path.join(dir, 'challenge.yaml');
    const original = await fs.readFile(specFile, 'utf8');
    expect(original).toContain('kind: dataframe');
    await fs.writeFile(specFile, original.replace('kind: dataframe', 'kind: stream').replace('{ name: grp', '{ name: micro_batch'));
    await expect(loadChallenge(dir)).rejects.toThrow(/micro_batch is reserved for the micro-batch a row arrives in/);
    const spec = ChallengeSpecSchema.safeParse({
      id: 'two-streams',
      title: 't',
      difficulty: 'easy',
      summary: 's',
      timing: { budgetRatio: 2 },
      inputs: ['a', 'b'].map((name) => ({ name, kind: 'stream', columns: [{ name: 'x', type: 'long' }] })),
      output: { columns: [{ name: 'x', type: 'long' }], key: ['x'] },
    });
    expect(spec.success).toBe(false);
    expect(spec.error?.issues.map((i) => i.message)).toContain('at most one input may be a stream');
  });

  it('changes the content hash when any file changes', async () => {
    const before = (await loadChallenge(dir)).contentHash;
    await writeFile(path.join(dir, 'cases', 'hidden', 'nulls', 'numbers.jsonl'), '{"grp":"a","n":1}\n');
    expect((await loadChallenge(dir)).contentHash).not.toBe(before);
  });
});

describe('parseWrongSolutionHeader', () => {
  it('reads the declared verdict and rule', () => {
    expect(parseWrongSolutionHeader('w.py', '# expect: wrong_answer\n# breaks: the 30-minute rule\nimport x\n')).toEqual({
      expect: 'wrong_answer',
      breaks: 'the 30-minute rule',
    });
  });

  it.each([
    ['# breaks: x\n', /expect/],
    ['# expect: accepted\n# breaks: x\n', /expect/],
    ['# expect: wrong\n# breaks: x\n', /expect/],
  ])('refuses %j', (source, message) => {
    expect(() => parseWrongSolutionHeader('w.py', source)).toThrow(message);
  });
});

describe('parseCorrectSolutionHeader', () => {
  it('reads the style and defaults the verdict to accepted', () => {
    expect(parseCorrectSolutionHeader('c.py', '# style: Spark SQL\nimport x\n')).toEqual({ style: 'Spark SQL', expect: 'accepted' });
  });

  it('wants the measured ratio of a solution slow on purpose, naming the file and line', () => {
    expect(parseCorrectSolutionHeader('c.py', '# style: RDD groupByKey\n# expect: too_slow\n# measured: 6.2x\n')).toEqual({
      style: 'RDD groupByKey',
      expect: 'too_slow',
      measured: '6.2x',
    });
    expect(() => parseCorrectSolutionHeader('c.py', '# style: RDD\n# expect: too_slow\n')).toThrow(
      /^c\.py:1: header "# measured: \.\.\.": a too_slow correct solution states its measured ratio/,
    );
    expect(() => parseCorrectSolutionHeader('c.py', 'import x\n')).toThrow(/^c\.py:1: header "# style: \.\.\."/);
  });
});
