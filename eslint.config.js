// The import matrix below is the project's architecture; it fails the build when crossed.
// Do not relax these rules: move the code instead (see docs/ARCHITECTURE.md).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const electronPackage = {
  name: 'electron',
  message: 'Only the Electron entry modules (main, preload, window, ipc-bridge, app-protocol) may import electron.',
};
const nodeModules = (who) => nodeBuiltins.map((name) => ({ name, message: `${who} runs without Node: no node:* modules.` }));

/** `patterns` entries for relative imports into another top-level area. */
const intoArea = (area, message) => ({ group: [`**/${area}`, `**/${area}/**`, `${area}/**`], message });

export default tseslint.config(
  {
    ignores: ['out/**', 'out-*/**', '.scratch/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.loupe-sim/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['electron/**/*.ts', 'sim/**/*.ts', 'bench/**/*.ts', 'agent/**/*.ts', 'e2e/**/*.ts', 'test/**/*.ts', '*.config.{ts,js}'],
    languageOptions: { globals: globals.node },
  },

  // shared/: pure. No Electron, no Node, no DOM, no other area.
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronPackage, ...nodeModules('shared/')],
          patterns: [
            { group: ['node:*'], message: 'shared/ runs without Node: no node:* modules.' },
            intoArea('electron', 'shared/ must not import electron/ (main-process code).'),
            intoArea('renderer', 'shared/ must not import renderer/ (UI code).'),
            intoArea('sim', 'shared/ must not import sim/.'),
            intoArea('agent', 'shared/ must not import agent/.'),
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'self', 'location', 'process', 'Buffer', 'require', '__dirname'].map(
          (name) => ({ name, message: 'shared/ is platform-free: neither DOM nor Node globals.' }),
        ),
      ],
    },
  },

  // renderer/: browser code. Imports shared/ and browser libraries only.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [electronPackage, ...nodeModules('renderer/')],
          patterns: [
            { group: ['node:*'], message: 'renderer/ runs in a sandbox: no node:* modules.' },
            intoArea('electron', 'renderer/ must not import electron/: go through the API contract in shared/api.'),
            intoArea('sim', 'renderer/ must not import sim/.'),
            intoArea('agent', 'renderer/ must not import agent/.'),
            { group: ['@kubernetes/client-node'], message: 'Cluster access and credentials live in the main process only.' },
          ],
        },
      ],
    },
  },

  // electron/: only the entry modules touch the electron package; the rest runs under plain Node too.
  {
    files: ['electron/**/*.ts'],
    ignores: [
      'electron/main.ts',
      'electron/preload.ts',
      'electron/window.ts',
      'electron/ipc-bridge.ts',
      'electron/app-protocol.ts',
      // The demo entry and tests (with their support in testing/) drive the app against the simulator.
      'electron/demo.ts',
      'electron/**/*.test.ts',
      'electron/testing/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronPackage],
          patterns: [intoArea('renderer', 'electron/ must not import renderer/.'), intoArea('sim', 'The app must not depend on the simulator; only demo.ts may.')],
        },
      ],
    },
  },
  {
    files: ['electron/demo.ts', 'electron/**/*.test.ts', 'electron/testing/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronPackage], patterns: [intoArea('renderer', 'electron/ must not import renderer/.')] }],
    },
  },
  {
    files: ['electron/main.ts', 'electron/preload.ts', 'electron/window.ts', 'electron/ipc-bridge.ts', 'electron/app-protocol.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [intoArea('renderer', 'electron/ must not import renderer/.'), intoArea('sim', 'The app must not depend on the simulator.')] }],
    },
  },

  // agent/: runs on cluster nodes; shares only the agent protocol with the app.
  {
    files: ['agent/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronPackage],
          patterns: [
            intoArea('electron', 'agent/ must not import electron/.'),
            intoArea('renderer', 'agent/ must not import renderer/.'),
            intoArea('sim', 'agent/ must not import sim/.'),
            { group: ['**/shared/**', '!**/shared/agent/**'], message: 'agent/ may import only the agent protocol (shared/agent/).' },
          ],
        },
      ],
    },
  },

  // e2e/: drives the app from outside, through the UI and the wire; may use shared/ types only.
  {
    files: ['e2e/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronPackage],
          patterns: [
            intoArea('electron', 'e2e/ tests the app from outside: start it as a process, do not import it.'),
            intoArea('renderer', 'e2e/ tests the app from outside: do not import renderer/.'),
            { group: ['**/shared/**'], allowTypeImports: true, message: 'e2e/ may import only types from shared/.' },
          ],
        },
      ],
    },
  },

  // sim/ and bench/: test infrastructure; never the app's UI or Electron.
  {
    files: ['sim/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electronPackage], patterns: [intoArea('renderer', 'sim/ and bench/ must not import renderer/.')] },
      ],
    },
  },
);
