// ESLint (flat config). Besides the usual TypeScript checks it holds the process boundaries:
// the renderer reaches main/ only through the API contract, and nothing under main/ (which must
// run under plain Node) imports Electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const restrictedMainForRenderer = {
  regex: String.raw`(^|/)main/(?!api/contract$)`,
  message: 'The renderer may import from main/ only main/api/contract (it reaches the station through the API).',
};
const electronImports = {
  paths: [{ name: 'electron', message: 'Electron imports stay in electron/; main/ runs under plain Node.' }],
  patterns: [{ group: ['electron/*'], message: 'Electron imports stay in electron/; main/ runs under plain Node.' }],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'db/migrations/**', 'bench/out/**', 'test-results/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-undef': 'off', // TypeScript checks names
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [restrictedMainForRenderer] }] },
  },
  {
    files: ['main/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', electronImports] },
  },
);
