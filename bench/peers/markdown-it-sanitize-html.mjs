// gray-matter + markdown-it + sanitize-html: the common Node blog pipeline.
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { splitPost, SANITIZE_HTML_OPTIONS } from './common.mjs';

export default {
  id: 'markdown-it+sanitize-html',
  label: 'gray-matter + markdown-it + sanitize-html',
  input: 'post',
  async create() {
    const md = new MarkdownIt({ html: true, linkify: true });
    return {
      render(text) {
        const { content } = splitPost(text);
        return sanitizeHtml(md.render(content), SANITIZE_HTML_OPTIONS);
      },
    };
  },
};
