// Rendering many posts: on worker threads (one module instance each) for large sites, in this
// thread for small ones, where starting workers would cost more than it saves.
import { readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createRenderer } from '../index.js';

const WORKER_URL = new URL('./worker.js', import.meta.url);
// Below this many posts per worker, a worker does not pay for its start-up.
const POSTS_PER_WORKER = 8;

/**
 * Renders one file: {post, mtimeMs} or {error}. The modification time (a stat call) is only
 * read for posts without a date, which need it for their URL.
 */
export async function renderFile(renderer, file) {
  try {
    const post = renderer.render(await readFile(file), { fileName: path.basename(file) });
    return { post, mtimeMs: post.date ? 0 : (await stat(file)).mtimeMs };
  } catch (error) {
    return { error: error && error.message ? error.message : String(error) };
  }
}

/**
 * Renders `files` with render options `options`; calls onResult(index, result) as each one
 * finishes (result: {post, mtimeMs} or {error}). `jobs`: worker count (default: all cores).
 */
export async function renderAll(files, options, { jobs, onResult }) {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const workers = Math.min(jobs ?? cores, Math.floor(files.length / POSTS_PER_WORKER));
  if (workers < 2) {
    const renderer = await createRenderer(options);
    for (let i = 0; i < files.length; i++) onResult(i, await renderFile(renderer, files[i]));
    return;
  }
  await new Promise((resolve, reject) => {
    let next = 0;
    let done = 0;
    const pool = [];
    const finish = () => {
      for (const worker of pool) worker.terminate();
      resolve();
    };
    const feed = (worker) => {
      if (next >= files.length) return;
      const id = next++;
      worker.postMessage({ id, file: files[id] });
    };
    for (let w = 0; w < workers; w++) {
      const worker = new Worker(WORKER_URL, { workerData: { options } });
      pool.push(worker);
      worker.on('message', (message) => {
        if (message.ready) {
          // Two jobs in flight per worker hide the message round trip.
          feed(worker);
          feed(worker);
          return;
        }
        const { id, ...result } = message;
        onResult(id, result);
        done++;
        if (done === files.length) finish();
        else feed(worker);
      });
      worker.on('error', (error) => {
        for (const other of pool) other.terminate();
        reject(error);
      });
    }
  });
}
