// A render worker of the site builder: loads the module once, then renders the files it is
// sent ({id, file}) and answers {id, post, mtimeMs} or {id, error}.
import { parentPort, workerData } from 'node:worker_threads';
import { createRenderer } from '../index.js';
import { renderFile } from './pool.js';

const renderer = await createRenderer(workerData.options);

parentPort.on('message', async ({ id, file }) => {
  parentPort.postMessage({ id, ...await renderFile(renderer, file) });
});
parentPort.postMessage({ ready: true });
