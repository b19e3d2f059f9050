// postrender through its public JS API (wasm): front matter + Markdown + sanitizing + result object.
import path from 'node:path';
import { postrenderAvailable } from './postrender-available.mjs';

export default {
  id: 'postrender',
  label: 'postrender (wasm, full post)',
  input: 'post',
  available: postrenderAvailable,
  async create() {
    const { createRenderer } = await import('../../web/src/index.js');
    // POSTRENDER_BENCH_DIST=DIR measures the modules in DIR instead of web/dist (A/B of builds).
    const dist = process.env.POSTRENDER_BENCH_DIST;
    const renderer = await createRenderer(dist ? {
      wasm: path.resolve(dist, 'postrender.wasm'),
      wasmFull: path.resolve(dist, 'postrender-full.wasm'),
    } : undefined);
    return { render: (text) => renderer.render(text).html };
  },
};
