// Lint: type-aware TypeScript rules plus the package boundaries of docs/architecture.md §3.3.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'url', 'util', 'stream'];
const banned = (names, message) => ({ group: names, message });

/** Boundary rules: which package may import what (docs/architecture.md §3.3, rules 1–6). */
const boundaries = {
  core: [
    banned(['@zonewise/*'], 'core imports no workspace package (rule 1).'),
    banned(nodeBuiltins, 'core is pure: no Node built-ins (rule 1).'),
    banned(
      ['react', 'react-dom', 'kysely', 'hono', 'better-sqlite3', 'pg', 'yaml', 'commander'],
      'core depends on zod only (rule 1).',
    ),
  ],
  formats: [
    banned(
      ['@zonewise/store', '@zonewise/server', '@zonewise/cli', '@zonewise/web'],
      'formats imports core only (rule 2).',
    ),
    banned(nodeBuiltins, 'formats is pure: strings and bytes in and out, no Node built-ins (rule 2).'),
  ],
  store: [
    banned(
      ['@zonewise/formats', '@zonewise/server', '@zonewise/cli', '@zonewise/web'],
      'store imports core only (rule 3).',
    ),
  ],
  server: [banned(['@zonewise/cli', '@zonewise/web'], 'server must not import cli or web (rule 4).')],
  cli: [banned(['@zonewise/web'], 'cli must not import web (rule 4).')],
  web: [
    banned(['@zonewise/store', '@zonewise/cli'], 'web imports core and formats; server types only (rule 5).'),
    banned(nodeBuiltins, 'web runs in the browser: no Node built-ins (rule 5).'),
  ],
};
const deepImports = banned(
  ['@zonewise/*/src/*', '@zonewise/*/*', '!@zonewise/*/testing'],
  'Import a package by its name only, or its test helpers at @zonewise/<package>/testing (rule 6).',
);

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'coverage/**', '**/dist/**', 'eslint.config.js', 'packages/cli/bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
      'import-x/no-extraneous-dependencies': ['error', { devDependencies: false }],
    },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
    },
  },
  {
    // Tests, test helpers and benchmarks may use the root's dev dependencies (vitest, fast-check, tsx).
    files: [
      '**/*.test.ts',
      '**/*.test.tsx',
      '**/testing/**',
      'bench/**',
      '**/test/**',
      'vitest.config.ts',
      'packages/web/e2e/**',
      'packages/web/scripts/**',
      'packages/web/vite.config.ts',
    ],
    rules: { 'import-x/no-extraneous-dependencies': 'off' },
  },
  {
    // The Vite config is Node code beside a browser package; it is type-checked by packages/web/scripts/tsconfig.json.
    files: ['packages/web/vite.config.ts'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { parserOptions: { projectService: false, program: null } },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { projectService: false, program: null },
      globals: { process: 'readonly', console: 'readonly' },
    },
  },
  ...Object.entries(boundaries).map(([pkg, patterns]) => ({
    files: [`packages/${pkg}/src/**/*.ts`, `packages/${pkg}/src/**/*.tsx`],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...patterns, deepImports] }],
    },
  })),
);
