// Jekyll-style permalinks: placeholders, the default pattern, and a safe mapping from a URL
// to a file inside the output directory.
import path from 'node:path';

/** Jekyll's `pretty` style, the default for posts here (one index.html per post). */
export const DEFAULT_PERMALINK = '/:categories/:year/:month/:day/:title/';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Files the builder writes itself at the top of the output; no post may take or shadow them. */
export const RESERVED_FILES = ['index.html', 'posts.json', 'feed.xml'];

/**
 * The date parts of an ISO 8601 date as written (its own time zone, like Jekyll with the
 * post's offset), or null when `iso` does not start with YYYY-MM-DD.
 */
export function dateParts(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(iso ?? '');
  if (!m) return null;
  const [, year, month, day, hour = '00', minute = '00', second = '00'] = m;
  const utc = new Date(Date.UTC(+year, +month - 1, +day));
  const start = Date.UTC(+year, 0, 1);
  return {
    year,
    month,
    day,
    hour,
    minute,
    second,
    i_month: String(+month),
    i_day: String(+day),
    short_year: year.slice(2),
    short_month: MONTHS[+month - 1].slice(0, 3),
    long_month: MONTHS[+month - 1],
    short_day: DAYS[utc.getUTCDay()].slice(0, 3),
    long_day: DAYS[utc.getUTCDay()],
    y_day: String(Math.floor((utc.getTime() - start) / 86400000) + 1).padStart(3, '0'),
  };
}

/**
 * Expands Jekyll placeholders (:year, :month, :day, :title, :slug, :categories, …) in
 * `pattern`. Unknown placeholders stay as written. Returns a URL path starting with "/".
 */
export function expandPermalink(pattern, { date, slug, categories }) {
  const parts = dateParts(date) ?? {};
  const values = {
    ...parts,
    title: slug,
    slug,
    // Jekyll: categories lower-cased, de-duplicated, joined as a hierarchy.
    categories: [...new Set(categories.map((c) => String(c).toLowerCase()))].join('/'),
    output_ext: '.html',
  };
  let url = pattern.replace(/:([a-z_]+)/g, (whole, name) => (Object.hasOwn(values, name) ? values[name] : whole));
  url = url.replace(/\/{2,}/g, '/');
  if (!url.startsWith('/')) url = '/' + url;
  return url;
}

/**
 * Where `url` is written under `outDir`, or throws an Error saying why it cannot be: a segment
 * that is `.` or `..` (also percent-encoded), a backslash or control character, a reserved
 * name. The result is always inside `outDir`.
 * Returns {url, outputFile, href}: the URL (a trailing "/" added for directories), the absolute
 * file path, and the URL percent-encoded for links.
 */
export function resolveOutput(outDir, url) {
  if (/[\\\u0000-\u001f\u007f]/.test(url)) throw new Error(`permalink ${JSON.stringify(url)} contains a backslash or a control character`);
  const segments = url.split('/').filter((s) => s !== '');
  for (const segment of segments) {
    let decoded = segment;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      // not percent-encoded: checked as it is
    }
    if (segment === '.' || segment === '..' || decoded === '.' || decoded === '..' || decoded.includes('/') ||
        decoded.includes('\\')) {
      throw new Error(`permalink ${JSON.stringify(url)} leaves the output directory`);
    }
    if (Buffer.byteLength(segment) > 255) throw new Error(`permalink ${JSON.stringify(url)} has a segment longer than 255 bytes`);
  }
  const last = segments[segments.length - 1] ?? '';
  const isFile = /\.html?$/i.test(last) && !url.endsWith('/');
  const cleanUrl = '/' + segments.join('/') + (isFile || segments.length === 0 ? '' : '/');
  const root = path.resolve(outDir);
  const outputFile = isFile ? path.resolve(root, ...segments) : path.resolve(root, ...segments, 'index.html');
  if (!outputFile.startsWith(root + path.sep)) throw new Error(`permalink ${JSON.stringify(url)} leaves the output directory`);
  for (const name of RESERVED_FILES) {
    const reserved = path.join(root, name);
    if (outputFile === reserved || outputFile.startsWith(reserved + path.sep)) {
      throw new Error(`permalink ${JSON.stringify(url)} is reserved for the site's own ${name}`);
    }
  }
  const href = '/' + segments.map(encodeURIComponent).join('/') + (isFile || segments.length === 0 ? '' : '/');
  return { url: cleanUrl, outputFile, href };
}

/** A link from the page at `fromHref` to `toHref` (both site-absolute), as a relative URL. */
export function relativeHref(fromHref, toHref) {
  const fromDir = fromHref.endsWith('/') ? fromHref : fromHref.slice(0, fromHref.lastIndexOf('/') + 1);
  const depth = fromDir.split('/').filter(Boolean).length;
  const rel = '../'.repeat(depth) + toHref.replace(/^\//, '');
  return rel === '' ? './' : rel;
}
