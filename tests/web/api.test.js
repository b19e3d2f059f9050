// The JavaScript API over the wasm module: result shape, option validation, errors as values,
// Unicode, large input.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { SEED } from './helpers.js';
import { createRenderer, PolicyPreset } from '../../web/src/index.js';
import { Engine } from '../../web/src/engine.js';

const renderer = await createRenderer();
const seed = await readFile(SEED);

const POST_FIELDS = ['html', 'frontMatter', 'title', 'date', 'categories', 'tags', 'slug', 'permalink', 'published',
  'image', 'excerptHtml', 'featureHtml', 'toc', 'wordCount', 'readingMinutes', 'warnings'];

function codes(post) {
  return post.warnings.map((w) => w.code);
}

test('createRenderer loads the module once and every renderer shares it', async () => {
  const other = await createRenderer({ baseUrl: 'https://example.com/' });
  assert.equal(other.engine, renderer.engine);
  assert.match(renderer.version, /^\d+\.\d+\.\d+/);
});

test('render returns every Post field as a plain value, html first', () => {
  const post = renderer.render(seed, { fileName: '2024-03-05-seed-news.md' });
  assert.deepEqual(Object.keys(post), POST_FIELDS);
  assert.equal(Object.getPrototypeOf(post), Object.prototype);
  assert.equal(typeof post.html, 'string');
  assert.equal(post.title, '혁신성장 조달청과 메인비즈의 특별한 협력!');
  assert.equal(post.date, '2024-03-05');
  assert.deepEqual(post.categories, ['고용']);
  assert.deepEqual(post.tags, []);
  assert.equal(post.slug, 'seed-news');
  assert.equal(post.permalink, '');
  assert.equal(post.published, true);
  assert.equal(post.image, '/assets/img/newsdao_breakingnews.jpg');
  assert.match(post.excerptHtml, /조달청-메인비즈 간담회/);
  assert.match(post.featureHtml, /seoulnews 실시간 뉴스 속보입니다/);
  assert.ok(post.toc.length >= 6, 'the seed has six or more <h2> headings');
  for (const entry of post.toc) {
    assert.deepEqual(Object.keys(entry), ['level', 'id', 'text']);
    assert.equal(entry.level, 2);
    assert.equal(typeof entry.id, 'string');
  }
  assert.equal(post.toc[0].text, '조달청과 메인비즈 간담회에서의 혁신성장 방안');
  assert.ok(post.wordCount > 100);
  assert.ok(post.readingMinutes >= 1);
  assert.ok(Array.isArray(post.warnings));
  // The colored spans of the seed survive.
  assert.match(post.html, /<span style="color: #ee2323;?">기업들의 성장과 혁신을 지원하기 위한 중요한 계기가 되었다<\/span>/);
});

test('front matter keeps YAML types, nesting and key order', () => {
  const { frontMatter } = renderer.render([
    '---',
    'zeta: null',
    'bool: true',
    'int: -42',
    'float: 2.5',
    'string: "tab\\there"',
    'list: [1, [2, [3]]]',
    'map: {b: 1, a: {c: yes}}',
    'nan: .nan',
    'inf: -.inf',
    'big: 9007199254740993',
    'alpha: last',
    '---',
    'body',
  ].join('\n'));
  assert.deepEqual(Object.keys(frontMatter), ['zeta', 'bool', 'int', 'float', 'string', 'list', 'map', 'nan', 'inf', 'big', 'alpha']);
  assert.equal(frontMatter.zeta, null);
  assert.equal(frontMatter.bool, true);
  assert.equal(frontMatter.int, -42);
  assert.equal(frontMatter.float, 2.5);
  assert.equal(frontMatter.string, 'tab\there');
  assert.deepEqual(frontMatter.list, [1, [2, [3]]]);
  assert.deepEqual(Object.keys(frontMatter.map), ['b', 'a']);
  assert.equal(typeof frontMatter.map.a.c, 'string', 'YAML 1.2 core schema: yes is a string');
  assert.ok(Number.isNaN(frontMatter.nan));
  assert.equal(frontMatter.inf, -Infinity);
  assert.equal(frontMatter.big, 9007199254740992, 'int64 beyond 2^53 becomes the nearest Number');
  assert.equal(frontMatter.alpha, 'last');
});

test('front matter keys and strings arrive as written: __proto__ is an own key, marker-like strings stay strings', () => {
  const post = renderer.render('---\n__proto__: {polluted: 1}\nnan: .nan\nlooks: "\\0nan"\nkeys: {"1": one, "0": zero}\n---\nbody');
  const frontMatter = post.frontMatter;
  assert.equal(Object.getPrototypeOf(frontMatter), Object.prototype);
  assert.deepEqual(Object.keys(frontMatter), ['__proto__', 'nan', 'looks', 'keys']);
  assert.deepEqual(Object.getOwnPropertyDescriptor(frontMatter, '__proto__').value, { polluted: 1 });
  assert.equal({}.polluted, undefined);
  assert.ok(Number.isNaN(frontMatter.nan));
  assert.equal(frontMatter.looks, '\0nan');
  assert.deepEqual(frontMatter.keys, { 0: 'zero', 1: 'one' });
  const parsed = renderer.parseFrontMatter('---\n__proto__: {polluted: 1}\nnan: .nan\ninf: -.inf\nlooks: "\\0nan"\n---\n');
  assert.deepEqual(Object.keys(parsed.frontMatter), ['__proto__', 'nan', 'inf', 'looks']);
  assert.equal(Object.getPrototypeOf(parsed.frontMatter), Object.prototype);
  assert.ok(Number.isNaN(parsed.frontMatter.nan));
  assert.equal(parsed.frontMatter.inf, -Infinity);
  assert.equal(parsed.frontMatter.looks, '\0nan');
});

test('Jekyll fields come from front matter and the file name', () => {
  const post = renderer.render('---\ntitle: T\ncategories: a b\ntags: [x, y]\npermalink: /p/:title/\npublished: false\n---\nhi',
    { fileName: '2023-07-09-my-slug.markdown' });
  assert.equal(post.title, 'T');
  assert.equal(post.date, '2023-07-09');
  assert.deepEqual(post.categories, ['a', 'b']);
  assert.deepEqual(post.tags, ['x', 'y']);
  assert.equal(post.slug, 'my-slug');
  assert.equal(post.permalink, '/p/:title/');
  assert.equal(post.published, false);
});

test('toc lists headings in order with their ids and levels', () => {
  const post = renderer.render('# One\n\ntext\n\n## Two & more\n\n### Three\n');
  assert.deepEqual(post.toc.map((e) => [e.level, e.text]), [[1, 'One'], [2, 'Two & more'], [3, 'Three']]);
  for (const entry of post.toc) assert.match(entry.id, /^user-content-/);
  const off = renderer.render('# One\n', { headingIds: false });
  assert.equal(off.toc[0].id, '');
  assert.doesNotMatch(off.html, /id=/);
  const prefixed = renderer.render('# One\n', { idPrefix: 'x-' });
  assert.equal(prefixed.toc[0].id, 'x-one');
});

test('renderMarkdown returns HTML for Markdown without front matter', () => {
  assert.equal(renderer.renderMarkdown('*hi* there'), '<p><em>hi</em> there</p>\n');
  // No front matter parsing: the fence is Markdown (a thematic break).
  assert.match(renderer.renderMarkdown('---\ntitle: x\n---\n'), /<hr/);
});

test('sanitize removes scripts and event handlers and keeps allowed markup', () => {
  const html = renderer.sanitize('<p onclick="x()">hi <b>there</b><script>alert(1)</script></p>');
  assert.doesNotMatch(html, /script|onclick/);
  assert.match(html, /<b>there<\/b>/);
  const strict = renderer.sanitize('<img src="https://example.com/a.png"><b>x</b>', { preset: PolicyPreset.strict });
  assert.doesNotMatch(strict, /<img/);
  const noBold = renderer.sanitize('<b>x</b><i>y</i>', { removeElements: ['b'] });
  assert.doesNotMatch(noBold, /<b>/);
  assert.match(noBold, /<i>y<\/i>/);
});

test('parseFrontMatter returns the tree and warnings only', () => {
  const result = renderer.parseFrontMatter('---\na: [1, {b: c}]\n---\n# body');
  assert.deepEqual(Object.keys(result), ['frontMatter', 'warnings']);
  assert.deepEqual(result.frontMatter, { a: [1, { b: 'c' }] });
  assert.deepEqual(result.warnings, []);
  assert.equal(renderer.parseFrontMatter('no front matter').frontMatter, null);
  const bad = renderer.parseFrontMatter('---\na: [1\n---\n');
  assert.equal(bad.frontMatter, null);
  assert.ok(bad.warnings.some((w) => w.code === 'yaml.syntax' && w.line >= 2));
});

test('options: sanitize false is trusted mode and keeps raw HTML', () => {
  const source = '<div onclick="x()">a</div>\n';
  assert.match(renderer.render(source, { sanitize: false }).html, /onclick/);
  assert.doesNotMatch(renderer.render(source).html, /onclick/);
  // Alternating options between calls always uses the current ones.
  for (let i = 0; i < 4; i++) {
    assert.equal(/onclick/.test(renderer.render(source, { sanitize: i % 2 === 0 }).html), i % 2 === 1);
  }
});

test('options: sourceLines, baseUrl, markdown extensions, nofollow', () => {
  assert.match(renderer.render('a\n\nb\n', { sourceLines: true }).html, /<p data-source-line="3">b<\/p>/);
  assert.match(renderer.render('[x](/about/)', { baseUrl: 'https://example.com/blog/' }).html,
    /href="https:\/\/example\.com\/about\/"/);
  const table = '| a | b |\n|---|---|\n| 1 | 2 |\n';
  assert.match(renderer.render(table).html, /<table>/);
  assert.doesNotMatch(renderer.render(table, { markdown: { tables: false } }).html, /<table>/);
  assert.match(renderer.render('~~x~~').html, /<del>x<\/del>/);
  assert.doesNotMatch(renderer.render('~~x~~', { markdown: { strikethrough: false } }).html, /<del>/);
  assert.match(renderer.render('[x](https://example.com/)', { policy: { nofollowLinks: true } }).html, /rel="[^"]*\bnofollow ugc\b[^"]*"/);
});

test('renderer defaults merge with per-call options group by group', async () => {
  const custom = await createRenderer({ sourceLines: true, markdown: { tables: false } });
  const table = '| a | b |\n|---|---|\n| 1 | 2 |\n';
  const post = custom.render(table, { markdown: { strikethrough: false } });
  assert.doesNotMatch(post.html, /<table/, "markdown.tables from the defaults");
  assert.match(post.html, /data-source-line/, 'sourceLines from the defaults');
  assert.match(custom.render(table, { markdown: { tables: true } }).html, /<table[\s>]/);
});

test('options: unknown keys and wrong types throw a TypeError naming the option', () => {
  const cases = [
    [{ trusted: true }, /unknown option trusted/],
    [{ markdown: { tables: 1 } }, /markdown\.tables must be a boolean/],
    [{ markdown: { gfm: true } }, /unknown option markdown\.gfm/],
    [{ sanitize: 'false' }, /sanitize must be a boolean/],
    [{ baseUrl: 7 }, /baseUrl must be a string/],
    [{ limits: { maxNesting: 0 } }, /limits\.maxNesting must be an integer/],
    [{ limits: { maxInputBytes: 1.5 } }, /limits\.maxInputBytes must be an integer/],
    [{ limits: [] }, /limits must be a plain object/],
    [{ policy: { preset: 'loose' } }, /policy\.preset must be "blogPost" or "strict"/],
    [{ policy: { allowElements: 'b' } }, /policy\.allowElements must be an array/],
    [{ policy: { allowElements: ['b', ''] } }, /policy\.allowElements\[1\]/],
    [{ policy: { allowAttributes: { href: 'a' } } }, /policy\.allowAttributes\.href must be an array/],
    [{ policy: { nofollowLinks: 'yes' } }, /policy\.nofollowLinks must be a boolean/],
    [{ policy: { allowedTargets: [null] } }, /policy\.allowedTargets\[0\]/],
    [{ wordsPerMinute: -1 }, /wordsPerMinute must be an integer/],
    ['sanitize', /must be a plain object/],
  ];
  for (const [options, message] of cases) {
    assert.throws(() => renderer.render('x', options), (e) => e instanceof TypeError && message.test(e.message),
      JSON.stringify(options));
  }
  assert.throws(() => renderer.renderMarkdown('x', { bogus: 1 }), TypeError);
  assert.throws(() => renderer.sanitize('x', { allowElements: 3 }), TypeError);
  assert.rejects(createRenderer({ bogus: true }), TypeError);
  // undefined values mean "not given"; null options mean none.
  assert.doesNotThrow(() => renderer.render('x', { baseUrl: undefined }));
  assert.doesNotThrow(() => renderer.render('x', null));
});

test('source must be a string or a Uint8Array', () => {
  for (const bad of [42, null, undefined, {}, ['x'], new ArrayBuffer(1)]) {
    assert.throws(() => renderer.render(bad), TypeError);
  }
  assert.throws(() => renderer.sanitize(1), TypeError);
  assert.throws(() => renderer.parseFrontMatter(null), TypeError);
  const text = '# Hi 😀\n';
  assert.deepEqual(renderer.render(new TextEncoder().encode(text)), renderer.render(text));
  assert.deepEqual(renderer.render(Buffer.from(text)), renderer.render(text));
});

test('errors are values: malformed YAML still renders the body, with a positioned error', () => {
  const post = renderer.render('---\ntitle: [unclosed\n---\n# Body\n\ntext\n');
  assert.match(post.html, /<h1[^>]*>Body<\/h1>/);
  assert.equal(post.frontMatter, null);
  const w = post.warnings.find((x) => x.code === 'yaml.syntax');
  assert.ok(w, codes(post).join());
  assert.equal(w.severity, 'error');
  assert.ok(w.line >= 2 && w.line <= 3 && w.column >= 1, JSON.stringify(w));
});

test('errors are values: invalid UTF-8 and NUL bytes become U+FFFD with a warning', () => {
  const bytes = Buffer.concat([Buffer.from('line one\nbad '), Buffer.from([0xff, 0xfe]), Buffer.from(' and\u0000nul\n')]);
  const post = renderer.render(bytes);
  assert.match(post.html, /bad \uFFFD\uFFFD and\uFFFDnul/);
  const w = post.warnings.find((x) => x.code === 'utf8.invalid');
  assert.ok(w, codes(post).join());
  assert.equal(w.line, 2);
  assert.equal(w.column, 5);
  const nul = renderer.render('a\u0000b');
  assert.ok(nul.warnings.some((x) => x.code === 'utf8.nul'), codes(nul).join());
  assert.match(nul.html, /a\uFFFDb/);
});

test('errors are values: input over limits.maxInputBytes is cut at a character with a warning', () => {
  const text = '가'.repeat(1000);  // 3000 bytes
  const post = renderer.render(text, { limits: { maxInputBytes: 1000 } });
  const w = post.warnings.find((x) => x.code === 'limit.input-size');
  assert.ok(w, codes(post).join());
  assert.match(post.html, /^<p>가+<\/p>\n$/);
  assert.equal(post.html.match(/가/g).length, 333, '1000 bytes hold 333 whole characters');
  // Bytes behave the same.
  assert.equal(renderer.render(Buffer.from(text), { limits: { maxInputBytes: 1000 } }).html, post.html);
});

test('errors are values: deep nesting and huge input render without throwing', () => {
  const deep = renderer.render('<div>'.repeat(20000) + 'x');
  assert.ok(deep.warnings.some((w) => w.code === 'limit.nesting'), codes(deep).slice(0, 5).join());
  assert.ok((deep.html.match(/<div>/g) ?? []).length <= 256);
  const quotes = renderer.render('>'.repeat(20000) + ' q\n');
  assert.match(quotes.html, / ?q/);
  const yaml = renderer.render('---\na: ' + '['.repeat(20000) + '\n---\nbody');
  assert.match(yaml.html, /body/);
  assert.ok(yaml.warnings.some((w) => w.severity === 'error'));
  const big = renderer.render('word '.repeat(2_000_000));  // 10 MB
  assert.equal(big.wordCount, 2_000_000);
  assert.ok(big.html.length > 10_000_000 - 10);
});

test('Unicode round trip: Korean, emoji, combining marks, RTL', () => {
  const text = '한글 😀 👩‍👩‍👧‍👦 e\u0301 \u05e9\u05dc\u05d5\u05dd 漢字 \ud834\udd1e';
  const post = renderer.render(`---\ntitle: "${text}"\ntags: [🏷️]\n---\n${text}\n\n# ${text}\n`);
  assert.equal(post.title, text);
  assert.equal(post.frontMatter.title, text);
  assert.deepEqual(post.tags, ['🏷️']);
  assert.ok(post.html.includes(`<p>${text}</p>`), post.html);
  assert.equal(post.toc[0].text, text);
  // A leading BOM of the output is content: not eaten by the decoder.
  assert.equal(renderer.renderMarkdown('x\ufeff'), '<p>x\ufeff</p>\n');
  // Lone surrogates cannot be UTF-8: they arrive as U+FFFD.
  assert.equal(renderer.renderMarkdown('a\ud800b'), '<p>a\ufffdb</p>\n');
});

test('returned strings belong to the caller: later calls do not change them', () => {
  const first = renderer.render('# First\n\nalpha');
  const copy = JSON.stringify(first);
  renderer.render('# Second\n\n' + 'beta '.repeat(10000));
  renderer.renderMarkdown('gamma');
  assert.equal(JSON.stringify(first), copy);
});

test('no C++ exception reaches JavaScript: the guard turns throws into values', () => {
  const engine = renderer.engine;
  const expected = ['internal error: test exception', 'internal error: out of memory', 'internal error: unknown exception'];
  for (const [kind, message] of expected.entries()) {
    const result = engine.testThrow(kind);
    assert.equal(result.html, null);
    assert.deepEqual(result.warnings, [{ severity: 'error', code: 'internal', message, line: 0, column: 0 }]);
  }
  // The module is still usable afterwards.
  assert.equal(renderer.renderMarkdown('ok'), '<p>ok</p>\n');
});

test('a trap inside the module becomes an error value, and the engine is retired', () => {
  // A stand-in module whose entry points trap the way a wasm RuntimeError would.
  const heap = new Uint8Array(64);
  heap.set(new TextEncoder().encode('9.9.9\0'), 0);
  const module = {
    HEAPU8: heap,
    HEAPU32: new Uint32Array(heap.buffer),
    _pr_version: () => 0,
    _pr_buffer: () => 16,
    _pr_set_options: () => 32,  // all-zero result: accepted
    _pr_render: () => {
      throw new WebAssembly.RuntimeError('unreachable');
    },
    _pr_render_markdown: () => 32,
    _pr_release: () => {},
  };
  let retired = null;
  const engine = new Engine(module, (e) => {
    retired = e;
  });
  assert.equal(engine.version, '9.9.9');
  const post = engine.render('x', {}, '{}');
  assert.equal(post.html, '');
  assert.equal(post.warnings[0].code, 'internal');
  assert.match(post.warnings[0].message, /stopped \(unreachable\)/);
  assert.equal(retired, engine);
  // Afterwards every call answers with an error value without touching the module.
  assert.equal(engine.renderMarkdown('x', {}, '{}'), '');
  assert.equal(engine.parseFrontMatter('x').warnings[0].code, 'internal');
});
