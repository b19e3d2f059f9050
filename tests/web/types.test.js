// index.d.ts describes the API: a typed usage file compiles with `tsc --noEmit` (strict), and
// its @ts-expect-error lines prove misuse is rejected. TypeScript is pinned in web/package.json.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT, WEB } from './helpers.js';

test('tsc --noEmit accepts the typed usage of every export', () => {
  const tsc = path.join(WEB, 'node_modules', 'typescript', 'bin', 'tsc');
  assert.ok(existsSync(tsc), 'typescript is not installed: run npm ci --prefix web');
  const result = spawnSync(process.execPath, [tsc, '--noEmit', '-p', path.join(ROOT, 'tests', 'web', 'tsconfig.json')],
    { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stdout + result.stderr);
});
