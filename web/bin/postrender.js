#!/usr/bin/env node
// `npx postrender …`: see src/cli.js (or run with --help).
import { main } from '../src/cli.js';

process.exitCode = await main(process.argv.slice(2));
