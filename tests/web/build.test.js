// `postrender build`: the static site from the fixture site (+ the seed): pages at Jekyll
// permalinks, drafts, index order, posts.json, a well-formed Atom feed, layouts, failures that
// do not stop the build, never writing outside --out, worker threads, --watch.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { createRequire } from 'node:module';
import { FIXTURES, runCli, SEED, startCli, tempDir, WEB, waitForOutput } from './helpers.js';

// The XML parser is a pinned dev dependency of the package (web/package.json).
const { XMLParser, XMLValidator } = createRequire(path.join(WEB, 'package.json'))('fast-xml-parser');

const EXPECTED_PAGES = [
  // newest first, as the index lists them
  ['고용/2024/03/05/seed-news/index.html', '혁신성장 조달청과 메인비즈의 특별한 협력!'],
  ['일상/2024/02/01/korean/index.html', '서울의 봄 — 한글 게시물'],
  ['notes/meta/2024/01/15/hello-world/index.html', 'Hello, world'],
  ['custom/emoji-post/index.html', 'Ampersands & <angle> "quotes" 🎄'],
  ['misc/2022/06/30/plain-page/index.html', 'A page in a subdirectory'],
];

async function fixtureSite(t) {
  const dir = await tempDir(t);
  const src = path.join(dir, 'site');
  await cp(path.join(FIXTURES, 'site'), src, { recursive: true });
  await cp(SEED, path.join(src, '_posts', '2024-03-05-seed-news.md'));
  // The draft has no date: its URL comes from the file's modification time.
  const when = new Date('2021-04-05T12:00:00Z');
  await utimes(path.join(src, '_drafts', 'work-in-progress.md'), when, when);
  return { dir, src, out: path.join(dir, 'out') };
}

async function files(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(path.relative(dir, path.join(entry.parentPath ?? entry.path, entry.name)));
  }
  return out.sort();
}

function decodeEntities(text) {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

test('builds the fixture site: one page per published post at its Jekyll permalink', async (t) => {
  const { src, out } = await fixtureSite(t);
  const result = runCli(['build', src, '--out', out, '--title', 'Fixture & Co']);
  assert.equal(result.status, 0, result.stderr);
  const expected = [...EXPECTED_PAGES.map(([page]) => page), 'feed.xml', 'index.html', 'posts.json'].sort();
  assert.deepEqual(await files(out), expected);
  assert.match(result.stderr, /rendered 7\/7 posts/, 'plain progress lines when not on a terminal');
  assert.match(result.stderr, /postrender: built 5 posts, 2 drafts skipped, 0 failed, \d+ warnings? in \d+\.\d\d s/);
});

test('post pages: escaped title, body, date, categories, TOC, feature image and text, language', async (t) => {
  const { src, out } = await fixtureSite(t);
  assert.equal(runCli(['build', src, '--out', out]).status, 0);
  const emoji = await readFile(path.join(out, 'custom/emoji-post/index.html'), 'utf8');
  assert.match(emoji, /<h1>Ampersands &amp; &lt;angle&gt; &quot;quotes&quot; 🎄<\/h1>/);
  assert.match(emoji, /<title>Ampersands &amp; &lt;angle&gt; &quot;quotes&quot; 🎄 · Posts<\/title>/);
  assert.match(emoji, /<time datetime="2023-12-24T18:30:00\+09:00">2023-12-24<\/time>/);
  assert.doesNotMatch(emoji, /<script>alert|onclick/, 'the body is sanitized');
  const hello = await readFile(path.join(out, 'notes/meta/2024/01/15/hello-world/index.html'), 'utf8');
  assert.match(hello, /<nav class="toc"[^>]*>[\s\S]*What is here[\s\S]*What comes next[\s\S]*<\/nav>/);
  assert.match(hello, /Notes, Meta · 1 min read/);
  assert.match(hello, /<strong>first<\/strong>/);
  assert.match(hello, /<a href="(\.\.\/){6}">Posts<\/a>/, 'a relative link back to the index');
  const seed = await readFile(path.join(out, '고용/2024/03/05/seed-news/index.html'), 'utf8');
  assert.match(seed, /<figure class="feature"><img src="\/assets\/img\/newsdao_breakingnews\.jpg" alt=""><\/figure>/);
  assert.match(seed, /<div class="feature-text">[\s\S]*seoulnews 실시간 뉴스 속보입니다/);
  assert.match(seed, /<span style="color: #ee2323;?">기업들의 성장과 혁신을/);
  const korean = await readFile(path.join(out, '일상/2024/02/01/korean/index.html'), 'utf8');
  assert.match(korean, /<html lang="ko">/);
});

test('the index lists posts newest first with excerpts; posts.json matches', async (t) => {
  const { src, out } = await fixtureSite(t);
  assert.equal(runCli(['build', src, '--out', out]).status, 0);
  const index = await readFile(path.join(out, 'index.html'), 'utf8');
  const titles = [...index.matchAll(/<h2><a href="([^"]+)">([^<]*)<\/a><\/h2>/g)];
  assert.deepEqual(titles.map((m) => decodeEntities(m[2])), EXPECTED_PAGES.map(([, title]) => title));
  for (const [i, m] of titles.entries()) {
    assert.equal(decodeURIComponent(m[1]) + 'index.html', EXPECTED_PAGES[i][0]);
  }
  assert.match(index, /<div class="excerpt"><p>This is the <strong>first<\/strong> post/);
  assert.match(index, /<div class="excerpt"><p>A <em>custom<\/em> excerpt &amp; more\.<\/p>/);

  const posts = JSON.parse(await readFile(path.join(out, 'posts.json'), 'utf8'));
  assert.deepEqual(posts.map((p) => p.title), EXPECTED_PAGES.map(([, title]) => title));
  assert.deepEqual(posts.map((p) => decodeURIComponent(p.url).slice(1) + 'index.html'), EXPECTED_PAGES.map(([page]) => page));
  const hello = posts[2];
  assert.equal(hello.path, '/notes/meta/2024/01/15/hello-world/');
  assert.equal(hello.date, '2024-01-15T00:00:00Z');
  assert.deepEqual(hello.categories, ['Notes', 'Meta']);
  assert.deepEqual(hello.tags, ['intro', 'markdown']);
  assert.equal(hello.readingMinutes, 1);
  assert.equal(hello.source, '_posts/2024-01-15-hello-world.md');
  assert.equal(hello.frontMatter.author, 'Ada');
  assert.match(hello.excerptHtml, /^<p>This is the <strong>first<\/strong>/);
  assert.equal(posts[0].url, '/%EA%B3%A0%EC%9A%A9/2024/03/05/seed-news/');
});

test('the Atom feed is well-formed XML with unique ids, RFC 3339 dates and escaped text', async (t) => {
  const { src, out } = await fixtureSite(t);
  assert.equal(runCli(['build', src, '--out', out, '--title', 'Fixture & <Co>', '--base-url', 'https://example.com/blog/']).status, 0);
  const xml = await readFile(path.join(out, 'feed.xml'), 'utf8');
  assert.equal(XMLValidator.validate(xml), true);
  const { feed } = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
  assert.equal(feed.xmlns, 'http://www.w3.org/2005/Atom');
  assert.equal(feed.title, 'Fixture & <Co>');
  const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
  assert.match(feed.updated, rfc3339);
  assert.equal(feed.updated, '2024-03-05T00:00:00Z');
  assert.equal(feed.entry.length, 5);
  assert.deepEqual(feed.entry.map((e) => e.title['#text'] ?? e.title), EXPECTED_PAGES.map(([, title]) => title));
  const ids = feed.entry.map((e) => e.id);
  assert.equal(new Set(ids).size, ids.length);
  assert.equal(ids[2], 'https://example.com/blog/notes/meta/2024/01/15/hello-world/');
  for (const entry of feed.entry) {
    assert.match(entry.updated, rfc3339);
    assert.match(entry.published, rfc3339);
    assert.match(entry.link.href, /^https:\/\/example\.com\/blog\//);
  }
  assert.equal(feed.entry[2].author.name, 'Ada');
  assert.match(feed.entry[2].content['#text'], /<strong>first<\/strong>/, 'HTML content escaped once');
  // Without --base-url the ids are stable urn:uuid values.
  const out2 = path.join(path.dirname(out), 'out2');
  assert.equal(runCli(['build', src, '--out', out2]).status, 0);
  const xml2 = await readFile(path.join(out2, 'feed.xml'), 'utf8');
  assert.equal(XMLValidator.validate(xml2), true);
  const ids2 = [...xml2.matchAll(/<id>([^<]+)<\/id>/g)].map((m) => m[1]);
  assert.equal(ids2.length, 6);
  for (const id of ids2) assert.match(id, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(new Set(ids2).size, 6);
});

test('--drafts includes unpublished posts and _drafts/, dated by file time when undated', async (t) => {
  const { src, out } = await fixtureSite(t);
  const result = runCli(['build', src, '--out', out, '--drafts']);
  assert.equal(result.status, 0, result.stderr);
  assert.ok(existsSync(path.join(out, '2024/03/01/not-yet/index.html')));
  assert.ok(existsSync(path.join(out, '2021/04/05/work-in-progress/index.html')));
  assert.match(result.stderr, /built 7 posts, 0 failed/);
});

test('--layout: placeholders filled, escaped by default, HTML ones raw; unknown ones refused', async (t) => {
  const { dir, src, out } = await fixtureSite(t);
  const layout = path.join(dir, 'layout.html');
  await writeFile(layout, '<html><title>{{ title }}</title><body data-url="{{url}}">{{ content }}<i>{{ date }}|{{ site_title }}|{{ tags }}</i></body></html>\n');
  const result = runCli(['build', src, '--out', out, '--layout', layout, '--title', 'A&B']);
  assert.equal(result.status, 0, result.stderr);
  const emoji = await readFile(path.join(out, 'custom/emoji-post/index.html'), 'utf8');
  assert.match(emoji, /^<html><title>Ampersands &amp; &lt;angle&gt; &quot;quotes&quot; 🎄<\/title><body data-url="\/custom\/emoji-post\/"><p>Merry/);
  assert.match(emoji, /<i>2023-12-24\|A&amp;B\|<\/i>/);
  await writeFile(layout, '<p>{{ title }}</p>\n{{ nonsense }}\n');
  const bad = runCli(['build', src, '--out', path.join(dir, 'out-bad'), '--layout', layout]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /layout\.html:2: unknown placeholder \{\{ nonsense \}\}/);
});

test('failing posts are reported and skipped, the rest is built, the exit status is 1', async (t) => {
  const dir = await tempDir(t);
  const src = path.join(dir, 'src');
  const out = path.join(dir, 'deep', 'out');
  await mkdir(path.join(src, '_posts'), { recursive: true });
  const post = (name, text) => writeFile(path.join(src, '_posts', name), text);
  await post('2024-01-01-good.md', '---\ntitle: Good\n---\nfine\n');
  await post('2024-01-02-escape.md', '---\ntitle: Escape\npermalink: /../../../evil/\n---\nx\n');
  await post('2024-01-03-encoded.md', '---\npermalink: /a/%2e%2e/%2E%2E/evil2/\n---\nx\n');
  await post('2024-01-04-category.md', '---\ncategories: ["../../evil3"]\n---\nx\n');
  await post('2024-01-05-same-a.md', '---\npermalink: /same/\n---\na\n');
  await post('2024-01-06-same-b.md', '---\npermalink: /same/\n---\nb\n');
  await post('2024-01-07-reserved.md', '---\npermalink: /feed.xml\n---\nx\n');
  await post('2024-01-08-yaml.md', '---\ntitle: [broken\n---\nx\n');
  await post('2024-01-09-utf8.md', Buffer.concat([Buffer.from('---\ntitle: Bytes\n---\nok '), Buffer.from([0xff]), Buffer.from('\n')]));
  const result = runCli(['build', src, '--out', out]);
  assert.equal(result.status, 1, result.stderr);
  assert.ok(existsSync(path.join(out, '2024/01/01/good/index.html')));
  assert.ok(existsSync(path.join(out, 'same/index.html')));
  assert.equal(await readFile(path.join(out, 'same/index.html'), 'utf8').then((h) => /<p>a<\/p>/.test(h)), true,
    'the first post (by file name) keeps a contested permalink');
  assert.ok(existsSync(path.join(out, '2024/01/09/utf8/index.html')), 'warnings alone do not fail a post');
  for (const evil of ['evil', 'evil2', 'evil3']) {
    assert.ok(!(await files(dir)).some((f) => f.includes(evil)), `${evil} written somewhere`);
  }
  const lines = result.stderr;
  assert.match(lines, /2024-01-02-escape\.md: error: permalink "\/\.\.\/\.\.\/\.\.\/evil\/" leaves the output directory/);
  assert.match(lines, /2024-01-03-encoded\.md: error: permalink .* leaves the output directory/);
  assert.match(lines, /2024-01-04-category\.md: error: permalink .* leaves the output directory/);
  assert.match(lines, /2024-01-06-same-b\.md: error: permalink \/same\/ is already used by .*2024-01-05-same-a\.md/);
  assert.match(lines, /2024-01-07-reserved\.md: error: permalink "\/feed\.xml" is reserved for the site's own feed\.xml/);
  assert.match(lines, /2024-01-08-yaml\.md:[23]:\d+: error: .+ \[yaml\.syntax\]/);
  assert.match(lines, /2024-01-08-yaml\.md: error: not written/);
  assert.match(lines, /2024-01-09-utf8\.md:4:4: warning: .+ \[utf8\.invalid\]/);
  assert.match(lines, /built 3 posts, 6 failed/);
});

test('never writes through a symbolic link out of --out; refuses --out that holds the sources', async (t) => {
  const dir = await tempDir(t);
  const src = path.join(dir, 'src');
  const out = path.join(dir, 'out');
  const outside = path.join(dir, 'outside');
  await mkdir(path.join(src, '_posts'), { recursive: true });
  await mkdir(out);
  await mkdir(outside);
  await symlink(outside, path.join(out, 'link'));
  await writeFile(path.join(src, '_posts', '2024-01-01-x.md'), '---\npermalink: /link/x/\n---\nx\n');
  const result = runCli(['build', src, '--out', out]);
  assert.equal(result.status, 1);
  assert.match(result.stderr, /leads outside the output directory/);
  assert.deepEqual(await readdir(outside), []);
  for (const bad of [src, dir]) {
    const refused = runCli(['build', src, '--out', bad]);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /must not be the source directory or contain it/);
  }
  // An output directory inside the sources (Jekyll's _site) is fine.
  await writeFile(path.join(src, '_posts', '2024-01-01-x.md'), '---\ntitle: X\n---\nx\n');
  const inner = runCli(['build', src, '--out', path.join(src, '_site')]);
  assert.equal(inner.status, 0, inner.stderr);
  assert.ok(existsSync(path.join(src, '_site', '2024/01/01/x/index.html')));
});

test('worker threads give the same site as one thread', async (t) => {
  const dir = await tempDir(t);
  const src = path.join(dir, 'src');
  await mkdir(path.join(src, '_posts'), { recursive: true });
  const seed = await readFile(SEED, 'utf8');
  for (let i = 0; i < 40; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String((i % 12) + 1).padStart(2, '0');
    const body = i % 4 === 0 ? seed : `---\ntitle: Post ${i}\ntags: [t${i % 3}]\n---\n# Heading ${i}\n\nText ${i} *em*.\n\n## Sub\n`;
    await writeFile(path.join(src, '_posts', `2020-${month}-${day}-post-${i}.md`), body);
  }
  const one = runCli(['build', src, '--out', path.join(dir, 'one'), '--jobs', '1']);
  const many = runCli(['build', src, '--out', path.join(dir, 'many'), '--jobs', '3']);
  assert.equal(one.status, 0, one.stderr);
  assert.equal(many.status, 0, many.stderr);
  const a = await files(path.join(dir, 'one'));
  assert.equal(a.length, 43);
  assert.deepEqual(await files(path.join(dir, 'many')), a);
  for (const file of a) {
    assert.ok((await readFile(path.join(dir, 'one', file))).equals(await readFile(path.join(dir, 'many', file))), file);
  }
});

test('--watch rebuilds a changed post and the index, adds new posts and removes deleted ones', async (t) => {
  const { src, out } = await fixtureSite(t);
  const child = startCli(['build', src, '--out', out, '--watch']);
  t.after(() => child.kill('SIGKILL'));
  await waitForOutput(child.stderr, /watching /);
  const hello = path.join(src, '_posts', '2024-01-15-hello-world.md');
  const text = await readFile(hello, 'utf8');
  await writeFile(hello, text.replace('title: Hello, world', 'title: Hello again'));
  await waitForOutput(child.stderr, /rebuilt .*hello-world\.md and the index/);
  const page = await readFile(path.join(out, 'notes/meta/2024/01/15/hello-world/index.html'), 'utf8');
  assert.match(page, /<h1>Hello again<\/h1>/);
  assert.match(await readFile(path.join(out, 'index.html'), 'utf8'), />Hello again</);

  await writeFile(path.join(src, '_posts', '2025-01-01-new.md'), '---\ntitle: Brand new\n---\nnew\n');
  await waitForOutput(child.stderr, /rebuilt .*2025-01-01-new\.md/);
  assert.ok(existsSync(path.join(out, '2025/01/01/new/index.html')));
  const posts = JSON.parse(await readFile(path.join(out, 'posts.json'), 'utf8'));
  assert.equal(posts[0].title, 'Brand new', 'newest first');

  await rm(path.join(src, '_posts', '2025-01-01-new.md'));
  await waitForOutput(child.stderr, /rebuilt .*2025-01-01-new\.md/);
  assert.ok(!existsSync(path.join(out, '2025/01/01/new/index.html')));
  assert.doesNotMatch(await readFile(path.join(out, 'index.html'), 'utf8'), /Brand new/);

  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
});

test('the progress bar draws on a terminal and gives way to warning lines', async () => {
  const { Reporter } = await import('../../web/src/site/report.js');
  let written = '';
  const stream = { isTTY: true, write: (s) => { written += s; } };
  const reporter = new Reporter(stream, { cwd: '/site' });
  reporter.start(4);
  reporter.advance();
  reporter.warning('/site/_posts/a.md', { severity: 'warning', code: 'utf8.invalid', message: 'bad byte', line: 3, column: 7 });
  reporter.advance();
  reporter.advance();
  reporter.advance();
  assert.match(written, /\r\x1b\[2K\[#{8}\.{22}\] 1\/4 posts/);
  assert.match(written, /\r\x1b\[2K_posts\/a\.md:3:7: warning: bad byte \[utf8\.invalid\]\n/);
  assert.match(written, /\[#{30}\] 4\/4 posts\r\x1b\[2K$/, 'the bar is cleared at the end');
  assert.doesNotMatch(written, /rendered \d/, 'no plain lines on a terminal');
});
