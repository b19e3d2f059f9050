// Builds the benchmark corpus: posts grouped by kind, each { group, name, text, bytes }.
//
//   examples  examples/posts/*.md (skipped when absent)
//   seed      ../shared/seed/*.txt relative to the repo root (real blog posts)
//   readme    README.md of every package installed in bench/node_modules, wrapped in a small front matter
//   spec      the CommonMark spec text (commonmark-spec ships spec.txt)
//   stress    generated here: 1 MB and 10 MB posts, 1,000-deep lists and blockquotes,
//             a paragraph of 100,000 links, 50,000 raw HTML tags, tag soup
//
// Everything is deterministic (a seeded PRNG), so two runs measure the same bytes.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(BENCH_DIR, '..');

const encoder = new TextEncoder();

function post(group, name, text) {
  return { group, name, text, bytes: encoder.encode(text).length };
}

function frontMatter(fields) {
  const lines = ['---'];
  for (const [key, value] of Object.entries(fields)) {
    if (Array.isArray(value)) lines.push(`${key}: [${value.map((v) => JSON.stringify(v)).join(', ')}]`);
    else lines.push(`${key}: ${JSON.stringify(value)}`);
  }
  lines.push('---', '', '');
  return lines.join('\n');
}

function readDir(dir, filter) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter(filter)
    .sort()
    .map((f) => path.join(dir, f));
}

export function examplePosts(repoRoot = REPO_ROOT) {
  return readDir(path.join(repoRoot, 'examples', 'posts'), (f) => f.endsWith('.md')).map((file) =>
    post('examples', path.basename(file), fs.readFileSync(file, 'utf8')),
  );
}

export function seedPosts(repoRoot = REPO_ROOT) {
  return readDir(path.resolve(repoRoot, '..', 'shared', 'seed'), (f) => f.endsWith('.txt')).map((file) =>
    post('seed', path.basename(file), fs.readFileSync(file, 'utf8')),
  );
}

// The README files of the installed packages: Markdown written by many different people.
export function readmePosts(benchDir = BENCH_DIR) {
  const modules = path.join(benchDir, 'node_modules');
  if (!fs.existsSync(modules)) return [];
  const packageDirs = [];
  for (const entry of fs.readdirSync(modules).sort()) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) {
      for (const sub of fs.readdirSync(path.join(modules, entry)).sort()) packageDirs.push(`${entry}/${sub}`);
    } else {
      packageDirs.push(entry);
    }
  }
  const seen = new Set();
  const posts = [];
  for (const name of packageDirs) {
    const dir = path.join(modules, name);
    let readme;
    try {
      readme = fs.readdirSync(dir).find((f) => /^readme\.(md|markdown)$/i.test(f));
    } catch {
      continue;
    }
    if (!readme) continue;
    const body = fs.readFileSync(path.join(dir, readme), 'utf8');
    if (body.trim() === '' || seen.has(body)) continue;
    seen.add(body);
    const fm = frontMatter({ title: `${name} README`, date: '2024-05-01', tags: ['npm', name] });
    posts.push(post('readme', `${name.replace('/', '__')}.md`, fm + body));
  }
  return posts;
}

// spec.txt opens with a YAML block closed by "..."; close it with "---" like a blog post.
export function specPosts(benchDir = BENCH_DIR) {
  const file = path.join(benchDir, 'node_modules', 'commonmark-spec', 'spec.txt');
  if (!fs.existsSync(file)) return [];
  let text = fs.readFileSync(file, 'utf8');
  text = text.replace(/^(---\n[\s\S]*?\n)\.\.\.\n/, '$1---\n');
  return [post('spec', 'commonmark-spec-0.31.2.md', text)];
}

// xorshift32: deterministic filler for the generated posts.
function prng(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

const WORDS = (
  'the of and to in is that for it as was with be by on not he this are or his from at which but have an ' +
  'they you were her she there been one all we their has would when if so no will out more up its what some ' +
  'time than into only other new could very also after most made over did people way year first may such ' +
  'markdown render safe html post blog wasm native parser writer sanitizer policy benchmark latency'
).split(' ');
const KOREAN = '조달청과 메인비즈 간담회에서의 혁신성장 방안 중소기업의 다양한 논의 진행되었습니다'.split(' ');

// A realistic mixed post body of about `targetBytes`: headings, paragraphs with emphasis, links,
// code, inline HTML with styles, lists, tables, quotes, images and the odd hostile attribute.
export function mixedBody(targetBytes, seed = 1) {
  const rnd = prng(seed);
  const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
  const sentence = (n) => {
    const words = [];
    for (let i = 0; i < n; i++) {
      const r = rnd();
      let w = rnd() < 0.08 ? pick(KOREAN) : pick(WORDS);
      if (r < 0.04) w = `**${w}**`;
      else if (r < 0.08) w = `*${w}*`;
      else if (r < 0.1) w = `\`${w}()\``;
      else if (r < 0.12) w = `[${w}](https://example.com/${w}?q=${i})`;
      else if (r < 0.13) w = `<b><span style="color: #ee2323;">${w}</span></b>`;
      else if (r < 0.135) w = `<a href="javascript:alert(${i})">${w}</a>`;
      words.push(w);
    }
    const s = words.join(' ');
    return s[0].toUpperCase() + s.slice(1) + '.';
  };
  const parts = [];
  let size = 0;
  let block = 0;
  while (size < targetBytes) {
    const kind = block % 12;
    let text;
    if (kind === 0) text = `## Section ${block / 12 + 1}: ${sentence(4).slice(0, -1)}`;
    else if (kind === 3) text = Array.from({ length: 4 }, () => `- ${sentence(6)}`).join('\n');
    else if (kind === 5) text = '```js\n' + `const x${block} = render(source, { sanitize: true });\nconsole.log(x${block}.html);\n` + '```';
    else if (kind === 6) text = `<p data-ke-size="size16">${sentence(20)}</p>`;
    else if (kind === 7) text = `> ${sentence(12)}\n> ${sentence(8)}`;
    else if (kind === 8) text = '| a | b | c |\n|---|:-:|--:|\n' + Array.from({ length: 3 }, (_, i) => `| ${pick(WORDS)} | ${i} | ${pick(WORDS)} |`).join('\n');
    else if (kind === 9) text = `![image ${block}](/assets/img/p${block}.jpg "title")\n\n<img src="/a${block}.png" onerror="alert(1)" alt="x">`;
    else if (kind === 10) text = `1. ${sentence(5)}\n2. [ ] ${sentence(5)}\n3. [x] ~~${pick(WORDS)}~~ ${sentence(3)}`;
    else text = `${sentence(30)} ${sentence(25)}`;
    parts.push(text);
    size += encoder.encode(text).length + 2;
    block++;
  }
  return parts.join('\n\n') + '\n';
}

function stressFrontMatter(name) {
  return frontMatter({ title: `Stress: ${name}`, date: '2024-05-01', categories: ['bench'], tags: ['stress'] });
}

export function stressPosts({ tenMegabytes = true } = {}) {
  const posts = [];
  const add = (name, body) => posts.push(post('stress', name, stressFrontMatter(name) + body));

  add('mixed-1mb.md', mixedBody(1 << 20, 7));
  if (tenMegabytes) add('mixed-10mb.md', mixedBody(10 << 20, 11));

  // 1,000-deep nested list: each level indented two more columns (about 1 MB).
  add('nested-lists-1000.md', Array.from({ length: 1000 }, (_, i) => `${' '.repeat(2 * i)}- level ${i + 1}`).join('\n') + '\n');
  // 1,000-deep nested blockquotes: line i has i markers (about 1 MB).
  add('nested-quotes-1000.md', Array.from({ length: 1000 }, (_, i) => `${'> '.repeat(i + 1)}level ${i + 1}`).join('\n') + '\n');
  // One paragraph holding 100,000 links.
  add('links-100000.md', Array.from({ length: 100000 }, (_, i) => `[link ${i}](https://example.com/p/${i} "t${i}")`).join(' ') + '\n');

  // 50,000 raw HTML tags in an HTML block (balanced, with allowed and disallowed elements and attributes).
  {
    const rnd = prng(5);
    const chunks = ['<div class="post">'];
    let tags = 1;
    while (tags < 50000 - 1) {
      const r = rnd();
      if (r < 0.3) chunks.push('<span style="color: #1a5490;">text</span>');
      else if (r < 0.5) chunks.push('<b>bold <i>it</i></b>');
      else if (r < 0.6) chunks.push('<a href="https://example.com/" rel="dofollow" onclick="x()">a</a>');
      else if (r < 0.7) chunks.push('<img src="/x.png" onerror="alert(1)">');
      else if (r < 0.8) chunks.push('<script>alert(1)</script>');
      else if (r < 0.9) chunks.push('<p data-ke-size="size16">para</p>');
      else chunks.push('<table><tr><td>c</td></tr></table>');
      tags += (chunks[chunks.length - 1].match(/</g) || []).length;
      if (chunks.length % 8 === 0) chunks.push('\n');
    }
    chunks.push('</div>');
    add('raw-html-50000.md', chunks.join('') + '\n');
  }

  // Tag soup: unbalanced, misnested, unclosed, broken attributes, comments and CDATA, in Markdown.
  {
    const rnd = prng(9);
    const soup = [
      '<b><i>x</b></i>', '<p><div>y</p></div>', '<a href=x><a href=y>z</a>', '</span></span>', '<table><td>q',
      '<ul><li>a<li>b</ul>', '<img src=x onerror=alert(1)//', '<!-- unclosed', '-->', '<![CDATA[c]]>', '<svg><script>1</script>',
      '<style>p{}</style>', '<<b>>', '<a href="java\tscript:1">j</a>', '<div style="background:url(javascript:1)">',
      '*em <b>mixed* end</b>', '`code <b>` x</b>', '<h2>h</h3>', '<select><option>o', '&lt;&amp&#x41;&#0;',
      '<iframe src=//x>', '</div>', '<textarea><b>t</textarea>', '<math><mi>m</mi></math>', '<details><summary>s',
    ];
    const lines = [];
    let size = 0;
    while (size < 1 << 20) {
      const n = 3 + Math.floor(rnd() * 8);
      const line = Array.from({ length: n }, () => soup[Math.floor(rnd() * soup.length)]).join(rnd() < 0.5 ? ' ' : '');
      lines.push(rnd() < 0.15 ? '' : line);
      size += line.length + 1;
    }
    add('tag-soup.md', lines.join('\n') + '\n');
  }
  return posts;
}

// The whole corpus. `quick` keeps every group but drops the 10 MB post.
export function buildCorpus({ quick = false } = {}) {
  const groups = {
    examples: examplePosts(),
    seed: seedPosts(),
    readme: readmePosts(),
    spec: specPosts(),
    stress: stressPosts({ tenMegabytes: !quick }),
  };
  for (const key of Object.keys(groups)) if (groups[key].length === 0) delete groups[key];
  return groups;
}

// Writes the corpus as files, one directory per group (read by the native benchmark).
export function writeCorpus(groups, dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [group, posts] of Object.entries(groups)) {
    fs.mkdirSync(path.join(dir, group), { recursive: true });
    for (const p of posts) fs.writeFileSync(path.join(dir, group, p.name), p.text);
  }
}

// Strips a leading YAML front matter block; the Markdown-only peers get the body alone.
export function stripFrontMatter(text) {
  const m = /^---\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  return m ? text.slice(m[0].length) : text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // `node corpus.mjs [dir]`: print a summary, optionally write the files.
  const groups = buildCorpus({ quick: process.argv.includes('--quick') });
  for (const [group, posts] of Object.entries(groups)) {
    const bytes = posts.reduce((a, p) => a + p.bytes, 0);
    console.log(`${group.padEnd(9)} ${String(posts.length).padStart(4)} posts ${(bytes / 1e6).toFixed(2).padStart(8)} MB`);
  }
  const dir = process.argv.slice(2).find((a) => !a.startsWith('--'));
  if (dir) writeCorpus(groups, dir);
}
