// gray-matter + markdown-wasm + sanitize-html: the fastest full JavaScript pipeline we know of
// (md4c in wasm for Markdown, then sanitizing in JS, which is where its time goes).
import { createRequire } from 'node:module';
import sanitizeHtml from 'sanitize-html';
import { splitPost, SANITIZE_HTML_OPTIONS } from './common.mjs';

export default {
  id: 'markdown-wasm+sanitize-html',
  label: 'gray-matter + markdown-wasm + sanitize-html',
  input: 'post',
  async create() {
    const markdown = createRequire(import.meta.url)('markdown-wasm');
    await markdown.ready;
    const F = markdown.ParseFlags;
    const parseFlags =
      F.TABLES | F.STRIKETHROUGH | F.TASK_LISTS | F.PERMISSIVE_URL_AUTO_LINKS | F.PERMISSIVE_WWW_AUTOLINKS |
      F.PERMISSIVE_EMAIL_AUTO_LINKS;
    return {
      render(text) {
        const { content } = splitPost(text);
        return sanitizeHtml(markdown.parse(content, { parseFlags }), SANITIZE_HTML_OPTIONS);
      },
    };
  },
};
