#!/usr/bin/env node
// Entry point of the `station` command. The agent is TypeScript run through tsx, so no build step stands between
// `npm install` and a running station.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./station.cli.ts');
process.exitCode = await main(process.argv.slice(2));
