#!/usr/bin/env node
// Entry point: runs the TypeScript sources through tsx (packages are consumed from source, docs/adr/0002).
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
