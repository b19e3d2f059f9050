// Loading the module from every kind of source, in a worker thread, and over HTTP (the
// browser code path: fetch + instantiateStreaming, with and without application/wasm).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { WEB } from './helpers.js';
import { loadModule } from '../../web/src/loader.js';
import { Engine } from '../../web/src/engine.js';

const wasmPath = path.join(WEB, 'dist', 'postrender.wasm');
const wasmBytes = await readFile(wasmPath);
const SAMPLE = '---\ntitle: Loaded\n---\n# Hello 😀\n';

async function check(source) {
  const engine = new Engine(await loadModule(source));
  const post = engine.render(SAMPLE, {}, '{}');
  assert.equal(post.title, 'Loaded');
  assert.match(post.html, /Hello 😀/);
  return engine;
}

test('loads with no source (the .wasm next to the package, read with fs in Node)', async () => {
  await check(undefined);
});

test('loads from a file path, a file: URL string and a URL object', async () => {
  await check(wasmPath);
  await check(pathToFileURL(wasmPath).href);
  await check(pathToFileURL(wasmPath));
});

test('loads from bytes: Buffer, Uint8Array, ArrayBuffer', async () => {
  await check(wasmBytes);
  await check(new Uint8Array(wasmBytes));
  await check(wasmBytes.buffer.slice(wasmBytes.byteOffset, wasmBytes.byteOffset + wasmBytes.byteLength));
});

test('loads from a WebAssembly.Module, a Response and a promise of a Response', async () => {
  await check(await WebAssembly.compile(wasmBytes));
  await check(new Response(wasmBytes, { headers: { 'content-type': 'application/wasm' } }));
  await check(Promise.resolve(new Response(wasmBytes, { headers: { 'content-type': 'application/wasm' } })));
});

test('each load is its own instance: separate memories', async () => {
  const a = await check(wasmBytes);
  const b = await check(wasmBytes);
  assert.notEqual(a.module.HEAPU8.buffer, b.module.HEAPU8.buffer);
});

test('bad sources reject: wrong type, missing file, not wasm, HTTP error', async () => {
  await assert.rejects(loadModule(42), TypeError);
  await assert.rejects(loadModule({}), TypeError);
  await assert.rejects(loadModule(path.join(WEB, 'dist', 'missing.wasm')), { code: 'ENOENT' });
  await assert.rejects(loadModule(new Uint8Array([1, 2, 3, 4])), WebAssembly.CompileError);
  await assert.rejects(loadModule(new Response('nope', { status: 404 })), /could not load/);
});

test('loads over HTTP with fetch, streaming or not (the browser path)', async (t) => {
  const server = createServer((request, response) => {
    if (request.url === '/postrender.wasm') {
      response.writeHead(200, { 'content-type': 'application/wasm' });
      response.end(wasmBytes);
    } else if (request.url === '/octet.wasm') {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });  // streaming refuses it
      response.end(wasmBytes);
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const base = `http://127.0.0.1:${server.address().port}`;
  await check(`${base}/postrender.wasm`);
  await check(new URL(`${base}/octet.wasm`));
  await check(fetch(`${base}/postrender.wasm`));
  await assert.rejects(loadModule(`${base}/missing.wasm`), /could not load the WebAssembly module \(404/);
});

test('createRenderer works inside a worker thread and gives the same result', async () => {
  const worker = new Worker(`
    import { parentPort, workerData } from 'node:worker_threads';
    const { createRenderer } = await import(workerData.index);
    const renderer = await createRenderer();
    parentPort.postMessage(renderer.render(workerData.source));
  `, { eval: true, workerData: { index: pathToFileURL(path.join(WEB, 'src', 'index.js')).href, source: SAMPLE } });
  const fromWorker = await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  const { createRenderer } = await import('../../web/src/index.js');
  assert.deepEqual(fromWorker, (await createRenderer()).render(SAMPLE));
});
