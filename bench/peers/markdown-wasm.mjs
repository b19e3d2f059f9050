// markdown-wasm: md4c compiled to wasm, Markdown only (no front matter, no sanitizing).
// The harness hands it the body with the front matter already stripped.
import { createRequire } from 'node:module';

export default {
  id: 'markdown-wasm',
  label: 'markdown-wasm (Markdown only)',
  input: 'body',
  async create() {
    const markdown = createRequire(import.meta.url)('markdown-wasm');
    await markdown.ready;
    const F = markdown.ParseFlags;
    const parseFlags =
      F.TABLES | F.STRIKETHROUGH | F.TASK_LISTS | F.PERMISSIVE_URL_AUTO_LINKS | F.PERMISSIVE_WWW_AUTOLINKS |
      F.PERMISSIVE_EMAIL_AUTO_LINKS;
    return { render: (body) => markdown.parse(body, { parseFlags }) };
  },
};
