// gray-matter + unified: remark-parse + remark-gfm -> remark-rehype -> rehype-raw -> rehype-sanitize -> rehype-stringify.
// rehype-sanitize's default schema is GitHub's.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import { splitPost } from './common.mjs';

export default {
  id: 'unified',
  label: 'gray-matter + remark + rehype-raw + rehype-sanitize',
  input: 'post',
  async create() {
    const processor = unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(remarkRehype, { allowDangerousHtml: true })
      .use(rehypeRaw)
      .use(rehypeSanitize)
      .use(rehypeStringify)
      .freeze();
    return {
      render(text) {
        const { content } = splitPost(text);
        return String(processor.processSync(content));
      },
    };
  },
};
