// Layer rules from the handbook: app ← drivers, sync ← main; renderer sees only app/ipc and app/domain.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeAndIo = ['node:*', 'fs', 'path', 'os', 'net', 'http', 'https', 'child_process', 'events', 'stream', 'crypto'];
const ioPackages = ['electron', 'serialport', '@serialport/*', 'better-sqlite3', 'socket.io-client', 'pino', 'ws', 'node-thermal-printer'];

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
});

// Simulators and sandboxes live in one place per layer (drivers/sim, sync/sim, named *.sim.ts). Only the demo host and
// the tests may use them: product code never talks to a pretend device or a pretend Odoo by accident.
const sims = ['**/sim/**', '**/*.sim'];
const simMessage = 'simulators and sandboxes are for the demo host and the tests only';
// A flat config replaces a rule's options per matching block, so each block lists every pattern it forbids.
const restrictAll = (groups) => ({
  'no-restricted-imports': ['error', { patterns: groups.flatMap(([patterns, message]) => patterns.map((group) => ({ group: [group], message }))) }],
});
const driversLayer = [['**/sync/**', '**/main/**', '**/renderer/**', 'better-sqlite3', 'electron'], 'drivers/ depend only on app/.'];
const syncLayer = [['**/drivers/**', '**/main/**', '**/renderer/**', 'electron', 'serialport', '@serialport/*'], 'sync/ depends only on app/.'];

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
  { files: ['drivers/**/*.ts'], ignores: ['drivers/sim/**'], rules: restrictAll([driversLayer, [sims, simMessage]]) },
  { files: ['drivers/sim/**/*.ts'], rules: restrictAll([driversLayer]) },
  { files: ['sync/**/*.ts'], ignores: ['sync/sim/**'], rules: restrictAll([syncLayer, [sims, simMessage]]) },
  { files: ['sync/sim/**/*.ts'], rules: restrictAll([syncLayer]) },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/demo/**'],
    rules: restrictAll([
      [sims, simMessage],
      [['**/demo/**'], 'the demo is its own host: `station run` and the Electron app never load it'],
    ]),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: restrict(
      [...nodeAndIo, ...ioPackages, '**/drivers/**', '**/sync/**', '**/main/**', '**/app/packing/**', '**/app/ports*'],
      'renderer/ sees only app/ipc and app/domain.',
    ),
  },
  // The fleet view is the hub's page: its live rows arrive on socket.io's `/fleet` namespace (the browser client).
  {
    files: ['renderer/fleet/**/*.ts', 'renderer/fleet/**/*.tsx'],
    rules: restrict(
      [...nodeAndIo, ...ioPackages.filter((p) => p !== 'socket.io-client'), '**/drivers/**', '**/sync/**', '**/main/**', '**/app/packing/**', '**/app/ports*'],
      'the fleet view sees only app/hub, app/domain and the socket.io client.',
    ),
  },
);
