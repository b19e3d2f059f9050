// Shared settings for the peer pipelines, so every JS pipeline gets the same Markdown dialect
// (GFM: tables, strikethrough, task lists, autolinks, raw HTML allowed) and a comparable
// blog-post sanitizing policy (roughly GitHub's: formatting, links, images, tables, a few styles).
import matter from 'gray-matter';

// gray-matter caches by input when called without options: pass {} so every round parses again.
export function splitPost(text) {
  const file = matter(text, {});
  return { data: file.data, content: file.content };
}

export const BLOG_TAGS = [
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code', 'kbd', 'samp', 'var',
  'b', 'i', 'strong', 'em', 'u', 's', 'del', 'ins', 'mark', 'small', 'sub', 'sup', 'abbr', 'cite', 'q', 'dfn',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'a', 'img', 'picture', 'source', 'figure', 'figcaption', 'span', 'div',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'colgroup', 'col', 'details', 'summary', 'input',
];

// sanitize-html options close to postrender's default policy.
export const SANITIZE_HTML_OPTIONS = {
  allowedTags: BLOG_TAGS,
  allowedAttributes: {
    '*': ['id', 'title', 'lang', 'dir', 'class', 'style'],
    a: ['href', 'name', 'rel', 'target'],
    img: ['src', 'srcset', 'alt', 'width', 'height', 'loading'],
    source: ['srcset', 'type', 'media'],
    td: ['align', 'colspan', 'rowspan'],
    th: ['align', 'colspan', 'rowspan', 'scope'],
    ol: ['start', 'reversed', 'type'],
    input: ['type', 'checked', 'disabled'],
    details: ['open'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: true,
  allowedStyles: {
    '*': {
      color: [/^#(0x)?[0-9a-f]+$/i, /^rgb\(\s*\d+\s*,\s*\d+\s*,\s*\d+\s*\)$/i, /^[a-z]+$/i],
      'background-color': [/^#(0x)?[0-9a-f]+$/i, /^[a-z]+$/i],
      'text-align': [/^left$/, /^right$/, /^center$/, /^justify$/],
      'font-weight': [/^(bold|normal|\d{3})$/],
    },
  },
};

// md4c parse flags shared by markdown-wasm and md4w: GFM like postrender's defaults
// (tables, strikethrough, task lists, permissive URL / www / e-mail autolinks).
export const MD4C_GFM_FLAG_NAMES = [
  'TABLES', 'STRIKETHROUGH', 'TASKLISTS', 'PERMISSIVE_URL_AUTO_LINKS', 'PERMISSIVE_WWW_AUTO_LINKS',
  'PERMISSIVE_EMAIL_AUTO_LINKS',
];
