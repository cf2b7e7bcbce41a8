// ESLint (flat config). Besides the usual TypeScript checks it holds the process boundaries:
// the renderer reaches main/ only through the API contract, the patient app only through the
// patient contract; nothing under main/ (which must run
// under plain Node) imports Electron; a workstation's code (main/station) never imports the hub's
// (main/hub: the hub registers its procedures into its own admin station, not the other way);
// db/ keeps tables, migrations and opening a file, and imports only pure rules from main/domain
// (and the checksum a conversion is verified with), so nothing like the demo clinic lives there.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const restrictedMainForRenderer = {
  regex: String.raw`(^|/)main/(?!api/contract$)`,
  message: 'The renderer may import from main/ only main/api/contract (it reaches the station through the API).',
};
const restrictedForPatientApp = {
  regex: String.raw`(^|/)(main/(?!api/patient-contract$)|renderer/|electron(/|$))`,
  message: 'The patient app may import from the project only main/api/patient-contract (it reaches the hub through the patient port).',
};
const electronImports = {
  paths: [{ name: 'electron', message: 'Electron imports stay in electron/; main/ runs under plain Node.' }],
  patterns: [{ group: ['electron/*'], message: 'Electron imports stay in electron/; main/ runs under plain Node.' }],
};

const hubFromStation = {
  regex: String.raw`^\.{1,2}/(.*/)?hub(/|$)`,
  message: 'main/station must not import main/hub: hub-side procedures live in main/hub and are registered into the hub\'s admin station (main/hub/handlers.ts).',
};
const mainFromDb = {
  regex: String.raw`(^|/)main/(?!domain/|station/checksum$)`,
  message: 'db/ holds tables, migrations and opening a file; it may import only main/domain (and main/station/checksum). Generators and services live under main/.',
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
    // The build config and script beside the app run under Node and may import what they need.
    files: ['patient-app/src/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [restrictedForPatientApp] }] },
  },
  {
    files: ['main/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', electronImports] },
  },
  {
    // (a later block replaces the rule's options for these files, so Electron is restricted again here)
    files: ['main/station/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { ...electronImports, patterns: [...electronImports.patterns, hubFromStation] }] },
  },
  {
    files: ['db/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [mainFromDb] }] },
  },
);
