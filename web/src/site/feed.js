// The Atom feed (RFC 4287) and the index page.
import { createHash } from 'node:crypto';
import { escapeHtml, escapeXml } from './text.js';
import { STYLE } from './layout.js';

/**
 * An RFC 3339 timestamp for an ISO 8601 date as the core writes it ("2024-05-01",
 * "2024-05-01T09:05:00", "…+09:00", "…Z"). Dates without a zone are taken as UTC.
 */
export function rfc3339(iso) {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return `${iso}T00:00:00Z`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(iso)) return `${iso}Z`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(iso)) return iso;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? new Date(0).toISOString() : new Date(ms).toISOString();
}

/** A stable urn:uuid (name-based, SHA-1, RFC 4122 version 5 layout) for `name`. */
export function uuidFor(name) {
  const h = createHash('sha1').update(`postrender:${name}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `urn:uuid:${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

function absolute(baseUrl, href) {
  if (!baseUrl) return href.replace(/^\//, '');  // relative to the feed, which sits at the root
  return new URL(href.replace(/^\//, ''), baseUrl.endsWith('/') ? baseUrl : baseUrl + '/').href;
}

function authorName(frontMatter) {
  const author = frontMatter && typeof frontMatter === 'object' ? frontMatter.author : undefined;
  if (typeof author === 'string' && author.trim()) return author.trim();
  if (author && typeof author === 'object' && typeof author.name === 'string') return author.name;
  return '';
}

/**
 * The Atom feed for `entries` (newest first): [{post, href, datetime}]. Ids are the absolute
 * URLs when `baseUrl` is known, else stable urn:uuid values derived from the page URLs.
 */
export function atomFeed(entries, { title, baseUrl, author, limit = 50 }) {
  const updated = entries.length ? entries.reduce((a, e) => (e.epoch > a.epoch ? e : a)).datetime : rfc3339('1970-01-01');
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <title>${escapeXml(title)}</title>`,
    `  <id>${escapeXml(baseUrl ? absolute(baseUrl, '/') : uuidFor('feed'))}</id>`,
    `  <updated>${updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(absolute(baseUrl, '/feed.xml'))}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(absolute(baseUrl, '/') || './')}"/>`,
    `  <author><name>${escapeXml(author)}</name></author>`,
    '  <generator>postrender</generator>',
  ];
  for (const { post, href, datetime } of entries.slice(0, limit)) {
    const link = absolute(baseUrl, href);
    lines.push('  <entry>');
    lines.push(`    <title type="text">${escapeXml(post.title)}</title>`);
    lines.push(`    <link rel="alternate" type="text/html" href="${escapeXml(link)}"/>`);
    lines.push(`    <id>${escapeXml(baseUrl ? link : uuidFor(href))}</id>`);
    lines.push(`    <published>${datetime}</published>`);
    lines.push(`    <updated>${datetime}</updated>`);
    const name = authorName(post.frontMatter);
    if (name) lines.push(`    <author><name>${escapeXml(name)}</name></author>`);
    for (const category of post.categories) lines.push(`    <category term="${escapeXml(category)}"/>`);
    for (const tag of post.tags) lines.push(`    <category term="${escapeXml(tag)}"/>`);
    if (post.excerptHtml) lines.push(`    <summary type="html">${escapeXml(post.excerptHtml)}</summary>`);
    lines.push(`    <content type="html">${escapeXml(post.html)}</content>`);
    lines.push('  </entry>');
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}

/** The index page: every post, newest first, with its excerpt. */
export function indexPage(entries, { title }) {
  const items = entries.map(({ post, href, date, datetime }) => {
    const meta = [];
    if (date) meta.push(`<time datetime="${escapeHtml(datetime)}">${escapeHtml(date)}</time>`);
    if (post.categories.length) meta.push(escapeHtml(post.categories.join(', ')));
    if (post.readingMinutes > 0) meta.push(`${post.readingMinutes} min read`);
    return `<article class="summary">
<h2><a href="${escapeHtml(href.replace(/^\//, ''))}">${escapeHtml(post.title)}</a></h2>
<p class="meta">${meta.join(' · ')}</p>
<div class="excerpt">${post.excerptHtml}</div>
</article>`;
  });
  return `<!doctype html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="alternate" type="application/atom+xml" title="${escapeHtml(title)}" href="feed.xml">
<style>${STYLE}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${items.join('\n')}
</main>
</body>
</html>
`;
}
