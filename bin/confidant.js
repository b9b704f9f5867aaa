#!/usr/bin/env node
// The TypeScript sources are the program: tsx compiles them on load, so `npx confidant` never runs a stale build.
import { register } from 'tsx/esm/api';

register();
const { main, installCrashHandlers } = await import('../main/cli/index.ts');
installCrashHandlers();
const code = await main(process.argv.slice(2));
process.exitCode = code;
