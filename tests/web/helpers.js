// Shared helpers of the node:test suites in tests/web/ (run: node --test tests/web/).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WEB = path.join(ROOT, 'web');
export const BIN = path.join(WEB, 'bin', 'postrender.js');
export const FIXTURES = path.join(ROOT, 'tests', 'web', 'fixtures');
// The shared folder sits next to the repository (see the README).
export const SEED = path.join(ROOT, '..', 'shared', 'seed', '000_df5a8b09b0ad8a9a.txt');
export const EXAMPLES = path.join(ROOT, 'examples', 'posts');

if (!existsSync(path.join(WEB, 'dist', 'postrender.wasm'))) {
  throw new Error('web/dist/postrender.wasm is missing: run scripts/build-wasm.sh first');
}

/** A fresh temporary directory, removed when `t` (a node:test context) ends. */
export async function tempDir(t, prefix = 'postrender-test-') {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs the Node CLI synchronously: {status, stdout (Buffer), stderr (string)}. */
export function runCli(args, { input, cwd = ROOT, env } = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    input,
    env: { ...process.env, ...env },
    maxBuffer: 256 << 20,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}

/** Starts the Node CLI in the background; returns the child process. */
export function startCli(args, { cwd = ROOT } = {}) {
  return spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * The native CLI (cli/main.cpp) to compare against: $POSTRENDER_NATIVE_CLI, else the newest
 * build of it under build/{native-release,native-asan,native-debug,wasm-native}/. Null when
 * there is none.
 */
export function nativeCli() {
  if (process.env.POSTRENDER_NATIVE_CLI) return process.env.POSTRENDER_NATIVE_CLI;
  const builds = ['native-release', 'native-asan', 'native-debug', 'wasm-native']
    .map((p) => path.join(ROOT, 'build', p, 'cli', 'postrender'))
    .filter((file) => existsSync(file))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return builds[0] ?? null;
}

/** The newest modification time of the C++ sources a build depends on (core/, cli/, wasm/). */
export function newestSourceTime() {
  let newest = 0;
  for (const dir of ['core/src', 'core/include/postrender', 'cli', 'wasm']) {
    const full = path.join(ROOT, dir);
    if (!existsSync(full)) continue;
    for (const name of readdirSync(full)) {
      if (/\.(cpp|hpp|h|c)$/.test(name)) newest = Math.max(newest, statSync(path.join(full, name)).mtimeMs);
    }
  }
  return newest;
}

/** Resolves when `stream` has printed a line matching `pattern` (rejects after `ms`). */
export function waitForOutput(stream, pattern, ms = 30000) {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => {
      stream.off('data', onData);
      reject(new Error(`timed out waiting for ${pattern}; output so far:\n${seen}`));
    }, ms);
    function onData(chunk) {
      seen += chunk.toString('utf8');
      if (pattern.test(seen)) {
        clearTimeout(timer);
        stream.off('data', onData);
        resolve(seen);
      }
    }
    stream.on('data', onData);
  });
}

/**
 * The generated stress set: hostile or broken inputs every build must survive. Returns
 * [{name, bytes}] (bytes: Buffer), deterministic.
 */
export function stressInputs() {
  const utf8 = (s) => Buffer.from(s, 'utf8');
  const seedLike = '## 제목\n\n<p>한국어 <b><span style="color: #ee2323;">강조</span></b> 문장입니다.</p>\n\n- a\n- b\n\n';
  return [
    { name: 'empty', bytes: Buffer.alloc(0) },
    { name: 'only-front-matter', bytes: utf8('---\ntitle: x\n---\n') },
    { name: 'unclosed-front-matter', bytes: utf8('---\ntitle: x\n\nbody\n') },
    { name: 'malformed-yaml', bytes: utf8('---\ntitle: [unclosed\ntags: {a: \n---\n# Body\n\ntext\n') },
    { name: 'yaml-alias-bomb', bytes: utf8('---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n---\nbody\n') },
    { name: 'yaml-deep', bytes: utf8('---\na: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n---\nbody\n') },
    { name: 'yaml-types', bytes: utf8('---\nn: null\nb: true\ni: 42\nbig: 9007199254740993\nf: 2.5\nnan: .nan\ninf: -.inf\ns: "tab\\there"\nl: [1, [2, [3]]]\nm: {z: 1, a: 2, 10: ten}\n---\n') },
    { name: 'invalid-utf8', bytes: Buffer.concat([utf8('---\ntitle: bad \n---\nbefore '), Buffer.from([0xff, 0xc3, 0x28, 0xe2, 0x82, 0xed, 0xa0, 0x80]), utf8(' after\n')]) },
    { name: 'nul-bytes', bytes: Buffer.concat([utf8('# he'), Buffer.from([0]), utf8('llo\n\nte'), Buffer.from([0, 0]), utf8('xt <b>x\u0000</b>\n')]) },
    { name: 'bom-crlf', bytes: utf8('\ufeff---\r\ntitle: CRLF\r\n---\r\n# Head\r\n\r\nline one\r\nline two\r\n') },
    { name: 'deep-blockquote', bytes: utf8('>'.repeat(5000) + ' deep\n') },
    { name: 'deep-lists', bytes: utf8(Array.from({ length: 400 }, (_, i) => '  '.repeat(i) + '- item').join('\n') + '\n') },
    { name: 'deep-html', bytes: utf8('<div>'.repeat(3000) + 'x' + '</div>'.repeat(10) + '\n\n<b>'.repeat(1000) + 'end\n') },
    { name: 'deep-emphasis', bytes: utf8('*'.repeat(5000) + 'x' + '*'.repeat(5000) + '\n') },
    { name: 'hostile-html', bytes: utf8([
      '<script>alert(1)</script><img src=x onerror=alert(1)>',
      '<a href="javascript:alert(1)">js</a> <a href="jav&#x09;ascript:alert(1)">tab</a> <a href=" JaVaScRiPt:alert(1)">case</a>',
      '<iframe src="https://evil.example/"></iframe><object data=x></object><embed src=x>',
      '<svg><script>alert(1)</script><a xlink:href="javascript:alert(1)">s</a></svg><math><mi>x</mi></math>',
      '<style>body{display:none}</style><div style="position:fixed;top:0;background:url(javascript:x)">fixed</div>',
      '<p id="__proto__" name="document">clobber</p><form action=x><input name=y></form>',
      '<!-- comment --><![CDATA[x]]><noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
      '<b><i>unbalanced</b></i></div></div></article></body></html><textarea><p>x</textarea>',
      '[md link](javascript:alert(1)) ![img](data:text/html;base64,PHNjcmlwdD4=) <https://ok.example/>',
      '<a href="https://ok.example/" target="_top" rel="opener">target</a><img src="data:image/png;base64,iVBORw0KGgo=">',
    ].join('\n\n') + '\n') },
    { name: 'entities', bytes: utf8('&amp; &lt; &copy; &#x1F600; &#0; &#xD800; &bogus; &notin; &NotANamedEntity\n') },
    { name: 'long-line', bytes: utf8('word '.repeat(200000) + '\n') },
    { name: 'big-post', bytes: utf8('---\ntitle: big\n---\n' + seedLike.repeat(12000)) },
    { name: 'unicode', bytes: utf8('---\ntitle: "한글 😀 e\u0301 عربى"\ntags: [🏷️, 태그]\n---\n# 안녕하세요 😀\n\n👩‍👩‍👧‍👦 family, e\u0301, \u202eRTL, 漢字かな, عربى\n') },
  ];
}
