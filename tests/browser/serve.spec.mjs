// scripts/serve.mjs: MIME types (application/wasm for streaming compilation), directory
// handling, and no way out of the mounted directories.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startTestServer, wasmBuilt } from './helpers.mjs';

/** A raw GET, so that "..", "%2e%2e" and backslashes reach the server as typed. */
function rawGet(port, target) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
    let data = '';
    socket.on('data', (d) => (data += d));
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(data)?.[1])));
    socket.on('error', reject);
  });
}

describe('scripts/serve.mjs', () => {
  let server;
  before(async () => (server = await startTestServer()));
  after(async () => server?.close());

  it('serves each kind of file with its MIME type', async () => {
    for (const [path, type] of [
      ['/web/demo/index.html', 'text/html; charset=utf-8'],
      ['/web/src/preview.js', 'text/javascript; charset=utf-8'],
      ['/web/demo/demo.css', 'text/css; charset=utf-8'],
      ['/examples/posts/2024-05-20-kyoto-morning-walk.md', 'text/markdown; charset=utf-8'],
      ['/assets/img/kyoto-morning.svg', 'image/svg+xml'],
      ['/web/package.json', 'application/json; charset=utf-8'],
      ...(wasmBuilt() ? [['/web/dist/postrender.wasm', 'application/wasm']] : []),
    ]) {
      const res = await fetch(server.url + path);
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('content-type'), type, path);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    }
  });

  it('redirects / to the demo and directories to their slash form, never lists them', async () => {
    let res = await fetch(server.url + '/', { redirect: 'manual' });
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), '/web/demo/');
    res = await fetch(server.url + '/web/demo', { redirect: 'manual' });
    assert.equal(res.status, 301);
    assert.equal(res.headers.get('location'), '/web/demo/');
    assert.equal((await fetch(server.url + '/web/src/')).status, 404, 'no index.html, no listing');
  });

  it('cannot be walked out of its mounts', async () => {
    for (const target of ['/web/../CMakeLists.txt', '/web/%2e%2e/CMakeLists.txt', '/web/..%2fCMakeLists.txt', '/web/..%5cCMakeLists.txt', '/assets/../../CMakeLists.txt', '/web/%00', '/CMakeLists.txt', '/web/demo/%ZZ', '/.git/config']) {
      const status = await rawGet(server.port, target);
      assert.ok(status === 404 || status === 400, `${target} -> ${status}`);
    }
    assert.equal((await fetch(server.url + '/web/demo/', { method: 'POST' })).status, 405);
  });
});
