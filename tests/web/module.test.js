// The module-level API: init() once, then render() and friends. Runs in its own process
// (node --test isolates files), so "before init" really is before.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as postrender from '../../web/src/index.js';

test('module-level functions throw a clear Error before init()', () => {
  for (const name of ['render', 'renderMarkdown', 'sanitize', 'parseFrontMatter', 'version']) {
    assert.throws(() => postrender[name]('x'), (e) => e instanceof Error && !(e instanceof TypeError) &&
      /call `await init\(\)` before/.test(e.message), name);
  }
});

test('init() rejects a source of the wrong type with a TypeError', async () => {
  await assert.rejects(postrender.init(42), TypeError);
  await assert.rejects(postrender.init({ not: 'a source' }), TypeError);
  assert.throws(() => postrender.render('x'), /init/);
});

test('init() loads once; then render() and friends work', async () => {
  await postrender.init();
  await postrender.init();  // a second call does nothing
  assert.match(postrender.version(), /^\d+\.\d+\.\d+/);
  const post = postrender.render('---\ntitle: Module\n---\n# Hi');
  assert.equal(post.title, 'Module');
  assert.equal(postrender.renderMarkdown('*x*'), '<p><em>x</em></p>\n');
  assert.equal(typeof postrender.sanitize('<b>x</b>'), 'string');
  assert.deepEqual(postrender.parseFrontMatter('---\na: 1\n---\n').frontMatter, { a: 1 });
  assert.throws(() => postrender.render('x', { nope: 1 }), TypeError);
});
