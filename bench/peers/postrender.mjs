// postrender through its public JS API (wasm): front matter + Markdown + sanitizing + result object.
import { postrenderAvailable } from './postrender-available.mjs';

export default {
  id: 'postrender',
  label: 'postrender (wasm, full post)',
  input: 'post',
  available: postrenderAvailable,
  async create() {
    const { createRenderer } = await import('../../web/src/index.js');
    const renderer = await createRenderer();
    return { render: (text) => renderer.render(text).html };
  },
};
