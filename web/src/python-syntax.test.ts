// The in-browser Python check: each mistake it knows is marked where Python would point, and
// valid Python (every .py file in this repository) gets no mark at all.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkPythonSyntax } from './python-syntax.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

async function pythonFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (['node_modules', '.git', '.cache', 'wheelhouse', 'dist'].includes(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await pythonFiles(full)));
    else if (entry.name.endsWith('.py')) out.push(full);
  }
  return out;
}

describe('checkPythonSyntax', () => {
  it.each([
    ['an unclosed call', 'def solve(spark, df:\n    return df\n', 1, "'(' was never closed"],
    ['a mismatched bracket', 'x = [1, 2)\n', 1, "closing parenthesis ')' does not match opening bracket '[' on line 1"],
    ['an unmatched closer', 'x = 1)\n', 1, "unmatched ')'"],
    ['a def without a colon', 'def solve(spark, df)\n    return df\n', 1, "expected ':' after the def statement"],
    ['an if without a colon', 'if x > 1\n    y = 2\n', 1, "expected ':' after the if statement"],
    ['an async def without a colon', 'async def f()\n    pass\n', 1, "expected ':' after the def statement"],
    ['a missing block', 'def solve(spark, df):\nreturn df\n', 2, 'expected an indented block after line 1'],
    ['a missing block at the end', 'for x in y:\n', 1, 'expected an indented block after line 1'],
    ['an unexpected indent', 'x = 1\n    y = 2\n', 2, 'unexpected indent'],
    ['a bad dedent', 'if x:\n        a = 1\n    b = 2\n', 3, 'unindent does not match any outer indentation level'],
    ['an unterminated string', 'x = "abc\ny = 1\n', 1, 'unterminated string literal'],
    ['an unterminated docstring', 'def f():\n    """doc\n    return 1\n', 2, 'unterminated triple-quoted string literal'],
  ])('marks %s', (_name, source, line, message) => {
    const problems = checkPythonSyntax(source);
    expect(problems[0]).toMatchObject({ line, message });
  });

  it.each([
    ['one-line compound statements', 'if x: y = 1\nelse: y = 2\nclass A: pass\n'],
    ['brackets spanning lines', 'df = (spark.read\n  .csv("x")\n)\nd = {\n    "a": 1,\n}\n'],
    ['lambdas, slices, dicts and walrus', 'f = lambda x: x[1:2]\nif (n := 10) > 5:\n    g = {k: v for k, v in d.items()}\n'],
    ['a backslash continuation', 'x = 1 + \\\n    2\n'],
    ['strings holding brackets and colons', "s = \"if (x:\"\nt = '''\n  def (\n'''\nu = r\"\\d+(\" \n"],
    ['comments and blank lines inside blocks', 'def f():\n\n    # (unclosed in a comment\n    return 1\n'],
    ['decorators and async', '@dec\nasync def f():\n    async with a as b:\n        pass\n'],
    ['try/except/finally', 'try:\n    x = 1\nexcept (ValueError, KeyError) as e:\n    raise\nfinally:\n    pass\n'],
    ['an empty file', ''],
    ['tabs', 'if x:\n\ty = 1\n'],
  ])('accepts %s', (_name, source) => {
    expect(checkPythonSyntax(source)).toEqual([]);
  });

  it('marks nothing in any Python file of this repository', async () => {
    const files = await pythonFiles(REPO_ROOT);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      expect({ file: path.relative(REPO_ROOT, file), problems: checkPythonSyntax(await readFile(file, 'utf8')) }).toEqual({
        file: path.relative(REPO_ROOT, file),
        problems: [],
      });
    }
  });
});
