// ESLint flat config. The layering rules of STYLE.md are errors, so a violation fails `npm run lint`.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronBan = {
  name: 'electron',
  message: 'Only electron/main and electron/preload may import electron (STYLE.md rule 8).',
};

/** Patterns that forbid reaching into a layer from outside it. */
const layer = (groups, message) => ({ group: groups, message });

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'coverage/**', 'test-results/**', 'playwright-report/**', '.kiosk-data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // native/** is the device world: never electron, never the application.
    files: ['native/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [
            layer(['**/electron/**', '../electron/*'], 'native/** must not import the application (electron/**).'),
          ],
        },
      ],
    },
  },
  {
    // native/hal holds interfaces, events and errors only: no concrete driver or simulator.
    files: ['native/hal/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [
            layer(['**/drivers/**', '**/sim/**', '**/electron/**'], 'native/hal holds interfaces only (STYLE.md rule 1).'),
          ],
        },
      ],
    },
  },
  {
    // The card stack works on a CardChannel, never on pcsclite or a concrete driver (STYLE.md rule 5).
    files: ['native/card/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan, { name: 'pcsclite', message: 'The card stack sees a CardChannel, never pcsclite.' }],
          patterns: [layer(['**/drivers/**', '**/sim/**', '**/electron/**'], 'native/card must not import drivers or simulators.')],
        },
      ],
    },
  },
  {
    // Drivers load native modules lazily: no static import of pcsclite / node-hid / serialport.
    files: ['native/drivers/**/*.ts', 'native/sim/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            electronBan,
            { name: 'pcsclite', allowTypeImports: true, message: 'Load pcsclite lazily (STYLE.md rule 4).' },
            { name: 'node-hid', allowTypeImports: true, message: 'Load node-hid lazily (STYLE.md rule 4).' },
            { name: 'serialport', allowTypeImports: true, message: 'Load serialport lazily (STYLE.md rule 4).' },
          ],
          patterns: [layer(['**/electron/**'], 'native/** must not import the application (electron/**).')],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [layer(['**/main/**', '**/preload/**', '**/renderer/**'], 'electron/core is Electron-free.')],
        },
      ],
    },
  },
  {
    // The contract is environment-neutral: no node:, no electron, no DOM.
    files: ['electron/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electronBan], patterns: [layer(['node:*', '**/native/**', '**/core/**'], 'electron/contract is environment-neutral.')] },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [layer(['**/core/**', '**/native/**', '**/main/**', 'node:*'], 'preload imports only electron and the contract.')] },
      ],
    },
  },
  {
    // The renderer runs in a browser (the Electron window or Chromium): browser globals, .tsx with JSX.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser }, parserOptions: { ecmaFeatures: { jsx: true } } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [
            layer(['node:*', '**/native/**', '**/electron/core/**', '**/electron/main/**', '**/electron/preload/**'], 'renderer imports only electron/contract.'),
          ],
        },
      ],
    },
  },
  {
    // renderer/vite.config.ts is build tooling run by Node, not renderer code: node: imports are fine.
    files: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': ['error', { paths: [electronBan] }] },
  },
);
