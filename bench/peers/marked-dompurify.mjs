// gray-matter + marked + DOMPurify on a jsdom window: the isomorphic-DOMPurify pipeline.
import { marked } from 'marked';
import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import { splitPost } from './common.mjs';

export default {
  id: 'marked+dompurify',
  label: 'gray-matter + marked + DOMPurify (jsdom)',
  input: 'post',
  async create() {
    const { window } = new JSDOM('');
    const purify = createDOMPurify(window);
    marked.setOptions({ gfm: true, async: false });
    return {
      render(text) {
        const { content } = splitPost(text);
        return purify.sanitize(marked.parse(content));
      },
    };
  },
};
