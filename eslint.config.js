// The one lint config for the tree: TypeScript rules everywhere, browser rules for web/, type-aware
// promise rules for the two processes and their store, and the import boundaries between folders
// (test/fixtures/lint/ holds imports that break them on purpose; scripts/lint-boundaries.test.ts).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Folders whose files the boundaries cover, and how deep their files sit (`core/compare/x.ts`: 1). */
const FOLDERS = ['core', 'store', 'server', 'worker', 'web', 'scripts'];
const MAX_DEPTH = 5;

/** A relative specifier that climbs out of a folder from `depth` levels inside it. */
const leaves = (depth) => `^(?:\\.\\./){${depth + 1}}`;

/** Every import a file of `folder` at `depth` may not make (one rule config per file: later blocks would replace, not add). */
function boundaries(folder, depth) {
  const patterns = [];
  if (folder === 'core') {
    patterns.push({
      regex: leaves(depth),
      message: 'core/ imports nothing of ours outside core/: it is the contracts every other part imports.',
    });
  } else if (folder === 'web') {
    patterns.push(
      { regex: `${leaves(depth)}(?!core/)`, message: 'web/ imports nothing from outside web/ but types from core/.' },
      {
        regex: `${leaves(depth)}core/`,
        allowTypeImports: true,
        message: 'web/ imports core/ with `import type` only, so no core code (or zod) is bundled.',
      },
    );
  } else {
    patterns.push({
      regex: '^(?:\\.\\./)+test/',
      message: 'Nothing outside test/ imports test/: move what it needs out of test/ (e.g. into scripts/).',
    });
  }
  if (folder === 'server')
    patterns.push({
      regex: '^(?:\\.\\./)+worker/',
      message: 'server/ never imports worker/: the two processes meet in Redis, through store/ and core/.',
    });
  if (folder === 'worker')
    patterns.push({
      regex: '^(?:\\.\\./)+server/',
      message: 'worker/ never imports server/: the two processes meet in Redis, through store/ and core/.',
    });
  if (folder === 'store')
    patterns.push({ regex: '^(?:\\.\\./)+(?:server|worker)/', message: 'store/ is the layer both processes import; it imports neither.' });
  return { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] };
}

const boundaryBlocks = FOLDERS.flatMap((folder) =>
  Array.from({ length: MAX_DEPTH + 1 }, (_, depth) => ({
    files: [`${folder}/${'*/'.repeat(depth)}*.ts`],
    rules: boundaries(folder, depth),
  })),
);

export default tseslint.config(
  {
    ignores: ['node_modules/**', '.cache/**', 'npm-offline-cache/**', 'dist/**', 'web/dist/**', 'test-results/**', 'test/fixtures/lint/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Browser code: the console is for warnings and errors only.
    files: ['web/**/*.ts'],
    rules: { 'no-console': ['error', { allow: ['error', 'warn'] }] },
  },
  {
    // Root files (the configs) import nothing from test/ either.
    files: ['*.ts', '*.js'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^\\./test/', message: 'Nothing outside test/ imports test/.' }] },
      ],
    },
  },
  ...boundaryBlocks,
  {
    // The two processes and their store: a promise nobody awaits or handles is a lost error.
    files: ['server/**/*.ts', 'store/**/*.ts', 'worker/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
);
