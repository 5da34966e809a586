// Layer rules from the handbook: app ← drivers, sync ← main; renderer sees only app/ipc and app/domain.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeAndIo = ['node:*', 'fs', 'path', 'os', 'net', 'http', 'https', 'child_process', 'events', 'stream', 'crypto'];
const ioPackages = ['electron', 'serialport', '@serialport/*', 'better-sqlite3', 'socket.io-client', 'pino', 'ws', 'node-thermal-printer'];

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'renderer/dist/**', 'dist/**', '**/*.cjs', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['app/**/*.ts'],
    rules: restrict(
      [...nodeAndIo, ...ioPackages, '**/drivers/**', '**/sync/**', '**/main/**', '**/renderer/**'],
      'app/ is the pure packing domain: no I/O, no outer layers.',
    ),
  },
  {
    files: ['drivers/**/*.ts'],
    rules: restrict(['**/sync/**', '**/main/**', '**/renderer/**', 'better-sqlite3', 'electron'], 'drivers/ depend only on app/.'),
  },
  {
    files: ['sync/**/*.ts'],
    rules: restrict(['**/drivers/**', '**/main/**', '**/renderer/**', 'electron', 'serialport', '@serialport/*'], 'sync/ depends only on app/.'),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: restrict(
      [...nodeAndIo, ...ioPackages, '**/drivers/**', '**/sync/**', '**/main/**', '**/app/packing/**', '**/app/ports*'],
      'renderer/ sees only app/ipc and app/domain.',
    ),
  },
);
