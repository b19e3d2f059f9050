// The two modules: ordinary posts need only the default module (dist/postrender.wasm, without
// yaml-cpp); front matter beyond the common YAML subset (anchors, aliases, tags, ...) makes the
// default module answer `yaml.unsupported`, and the package then loads dist/postrender-full.wasm
// once and renders again, so the result is the full one, identical to the native CLI's.
// Every test file runs in its own process, so the module state here starts fresh.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { EXAMPLES, nativeCli, SEED, tempDir, WEB } from './helpers.js';

// Count the reads of each .wasm file (the loader reads them with fs.readFileSync in Node).
const reads = new Map();
const readFileSync = fs.readFileSync;
fs.readFileSync = function (file, ...rest) {
  const name = path.basename(String(file instanceof URL ? file.pathname : file));
  if (name.endsWith('.wasm')) reads.set(name, (reads.get(name) ?? 0) + 1);
  return readFileSync.call(this, file, ...rest);
};
syncBuiltinESMExports();
const { createRenderer, init, parseFrontMatter, render } = await import('../../web/src/index.js');

const FULL = 'postrender-full.wasm';
const SMALL = 'postrender.wasm';

// Front matter the hand-written subset parser leaves to yaml-cpp.
const BEYOND_SUBSET = {
  'anchor-alias': '---\ntitle: &t Anchors and aliases\nsubtitle: *t\ntags: &list [yaml, anchors]\nkeywords: *list\n---\n# Body\n\nText *here*.\n',
  'tag': '---\ntitle: !!str 2024\ncount: !!int "42"\ndate: 2024-05-01\n---\nTagged **front matter**.\n',
  'merge-key': '---\nbase: &base\n  layout: post\n  comments: true\npage:\n  <<: *base\n  title: Merged\ntitle: Merge keys\n---\nBody.\n',
  'malformed': '---\ntitle: [unclosed\n---\nBody after a broken front matter.\n',
};

test('ordinary posts use the default module only', async () => {
  const renderer = await createRenderer();
  const files = [SEED, ...fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.md')).map((f) => path.join(EXAMPLES, f))];
  for (const file of files) {
    const post = renderer.render(await readFile(file));
    assert.ok(!post.warnings.some((w) => w.code === 'yaml.unsupported'), path.basename(file));
  }
  renderer.render('---\ntitle: Plain\ntags: [a, b]\n---\nHello\n');
  renderer.parseFrontMatter('---\ntitle: Plain\n---\n');
  assert.equal(reads.get(SMALL), 1);
  assert.equal(reads.get(FULL), undefined, 'the full module was loaded for an ordinary post');
});

test('front matter beyond the subset renders through the full module, loaded once', async () => {
  const renderer = await createRenderer();
  for (const [name, text] of Object.entries(BEYOND_SUBSET)) {
    const post = renderer.render(text);
    assert.ok(!post.warnings.some((w) => w.code === 'yaml.unsupported'), `${name}: ${JSON.stringify(post.warnings)}`);
    if (name === 'malformed') {
      assert.ok(post.warnings.some((w) => w.severity === 'error' && w.code.startsWith('yaml')), name);
    } else {
      assert.notEqual(post.frontMatter, null, name);
    }
  }
  const post = renderer.render(BEYOND_SUBSET['anchor-alias']);
  assert.equal(post.title, 'Anchors and aliases');
  assert.equal(post.frontMatter.subtitle, 'Anchors and aliases');
  assert.deepEqual(post.frontMatter.keywords, ['yaml', 'anchors']);
  assert.equal(renderer.render(BEYOND_SUBSET.tag).frontMatter.title, '2024');
  assert.equal(renderer.parseFrontMatter(BEYOND_SUBSET['merge-key']).frontMatter.title, 'Merge keys');
  // Bytes as input, and the module-level functions, go the same way.
  assert.equal(renderer.render(new TextEncoder().encode(BEYOND_SUBSET['anchor-alias'])).title, 'Anchors and aliases');
  await init();
  assert.equal(render(BEYOND_SUBSET['anchor-alias']).title, 'Anchors and aliases');
  assert.deepEqual(parseFrontMatter(BEYOND_SUBSET['anchor-alias']).frontMatter.keywords, ['yaml', 'anchors']);
  assert.equal(reads.get(FULL), 1, 'the full module is loaded once and shared');
  // Ordinary posts keep going through the default module afterwards.
  assert.equal(renderer.render('---\ntitle: Plain again\n---\nx\n').title, 'Plain again');
});

const cli = nativeCli();
test('fallback results are byte-identical to the native CLI (HTML and every field)', { skip: !cli && 'no native CLI' }, async (t) => {
  const renderer = await createRenderer();
  const dir = await tempDir(t);
  for (const [name, text] of Object.entries(BEYOND_SUBSET)) {
    const file = path.join(dir, `${name}.md`);
    await writeFile(file, text);
    for (const [flags, options] of [[[], {}], [['--trusted'], { sanitize: false }]]) {
      const expected = spawnSync(cli, ['render', file, '--quiet', ...flags]).stdout;
      const post = renderer.render(await readFile(file), { fileName: path.basename(file), ...options });
      assert.ok(Buffer.from(post.html, 'utf8').equals(expected), `${name} ${flags.join(' ')}: HTML differs`);
      const json = JSON.parse(spawnSync(cli, ['render', file, '--json', '--quiet', ...flags]).stdout.toString('utf8'));
      assert.deepEqual(JSON.parse(JSON.stringify(post)), json, `${name} ${flags.join(' ')}: fields differ`);
    }
  }
});

test('the fallback also works in a worker thread (as in postrender build)', async () => {
  const url = new URL('../../web/src/index.js', import.meta.url).href;
  const code = `
    import { parentPort, workerData } from 'node:worker_threads';
    const { createRenderer } = await import(${JSON.stringify(url)});
    const renderer = await createRenderer();
    parentPort.postMessage(renderer.render(workerData));`;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), { workerData: BEYOND_SUBSET['anchor-alias'] });
  const post = await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  assert.equal(post.frontMatter.subtitle, 'Anchors and aliases');
  assert.ok(!post.warnings.some((w) => w.code === 'yaml.unsupported'));
});

test('the site builder renders such posts in full', async (t) => {
  const dir = await tempDir(t);
  await fs.promises.mkdir(path.join(dir, '_posts'));
  await writeFile(path.join(dir, '_posts', '2024-05-01-anchors.md'), BEYOND_SUBSET['anchor-alias']);
  const result = spawnSync(process.execPath, [path.join(WEB, 'bin', 'postrender.js'), 'build', dir, '--out', path.join(dir, '_site'), '--quiet']);
  assert.equal(result.status, 0, result.stderr.toString('utf8'));
  const posts = JSON.parse(await readFile(path.join(dir, '_site', 'posts.json'), 'utf8'));
  const entries = Array.isArray(posts) ? posts : posts.posts;
  assert.equal(entries[0].title, 'Anchors and aliases');
  assert.ok(!result.stderr.toString('utf8').includes('yaml.unsupported'));
});

test('the package ships both modules', async () => {
  const pkg = JSON.parse(await readFile(path.join(WEB, 'package.json'), 'utf8'));
  assert.ok(pkg.files.includes('dist/postrender.wasm'));
  assert.ok(pkg.files.includes('dist/postrender-full.wasm'));
  assert.ok(fs.existsSync(path.join(WEB, 'dist', FULL)), 'web/dist/postrender-full.wasm is missing: run scripts/build-wasm.sh');
});
