// Page layouts: a small clean default, or the user's own HTML file with {{ name }} placeholders.
//
// Placeholders are escaped, except the ones that hold HTML the renderer made (and sanitized):
// content, excerpt, feature, toc and meta. An unknown placeholder is an error when the layout is
// loaded, so a typo does not silently produce empty pages.
import { readFile } from 'node:fs/promises';
import { escapeHtml } from './text.js';

/** Placeholders a post page can use. */
export const PAGE_FIELDS = {
  title: 'the post title (escaped)',
  content: 'the rendered body (HTML, sanitized)',
  excerpt: 'the excerpt (HTML)',
  feature: 'feature_text rendered (HTML)',
  toc: 'the table of contents as a <nav> (HTML; empty for fewer than two headings)',
  meta: 'date, categories and reading time as one line (HTML)',
  image: 'the feature image URL (escaped)',
  date: 'the date as YYYY-MM-DD',
  datetime: 'the date in RFC 3339, for <time datetime>',
  categories: 'categories, comma-separated',
  tags: 'tags, comma-separated',
  url: 'the page URL, site-absolute',
  reading_minutes: 'reading time in minutes',
  word_count: 'number of words',
  lang: 'front matter `lang`, else ""',
  site_title: 'the site title (--title)',
  index_url: 'a relative link to the index page',
  feed_url: 'a relative link to feed.xml',
};

const RAW_FIELDS = new Set(['content', 'excerpt', 'feature', 'toc', 'meta']);

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * Compiles a layout: returns a function (fields) => HTML. Throws an Error naming the first
 * unknown placeholder.
 */
export function compileLayout(template, source = 'layout') {
  const pieces = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1];
    if (!Object.hasOwn(PAGE_FIELDS, name)) {
      const line = template.slice(0, match.index).split('\n').length;
      throw new Error(`${source}:${line}: unknown placeholder {{ ${name} }} (known: ${Object.keys(PAGE_FIELDS).join(', ')})`);
    }
    pieces.push(template.slice(last, match.index), name);
    last = match.index + match[0].length;
  }
  pieces.push(template.slice(last));
  return (fields) => {
    let out = '';
    for (let i = 0; i < pieces.length; i++) {
      if (i % 2 === 0) {
        out += pieces[i];
      } else {
        const value = fields[pieces[i]] ?? '';
        out += RAW_FIELDS.has(pieces[i]) ? value : escapeHtml(value);
      }
    }
    return out;
  };
}

/** Reads and compiles a layout file. */
export async function loadLayout(file) {
  return compileLayout(await readFile(file, 'utf8'), file);
}

export const STYLE = `
  :root { color-scheme: light dark; --fg: #1d1d1f; --muted: #6e6e73; --bg: #fff; --line: #e5e5ea; --accent: #0b63ce; }
  @media (prefers-color-scheme: dark) { :root { --fg: #f2f2f7; --muted: #a1a1a6; --bg: #161618; --line: #2c2c2e; --accent: #5aa2ff; } }
  * { box-sizing: border-box; }
  body { margin: 0; background: var(--bg); color: var(--fg);
         font: 17px/1.7 system-ui, -apple-system, "Segoe UI", "Noto Sans KR", "Apple SD Gothic Neo", sans-serif; }
  main, .site { max-width: 44rem; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; }
  .site { padding-bottom: 0; } .site a { color: var(--muted); text-decoration: none; font-weight: 600; }
  a { color: var(--accent); } img { max-width: 100%; height: auto; }
  h1 { font-size: 2rem; line-height: 1.25; margin: .5rem 0; word-break: keep-all; }
  .meta { color: var(--muted); font-size: .9rem; margin: 0 0 1.5rem; }
  .feature img { width: 100%; border-radius: 8px; } .feature-text { color: var(--muted); }
  nav.toc { border-left: 3px solid var(--line); padding: .25rem 1rem; margin: 1.5rem 0; font-size: .95rem; }
  nav.toc ol { list-style: none; margin: 0; padding: 0; } nav.toc li { margin: .2rem 0; }
  ${[2, 3, 4, 5, 6].map((n) => `nav.toc .l${n} { padding-left: ${n - 1}rem; }`).join(' ')}
  pre { overflow: auto; padding: 1rem; background: rgba(127,127,127,.1); border-radius: 6px; }
  code { font-size: .9em; } blockquote { margin: 0; padding-left: 1rem; border-left: 3px solid var(--line); color: var(--muted); }
  table { border-collapse: collapse; } td, th { border: 1px solid var(--line); padding: .3rem .6rem; }
  article.summary { padding: 1.25rem 0; border-bottom: 1px solid var(--line); }
  article.summary h2 { margin: 0 0 .25rem; font-size: 1.35rem; } article.summary h2 a { color: inherit; text-decoration: none; }
  .excerpt p { margin: .5rem 0 0; }`;

export const DEFAULT_LAYOUT = `<!doctype html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} · {{ site_title }}</title>
<link rel="alternate" type="application/atom+xml" title="{{ site_title }}" href="{{ feed_url }}">
<style>${STYLE}
</style>
</head>
<body>
<header class="site"><a href="{{ index_url }}">{{ site_title }}</a></header>
<main>
<article class="post">
<h1>{{ title }}</h1>
<p class="meta">{{ meta }}</p>
{{ feature }}
{{ toc }}
<div class="content">
{{ content }}
</div>
</article>
</main>
</body>
</html>
`;

/** The table of contents as a <nav> (links only for headings that have ids). */
export function tocHtml(toc) {
  if (!toc || toc.length < 2) return '';
  const items = toc.map(({ level, id, text }) => {
    const label = escapeHtml(text);
    return `<li class="l${level}">${id ? `<a href="#${escapeHtml(encodeURIComponent(id))}">${label}</a>` : label}</li>`;
  });
  return `<nav class="toc" aria-label="Contents"><ol>\n${items.join('\n')}\n</ol></nav>`;
}

/** The feature image and text, as a <figure>/<div> block ("" when the post has neither). */
export function featureHtml(post) {
  let out = '';
  if (post.image) out += `<figure class="feature"><img src="${escapeHtml(post.image)}" alt=""></figure>\n`;
  if (post.featureHtml) out += `<div class="feature-text">\n${post.featureHtml}</div>\n`;
  return out;
}

/** "<time>date</time> · categories · N min read", leaving out what the post lacks. */
export function metaHtml({ date, datetime, categories, readingMinutes }) {
  const parts = [];
  if (date) parts.push(`<time datetime="${escapeHtml(datetime)}">${escapeHtml(date)}</time>`);
  if (categories.length) parts.push(escapeHtml(categories.join(', ')));
  if (readingMinutes > 0) parts.push(`${readingMinutes} min read`);
  return parts.join(' · ');
}
