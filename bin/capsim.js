#!/usr/bin/env node
// Entry point of `npx capsim`: loads the TypeScript CLI through tsx's loader.
import process from 'node:process';
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../api/cli.ts');
process.exitCode = await main(process.argv.slice(2));
