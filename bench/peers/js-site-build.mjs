// A plain JavaScript static-site build, the baseline for `postrender build`:
//
//   node bench/peers/js-site-build.mjs SRC_DIR OUT_DIR
//
// The same job as `postrender build` with its defaults: every .md under SRC_DIR (Jekyll
// YYYY-MM-DD-slug.md names), gray-matter + markdown-it + sanitize-html, one index.html per post
// at /:categories/:year/:month/:day/:title/, an index page newest first with excerpts,
// posts.json and an Atom feed. Single-threaded, as such scripts usually are.
import fs from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { SANITIZE_HTML_OPTIONS } from './common.mjs';

const escapeHtml = (s) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const slugify = (s) =>
  String(s)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');

function findPosts(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findPosts(p));
    else if (/\.(md|markdown)$/i.test(entry.name)) out.push(p);
  }
  return out.sort();
}

function toList(v) {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : String(v).split(/\s+/)).map(String).filter(Boolean);
}

function page(post) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(post.title)}</title></head>
<body><main><article>
<h1>${escapeHtml(post.title)}</h1>
<p class="meta"><time datetime="${post.date}">${post.date.slice(0, 10)}</time> · ${escapeHtml(post.categories.join(', '))}</p>
${post.html}
</article><p><a href="/">All posts</a></p></main></body></html>
`;
}

export function build(src, out) {
  const md = new MarkdownIt({ html: true, linkify: true });
  const posts = [];
  for (const file of findPosts(src)) {
    const { data, content } = matter(fs.readFileSync(file, 'utf8'), {});
    if (data.published === false) continue;
    const m = /^(\d{4})-(\d{2})-(\d{2})-(.*)\.(md|markdown)$/i.exec(path.basename(file));
    const date = data.date ? new Date(data.date).toISOString() : m ? `${m[1]}-${m[2]}-${m[3]}T00:00:00Z` : '1970-01-01T00:00:00Z';
    const slug = data.slug ?? (m ? m[4] : path.basename(file).replace(/\.\w+$/, ''));
    const categories = toList(data.categories ?? data.category);
    const html = sanitizeHtml(md.render(content), SANITIZE_HTML_OPTIONS);
    const excerpt = /<p>[\s\S]*?<\/p>/.exec(html)?.[0] ?? '';
    const [y, mo, d] = date.slice(0, 10).split('-');
    const url = `/${[...categories.map(slugify), y, mo, d, slugify(slug)].filter(Boolean).join('/')}/`;
    posts.push({ title: String(data.title ?? slug), date, categories, tags: toList(data.tags ?? data.tag), html, excerpt, url });
  }
  posts.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.url < b.url ? -1 : 1));
  fs.mkdirSync(out, { recursive: true });
  for (const post of posts) {
    const dir = path.join(out, ...post.url.split('/').filter(Boolean));
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'index.html'), page(post));
  }
  const items = posts
    .map((p) => `<li><a href="${p.url}">${escapeHtml(p.title)}</a> <time>${p.date.slice(0, 10)}</time>${p.excerpt}</li>`)
    .join('\n');
  fs.writeFileSync(path.join(out, 'index.html'), `<!doctype html><html><head><meta charset="utf-8"><title>Posts</title></head><body><ul>\n${items}\n</ul></body></html>\n`);
  fs.writeFileSync(
    path.join(out, 'posts.json'),
    JSON.stringify(posts.map(({ title, date, categories, tags, url }) => ({ title, date, categories, tags, url })), null, 1),
  );
  const entries = posts
    .map((p) => `<entry><title>${escapeHtml(p.title)}</title><id>${p.url}</id><link href="${p.url}"/><updated>${p.date}</updated><content type="html">${escapeHtml(p.html)}</content></entry>`)
    .join('\n');
  fs.writeFileSync(
    path.join(out, 'feed.xml'),
    `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Posts</title><id>/</id><updated>${posts[0]?.date ?? ''}</updated>\n${entries}\n</feed>\n`,
  );
  return posts.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [src, out] = process.argv.slice(2);
  if (!src || !out) {
    console.error('usage: node js-site-build.mjs SRC_DIR OUT_DIR');
    process.exit(2);
  }
  const t0 = performance.now();
  const n = build(src, out);
  console.log(`${n} posts in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
}
