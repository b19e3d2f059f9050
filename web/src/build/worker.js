// A render worker of the site builder: loads the module once, then renders the files it is
// sent ({id, file, fileName}) and answers {id, post, mtimeMs} or {id, error}.
import { readFile, stat } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { createRenderer } from '../index.js';

const renderer = await createRenderer(workerData.options);

parentPort.on('message', async ({ id, file, fileName }) => {
  try {
    const [bytes, info] = await Promise.all([readFile(file), stat(file)]);
    const post = renderer.render(bytes, { fileName });
    parentPort.postMessage({ id, post, mtimeMs: info.mtimeMs });
  } catch (error) {
    parentPort.postMessage({ id, error: error && error.message ? error.message : String(error) });
  }
});
parentPort.postMessage({ ready: true });
