#!/usr/bin/env node
// A small static-site build script that uses the postrender API directly, for people who want
// their own pipeline instead of `postrender build`. Renders every post in a folder to
// OUT/<slug>/index.html plus an index page, newest first.
//
//   scripts/build-wasm.sh                                  # once, in a checkout
//   node examples/build-site.mjs examples/posts /tmp/site
//
// In a project that installed the package, import from 'postrender' instead of the path below.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createRenderer } from '../web/src/index.js';

const [srcDir = 'examples/posts', outDir = 'site'] = process.argv.slice(2);

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Defaults for every post: resolve relative URLs against the public site, mark links nofollow.
const renderer = await createRenderer({ baseUrl: 'https://blog.example/', policy: { nofollowLinks: true } });

const posts = [];
let failed = 0;
for (const name of (await readdir(srcDir)).filter((n) => /\.(md|markdown)$/.test(n)).sort()) {
  const file = path.join(srcDir, name);
  // Bytes in, so invalid UTF-8 is reported with its position rather than hidden by a decoder.
  const post = renderer.render(await readFile(file), { fileName: name });
  for (const w of post.warnings) console.error(`${file}:${w.line}:${w.column}: ${w.severity}: ${w.message} [${w.code}]`);
  if (post.warnings.some((w) => w.severity === 'error')) {
    failed++;
    continue;  // e.g. unreadable front matter: better not to publish a draft by accident
  }
  if (!post.published) continue;
  posts.push(post);
  const page = `<!doctype html><meta charset="utf-8"><title>${escape(post.title)}</title>
<h1>${escape(post.title)}</h1><p><time>${escape(post.date)}</time> · ${post.readingMinutes} min</p>
${post.featureHtml}${post.html}`;  // html, featureHtml: already sanitized by the renderer
  await mkdir(path.join(outDir, post.slug), { recursive: true });
  await writeFile(path.join(outDir, post.slug, 'index.html'), page);
}

posts.sort((a, b) => b.date.localeCompare(a.date));
const items = posts.map((p) => `<li><a href="${encodeURIComponent(p.slug)}/">${escape(p.title)}</a> ${p.excerptHtml}</li>`);
await writeFile(path.join(outDir, 'index.html'),
  `<!doctype html><meta charset="utf-8"><title>Posts</title><ul>\n${items.join('\n')}\n</ul>\n`);
console.log(`built ${posts.length} posts into ${outDir}${failed ? `, ${failed} failed` : ''}`);
process.exitCode = failed ? 1 : 0;
