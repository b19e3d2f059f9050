// The post header shown above the body by <post-view header> and by the live preview's front
// matter panel: title, date, categories, tags, feature image and feature text, the way the
// post page built by `postrender build` shows them.
//
// Built with DOM calls: metadata strings go in as text, never as markup. The one HTML field,
// featureHtml, comes out of the core's sanitizer (unless the caller asked for trusted mode).

/** Formats an ISO date (YYYY-MM-DD or a full timestamp) for display; returns the input on failure. */
export function formatDate(iso, lang) {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  try {
    const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return new Intl.DateTimeFormat(lang || undefined, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  } catch {
    return `${m[1]}-${m[2]}-${m[3]}`;
  }
}

function el(doc, tag, part, className) {
  const node = doc.createElement(tag);
  if (part) node.setAttribute('part', part);
  if (className) node.className = className;
  return node;
}

function chipList(doc, items, listPart, itemPart, label) {
  const list = el(doc, 'ul', listPart, listPart);
  list.setAttribute('aria-label', label);
  for (const item of items) {
    const li = el(doc, 'li');
    const chip = el(doc, 'span', itemPart, itemPart);
    chip.textContent = item;
    li.append(chip);
    list.append(li);
  }
  return list;
}

/** The language of a post: front matter `lang` (or `language`) when it is a plausible tag. */
export function postLang(post) {
  const fm = post && post.frontMatter;
  const lang = fm && typeof fm === 'object' ? fm.lang ?? fm.language : undefined;
  return typeof lang === 'string' && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(lang) ? lang : '';
}

/**
 * Builds the <header> element for `post`, or null when the post has nothing to show.
 * options.titleLevel: heading level of the title (default 1).
 */
export function buildHeader(post, { document: doc = globalThis.document, titleLevel = 1, lang = postLang(post) } = {}) {
  const categories = Array.isArray(post.categories) ? post.categories.map(String) : [];
  const tags = Array.isArray(post.tags) ? post.tags.map(String) : [];
  const has = post.title || post.date || categories.length || tags.length || post.image || post.featureHtml;
  if (!has) return null;

  const header = el(doc, 'header', 'header');
  if (post.title) {
    const level = Math.min(6, Math.max(1, Number(titleLevel) || 1));
    const h = el(doc, `h${level}`, 'title', 'title');
    h.textContent = post.title;
    header.append(h);
  }
  if (post.date || categories.length || tags.length) {
    const meta = el(doc, 'div', 'meta', 'meta');
    if (post.date) {
      const time = el(doc, 'time', 'date', 'date');
      time.dateTime = post.date;
      time.textContent = formatDate(post.date, lang);
      meta.append(time);
    }
    if (categories.length) meta.append(chipList(doc, categories, 'categories', 'category', 'Categories'));
    if (tags.length) meta.append(chipList(doc, tags, 'tags', 'tag', 'Tags'));
    header.append(meta);
  }
  if (post.image) {
    const img = el(doc, 'img', 'feature-image', 'feature-image');
    // Decorative: the title right above says what the post is; a body image keeps its own alt.
    img.alt = '';
    img.decoding = 'async';
    img.src = post.image;
    header.append(img);
  }
  if (post.featureHtml) {
    const feature = el(doc, 'div', 'feature-text', 'feature-text');
    feature.innerHTML = post.featureHtml; // sanitized by the core (same policy as the body)
    header.append(feature);
  }
  return header;
}
