// The import boundaries of eslint.config.js, proved on fixtures that break them on purpose
// (test/fixtures/lint/, left out of `eslint .`): each is linted as if it sat in the folder named.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../core/repo-root.js';

// The fixtures are not files of any tsconfig project, so the type-aware rules are off for them.
const eslint = new ESLint({
  cwd: REPO_ROOT,
  overrideConfig: {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: false } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
  },
});

async function boundaryErrors(fixture: string, lintedAs: string): Promise<string[]> {
  const code = await readFile(path.join(REPO_ROOT, 'test', 'fixtures', 'lint', fixture), 'utf8');
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO_ROOT, lintedAs) });
  return result!.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it.each([
    { fixture: 'core-imports-store.ts', lintedAs: 'core/lint-fixture.ts', error: 'core/ imports nothing of ours outside core/' },
    {
      fixture: 'core-views-import-server.ts',
      lintedAs: 'core/views/lint-fixture.ts',
      error: 'core/ imports nothing of ours outside core/',
    },
    { fixture: 'server-imports-worker.ts', lintedAs: 'server/routes/lint-fixture.ts', error: 'server/ never imports worker/' },
    { fixture: 'worker-imports-server.ts', lintedAs: 'worker/lint-fixture.ts', error: 'worker/ never imports server/' },
    { fixture: 'store-imports-worker.ts', lintedAs: 'store/lint-fixture.ts', error: 'store/ is the layer both processes import' },
    { fixture: 'scripts-import-test.ts', lintedAs: 'scripts/lint-fixture.ts', error: 'Nothing outside test/ imports test/' },
    {
      fixture: 'web-imports-core-value.ts',
      lintedAs: 'web/src/shared/lint-fixture.ts',
      error: 'web/ imports core/ with `import type` only',
    },
    {
      fixture: 'web-imports-store-type.ts',
      lintedAs: 'web/src/lint-fixture.ts',
      error: 'web/ imports nothing from outside web/ but types from core/',
    },
  ])('rejects $fixture', async ({ fixture, lintedAs, error }) => {
    const errors = await boundaryErrors(fixture, lintedAs);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(error);
  });

  it('lets web/ import types from core/', async () => {
    expect(await boundaryErrors('web-imports-core-type.ts', 'web/src/shared/lint-fixture.ts')).toEqual([]);
  });

  it('lets core/ files import each other across its folders', async () => {
    const [result] = await eslint.lintText("import type { Table } from '../table.js';\n\nexport const none: Table | null = null;\n", {
      filePath: path.join(REPO_ROOT, 'core/compare/lint-fixture.ts'),
    });
    expect(result!.messages).toEqual([]);
  });
});
