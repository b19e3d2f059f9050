#!/usr/bin/env node
// A small static file server for the demo and the browser tests. No dependencies.
//
//   node scripts/serve.mjs [--port 8080] [--host 127.0.0.1]
//
// URL space (all read-only, GET/HEAD only):
//   /            -> redirect to /web/demo/
//   /web/...     -> web/        (the package: src/, dist/ with the .wasm, demo/)
//   /examples/.. -> examples/
//   /assets/...  -> examples/assets/  (root-relative image URLs used by Jekyll-style posts)
//   /site/...    -> build/site/  (the site made by `postrender build examples/posts --out build/site`)
//   /tests/...   -> tests/browser/pages/ (test-only pages)
import { createServer as createHttpServer } from 'node:http';
import { createReadStream, promises as fsp } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.md': 'text/markdown; charset=utf-8',
  '.markdown': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.d.ts': 'text/plain; charset=utf-8',
};

/** Default mounts: URL prefix -> directory (relative to the repo root). Longest prefix wins. */
export const defaultMounts = {
  '/web/': 'web',
  '/examples/': 'examples',
  '/assets/': 'examples/assets',
  '/site/': 'build/site',
  '/tests/': 'tests/browser/pages',
};

function mimeFor(file) {
  const base = path.basename(file).toLowerCase();
  if (base.endsWith('.d.ts')) return MIME['.d.ts'];
  return MIME[path.extname(base)] || 'application/octet-stream';
}

/**
 * Maps a URL path to a file inside one of the mounts, or null. Rejects anything that would
 * leave the mount directory (.., encoded slashes, NUL) instead of trying to repair it.
 */
export function resolvePath(urlPath, mounts, root = repoRoot) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  for (const prefix of prefixes) {
    if (!decoded.startsWith(prefix) && decoded + '/' !== prefix) continue;
    const rest = decoded.slice(prefix.length);
    const segments = rest.split('/');
    if (segments.some((s) => s === '..' || s === '.')) return null;
    const dir = path.resolve(root, mounts[prefix]);
    const file = path.resolve(dir, ...segments.filter(Boolean));
    if (file !== dir && !file.startsWith(dir + path.sep)) return null;
    return { file, trailingSlash: decoded.endsWith('/') };
  }
  return null;
}

/**
 * Creates (does not start) the server. options.mounts replaces the default mounts;
 * options.index is where "/" redirects.
 */
export function createServer({ mounts = defaultMounts, root = repoRoot, index = '/web/demo/', log = false } = {}) {
  return createHttpServer(async (req, res) => {
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
      if (log) console.log(`${status} ${req.method} ${req.url}`);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n', { allow: 'GET, HEAD' });
    let url;
    try {
      url = new URL(req.url, 'http://localhost');
    } catch {
      return send(400, 'bad request\n');
    }
    if (url.pathname === '/') return send(302, '', { location: index });
    // Browsers ask for it on every page without an icon link; an empty answer keeps logs clean.
    if (url.pathname === '/favicon.ico') return send(204, '');
    const hit = resolvePath(url.pathname, mounts, root);
    if (!hit) return send(404, 'not found\n');
    let file = hit.file;
    let stat;
    try {
      stat = await fsp.stat(file);
      if (stat.isDirectory()) {
        // Directories are served through their index.html only, never listed.
        if (!hit.trailingSlash) return send(301, '', { location: url.pathname + '/' + url.search });
        file = path.join(file, 'index.html');
        stat = await fsp.stat(file);
      }
      if (!stat.isFile()) return send(404, 'not found\n');
    } catch {
      return send(404, 'not found\n');
    }
    res.writeHead(200, {
      'content-type': mimeFor(file),
      'content-length': stat.size,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    if (log) console.log(`200 ${req.method} ${req.url}`);
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  });
}

/** Starts a server; resolves to { server, port, url, close() }. port 0 picks a free one. */
export async function startServer({ port = 0, host = '127.0.0.1', ...options } = {}) {
  const server = createServer(options);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actual = server.address().port;
  return {
    server,
    port: actual,
    url: `http://${host}:${actual}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
  };
  const port = Number(opt('--port', process.env.PORT || 8080));
  const host = opt('--host', '127.0.0.1');
  const { url } = await startServer({ port, host, log: args.includes('--log') });
  console.log(`postrender demo: ${url}/web/demo/`);
  console.log(`  embedding page: ${url}/web/demo/embed.html`);
  console.log(`  example site:   ${url}/site/`);
  console.log('Press Ctrl+C to stop.');
}
