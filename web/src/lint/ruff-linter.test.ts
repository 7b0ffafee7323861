// Ruff as the candidate's editor runs it (the same startRuff and marker mapping, the .wasm from the
// package's file bytes): no mark on any challenge's reference or starter, and the mistakes an
// interview is full of marked on their line with their rule code.
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { startRuff, type PythonLinter } from './ruff-linter.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const CHALLENGE_DIRS = ['challenges', 'test/fixtures/challenges'];

/** Every challenge's reference.py and starter.py (the shipped catalogue and the test fixtures). */
async function challengeSolutions(): Promise<string[]> {
  const files: string[] = [];
  for (const dir of CHALLENGE_DIRS) {
    for (const entry of await readdir(path.join(REPO_ROOT, dir), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      for (const name of ['reference.py', 'starter.py']) files.push(path.join(dir, entry.name, name));
    }
  }
  return files;
}

const HEADER = 'from pyspark.sql import DataFrame, SparkSession\n\n\ndef solve(spark: SparkSession, events: DataFrame) -> DataFrame:\n';

let ruff: PythonLinter;

beforeAll(async () => {
  const wasmPath = createRequire(import.meta.url).resolve('@astral-sh/ruff-wasm-web/ruff_wasm_bg.wasm');
  ruff = await startRuff(await readFile(wasmPath));
});

describe('Ruff in the candidate editor', () => {
  it('marks nothing in any challenge reference or starter', async () => {
    const files = await challengeSolutions();
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const file of files) {
      expect({ file, markers: ruff.lint(await readFile(path.join(REPO_ROOT, file), 'utf8')) }).toEqual({ file, markers: [] });
    }
  });

  it('marks F used without importing it as an undefined name (an error) on its line, with the import to add', () => {
    const markers = ruff.lint(`${HEADER}    return events.select(F.col('x'))\n`);
    expect(markers).toEqual([
      {
        severity: 'error',
        code: 'F821',
        message: 'Undefined name `F`: add `from pyspark.sql import functions as F`',
        line: 5,
        column: 26,
        endLine: 5,
        endColumn: 27,
        tags: [],
      },
    ]);
  });

  it('marks an undefined name of any kind', () => {
    expect(ruff.lint(`${HEADER}    return foo.bar()\n`)).toMatchObject([
      { severity: 'error', code: 'F821', message: 'Undefined name `foo`', line: 5, column: 12 },
    ]);
  });

  it.each([
    ['a missing colon', 'def solve(spark, events)\n    return events\n', 1],
    ['an unclosed call', 'def solve(spark, events):\n    return events.select(\n', 3],
    ['a trailing dot', 'def solve(spark, events):\n    return events.\n', 2],
    ['a bad indent', 'def solve(spark, events):\n    x = 1\n      return events\n', 3],
  ])('marks %s as a syntax error', (_name, source, line) => {
    const markers = ruff.lint(source);
    expect(markers[0]).toMatchObject({ severity: 'error', code: null, line, message: expect.stringMatching(/^SyntaxError: /) });
  });

  it('marks an unused import as a faded warning, but not an unused PySpark import (a starter brings them)', () => {
    const markers = ruff.lint(`import os\nfrom pyspark.sql import functions as F\n${HEADER}    return events\n`);
    expect(markers).toEqual([
      {
        severity: 'warning',
        code: 'F401',
        message: '`os` imported but unused',
        line: 1,
        column: 8,
        endLine: 1,
        endColumn: 10,
        tags: ['unnecessary'],
      },
    ]);
  });

  it('marks an unused local variable and a redefinition as warnings', () => {
    const source = `${HEADER}    total = events.count()\n    return events\n\n\ndef solve(spark, events):\n    return events\n`;
    expect(ruff.lint(source)).toMatchObject([
      { severity: 'warning', code: 'F841', line: 5, message: 'Local variable `total` is assigned to but never used' },
      { severity: 'warning', code: 'F811', line: 9 },
    ]);
  });

  it('counts columns in UTF-16 units, as Monaco does', () => {
    const line = "    s = '𝔘ñ' + undefined_name";
    const column = line.indexOf('undefined_name') + 1; // 17: '𝔘' is two UTF-16 units
    const markers = ruff.lint(`${HEADER}${line}\n    return s\n`);
    expect(markers).toMatchObject([{ code: 'F821', line: 5, column, endColumn: column + 'undefined_name'.length }]);
  });

  it('names a star import once instead of marking every name it may define', () => {
    const markers = ruff.lint(`from pyspark.sql.functions import *\n${HEADER}    return events.select(col('x'))\n`);
    expect(markers).toMatchObject([{ severity: 'warning', code: 'F403', line: 1 }]);
  });
});
