// Repeated calls leave the module's heap where it was: no leak per call, and big inputs give
// their memory back. POSTRENDER_CALLS=1000000 runs the long version.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { SEED } from './helpers.js';
import { createRenderer } from '../../web/src/index.js';

const renderer = await createRenderer();
const engine = renderer.engine;
const calls = Number(process.env.POSTRENDER_CALLS ?? 100_000);

function assertFlat(source, count) {
  for (let i = 0; i < 1000; i++) renderer.render(source);
  const heap = engine.heapInUse();
  const memory = engine.memoryBytes();
  let last;
  for (let i = 0; i < count; i++) last = renderer.render(source);
  assert.equal(engine.heapInUse(), heap, 'bytes in use by malloc after the calls');
  assert.equal(engine.memoryBytes(), memory, 'linear memory size after the calls');
  return last;
}

test(`${calls} renders of a small post keep the heap flat`, () => {
  const last = assertFlat('# Hi\n\nSome *text* and <b>bold</b> with a [link](https://example.com/).\n', calls);
  assert.equal(last.toc[0].text, 'Hi');
});

test(`${calls / 10} renders of a small post with front matter keep the heap flat`, () => {
  const last = assertFlat('---\ntitle: Small\ntags: [a, b]\n---\n# Hi\n\nSome *text*.\n', calls / 10);
  assert.equal(last.title, 'Small');
});

test('every entry point, with changing options and varied input, keeps the heap flat', async () => {
  const seed = await readFile(SEED);
  const inputs = [seed, '# x', 'plain', '---\na: [1\n---\nbad yaml', Buffer.from([0xff, 0x00, 0x41])];
  const options = [undefined, { sanitize: false }, { sourceLines: true, policy: { preset: 'strict' } }];
  const round = () => {
    for (const input of inputs) {
      for (const o of options) {
        renderer.render(input, o);
        renderer.renderMarkdown(input, o);
      }
      renderer.sanitize(input);
      renderer.parseFrontMatter(input);
      engine.testThrow(0);
    }
  };
  for (let i = 0; i < 20; i++) round();
  const heap = engine.heapInUse();
  // Chunk boundaries may shift by a few bytes with the mix of sizes; a leak grows every round.
  for (let i = 0; i < Math.max(50, calls / 2000); i++) round();
  assert.ok(engine.heapInUse() <= heap + 1024, `in use ${engine.heapInUse()} vs ${heap} before`);
});

test('a large input gives its memory back to the allocator', () => {
  const small = 'small post';
  renderer.render(small);
  const heap = engine.heapInUse();
  const big = '## 제목\n\n한국어 <b>강조</b> 문장입니다. '.repeat(50_000);  // ~2.3 MB
  for (let i = 0; i < 3; i++) {
    const post = renderer.render(big);
    assert.ok(post.html.length > big.length / 2);
  }
  const grown = engine.memoryBytes();
  renderer.render(small);
  assert.ok(engine.heapInUse() <= heap + 64 * 1024, `in use ${engine.heapInUse()} vs ${heap} before`);
  // Repeating the big render does not grow memory any further.
  for (let i = 0; i < 3; i++) renderer.render(big);
  assert.equal(engine.memoryBytes(), grown);
});
