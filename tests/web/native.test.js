// Same bytes everywhere: the wasm build (through the JS API and the Node CLI) and the native
// CLI (cli/main.cpp) give byte-identical HTML and equal results for every example post, the
// seed, the fixture site and a generated stress set, under several option sets.
// The native CLI comes from $POSTRENDER_NATIVE_CLI or the newest of build/native-{release,asan,
// debug}/ and build/wasm-native/; without one this suite fails, unless POSTRENDER_SKIP_NATIVE=1.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { EXAMPLES, FIXTURES, nativeCli, newestSourceTime, runCli, SEED, stressInputs, tempDir, WEB } from './helpers.js';
import { createRenderer } from '../../web/src/index.js';

const cli = nativeCli();
const skip = !cli && process.env.POSTRENDER_SKIP_NATIVE === '1' ? 'POSTRENDER_SKIP_NATIVE=1 and no native CLI' : false;

// [native flags, the same as JS options]
const OPTION_SETS = [
  [[], {}],
  [['--trusted'], { sanitize: false }],
  [['--source-lines'], { sourceLines: true }],
  [['--base-url', 'https://example.com/blog/'], { baseUrl: 'https://example.com/blog/' }],
  [['--strict', '--nofollow'], { policy: { preset: 'strict', nofollowLinks: true } }],
  [['--no-heading-ids', '--id-prefix', 'x-'], { headingIds: false, idPrefix: 'x-' }],
];

async function walk(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...await walk(full));
    else if (/\.(md|markdown|txt)$/.test(entry.name)) out.push(full);
  }
  return out.sort();
}

async function corpus(t) {
  const dir = await tempDir(t);
  const files = [SEED, ...await walk(EXAMPLES), ...await walk(path.join(FIXTURES, 'site'))];
  for (const { name, bytes } of stressInputs()) {
    const file = path.join(dir, `${name}.md`);
    await writeFile(file, bytes);
    files.push(file);
  }
  return files;
}

function native(args) {
  const result = spawnSync(cli, args, { maxBuffer: 256 << 20 });
  assert.ok(result.status === 0 || result.status === 1, `native ${args.join(' ')}: status ${result.status}\n${result.stderr}`);
  return result;
}

test('a native CLI build is available and both builds are newer than the sources', { skip }, () => {
  assert.ok(cli, 'no native CLI: build one (cmake --preset native-release && cmake --build --preset native-release) ' +
    'or set POSTRENDER_NATIVE_CLI; POSTRENDER_SKIP_NATIVE=1 skips this suite');
  const sources = newestSourceTime();
  assert.ok(statSync(cli).mtimeMs >= sources, `${cli} is older than the C++ sources: rebuild it`);
  assert.ok(statSync(path.join(WEB, 'dist', 'postrender.wasm')).mtimeMs >= sources,
    'web/dist/postrender.wasm is older than the C++ sources: run scripts/build-wasm.sh');
});

test('wasm HTML is byte-identical to the native CLI for every input and option set', { skip: skip || !cli }, async (t) => {
  const renderer = await createRenderer();
  const files = await corpus(t);
  assert.ok(files.length >= 25, `corpus of ${files.length} files`);
  let compared = 0;
  for (const file of files) {
    const bytes = await readFile(file);
    for (const [flags, options] of OPTION_SETS) {
      const expected = native(['render', file, '--quiet', ...flags]).stdout;
      const actual = Buffer.from(renderer.render(bytes, { fileName: path.basename(file), ...options }).html, 'utf8');
      assert.ok(actual.equals(expected),
        `${path.basename(file)} ${flags.join(' ')}: wasm ${actual.length} bytes vs native ${expected.length} bytes; ` +
        `first difference at byte ${[...actual].findIndex((b, i) => b !== expected[i])}`);
      compared++;
    }
  }
  t.diagnostic(`${compared} renders compared byte for byte`);
});

test('every Post field equals the native --json result', { skip: skip || !cli }, async (t) => {
  const renderer = await createRenderer();
  for (const file of await corpus(t)) {
    const bytes = await readFile(file);
    for (const [flags, options] of OPTION_SETS.slice(0, 2)) {
      const expected = JSON.parse(native(['render', file, '--json', '--quiet', ...flags]).stdout.toString('utf8'));
      const post = renderer.render(bytes, { fileName: path.basename(file), ...options });
      // JSON has no NaN/Infinity: the native side writes null, as JSON.stringify does.
      assert.deepEqual(JSON.parse(JSON.stringify(post)), expected, `${path.basename(file)} ${flags.join(' ')}`);
    }
  }
});

test('the Node CLI prints the same bytes, warnings and exit status as the native CLI', { skip: skip || !cli }, async (t) => {
  const dir = await tempDir(t);
  const picks = stressInputs().filter(({ name }) => ['malformed-yaml', 'invalid-utf8', 'hostile-html', 'unicode'].includes(name));
  const files = [SEED];
  for (const { name, bytes } of picks) {
    files.push(path.join(dir, `${name}.md`));
    await writeFile(files.at(-1), bytes);
  }
  for (const file of files) {
    for (const flags of [[], ['--trusted', '--source-lines']]) {
      const expected = spawnSync(cli, ['render', file, ...flags], { maxBuffer: 64 << 20 });
      const actual = runCli(['render', file, ...flags]);
      const name = `${path.basename(file)} ${flags.join(' ')}`;
      assert.ok(actual.stdout.equals(expected.stdout), `${name}: stdout differs`);
      assert.equal(actual.stderr, expected.stderr.toString('utf8'), `${name}: warnings differ`);
      assert.equal(actual.status, expected.status, `${name}: exit status`);
    }
  }
  // Standard input too.
  const seed = await readFile(SEED);
  const expected = spawnSync(cli, ['render', '-'], { input: seed });
  const actual = runCli(['render', '-'], { input: seed });
  assert.ok(actual.stdout.equals(expected.stdout));
  assert.equal(actual.stderr, expected.stderr.toString('utf8'));
});
