// examples/build-site.mjs (a build script on the API) works on a folder of posts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { FIXTURES, ROOT, tempDir } from './helpers.js';

test('examples/build-site.mjs renders the published posts and an index, newest first', async (t) => {
  const out = await tempDir(t);
  const result = spawnSync(process.execPath, [path.join(ROOT, 'examples', 'build-site.mjs'),
    path.join(FIXTURES, 'site', '_posts'), out], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /built 3 posts/);
  const index = await readFile(path.join(out, 'index.html'), 'utf8');
  const slugs = [...index.matchAll(/<a href="([^"]+)\/">/g)].map((m) => decodeURIComponent(m[1]));
  assert.deepEqual(slugs, ['korean', 'hello-world', 'emoji']);
  const hello = await readFile(path.join(out, 'hello-world', 'index.html'), 'utf8');
  assert.match(hello, /<h1>Hello, world<\/h1>/);
  assert.match(hello, /rel="[^"]*nofollow/);
});
