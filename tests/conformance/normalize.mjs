// The CommonMark test suite's HTML normalisation (the spec repository's normalize.py), ported to
// JavaScript so the conformance run needs no Python. Two renderings pass when their normalised
// forms are equal. normalize.py is built on Python's html.parser.HTMLParser, so this file ports
// that tokenizer's behaviour too (its regular expressions, its buffering across feed() calls and
// its tolerance of broken markup): the same input must normalise to the same string.
//
// Known differences, none reachable by a renderer that escapes its text:
// - entity references in text are looked up in the HTML5 table (Python: the HTML 4 table);
// - attribute values are unescaped with the `entities` package (Python: html.unescape).
import { decodeHTML, decodeHTMLStrict } from 'entities';

// Python's \s for str patterns: str.isspace() characters.
const WS = '\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const S = `[${WS}]`;
const WS_RUN = new RegExp(`${S}+`, 'g');
const LEADING_WS = new RegExp(`^${S}+`);
const TRAILING_WS = new RegExp(`${S}+$`);

const INTERESTING_NORMAL = /[&<]/g;
const INCOMPLETE = /&[a-zA-Z#]/y;
const ENTITYREF = /&([a-zA-Z][-.a-zA-Z0-9]*)[^a-zA-Z0-9]/y;
const CHARREF = /&#(?:[0-9]+|[xX][0-9a-fA-F]+)[^0-9a-fA-F]/y;
const STARTTAGOPEN = /<[a-zA-Z]/y;
const PICLOSE = />/g;
const COMMENTCLOSE = new RegExp(`--${S}*>`, 'g');
const TAGFIND_TOLERANT = new RegExp(`([a-zA-Z][^\\t\\n\\r\\f />\\x00]*)(?:${S}|/(?!>))*`, 'y');
const ATTRFIND_TOLERANT = new RegExp(
  `((?<=['"${WS}/])[^${WS}/>][^${WS}/=>]*)(${S}*=+${S}*` +
    `('[^']*'|"[^"]*"|(?!['"])[^>${WS}]*))?(?:${S}|/(?!>))*`,
  'y',
);
const LOCATESTARTTAGEND_TOLERANT = new RegExp(
  `<[a-zA-Z][^\\t\\n\\r\\f />\\x00]*` +
    `(?:[${WS}/]*` +
    `(?:(?<=['"${WS}/])[^${WS}/>][^${WS}/=>]*` +
    `(?:${S}*=+${S}*(?:'[^']*'|"[^"]*"|(?!['"])[^>${WS}]*)${S}*)?(?:${S}|/(?!>))*` +
    `)*` +
    `)?` +
    `${S}*`,
  'y',
);
const ENDENDTAG = />/g;
const ENDTAGFIND = new RegExp(`</${S}*([a-zA-Z][-.a-zA-Z0-9:_]*)${S}*>`, 'y');
const DECLNAME = new RegExp(`[a-zA-Z][-_.a-zA-Z0-9]*${S}*`, 'y');
const MARKEDSECTIONCLOSE = new RegExp(`]${S}*]${S}*>`, 'g');
const MSMARKEDSECTIONCLOSE = new RegExp(`]${S}*>`, 'g');
const CDATA_CONTENT_ELEMENTS = new Set(['script', 'style']);

const BLOCK_TAGS = new Set([
  'article', 'header', 'aside', 'hgroup', 'blockquote', 'hr', 'iframe', 'body', 'li', 'map', 'button',
  'object', 'canvas', 'ol', 'caption', 'output', 'col', 'p', 'colgroup', 'pre', 'dd', 'progress', 'div',
  'section', 'dl', 'table', 'td', 'dt', 'tbody', 'embed', 'textarea', 'fieldset', 'tfoot', 'figcaption',
  'th', 'figure', 'thead', 'footer', 'tr', 'form', 'ul', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'video',
  'script', 'style',
]);

/** Anchored match at `pos` (Python's pattern.match(string, pos)). */
function matchAt(regex, string, pos) {
  regex.lastIndex = pos;
  return regex.exec(string);
}

/** First match at or after `pos` (Python's pattern.search(string, pos)); index in .index. */
function searchFrom(regex, string, pos) {
  regex.lastIndex = pos;
  return regex.exec(string);
}

const lstrip = (s) => s.replace(LEADING_WS, '');
const rstrip = (s) => s.replace(TRAILING_WS, '');
const strip = (s) => rstrip(lstrip(s));

function escapeAttribute(value) {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;');
}

function pythonCompare(a, b) {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

class NormalizingParser {
  constructor() {
    this.rawdata = '';
    this.interesting = INTERESTING_NORMAL;
    this.cdataElem = null;
    this.last = 'starttag';
    this.inPre = false;
    this.output = '';
    this.lastTag = '';
  }

  feed(data) {
    this.rawdata += data;
    this.goahead(false);
  }

  close() {
    this.goahead(true);
  }

  // ---- tokenizer (html.parser.HTMLParser with convert_charrefs=False)
  goahead(end) {
    const rawdata = this.rawdata;
    let i = 0;
    const n = rawdata.length;
    while (i < n) {
      let j;
      const match = searchFrom(this.interesting, rawdata, i);
      if (match) {
        j = match.index;
      } else {
        if (this.cdataElem) break;
        j = n;
      }
      if (i < j) this.handleData(rawdata.slice(i, j));
      i = j;
      if (i === n) break;
      if (rawdata.startsWith('<', i)) {
        let k;
        if (matchAt(STARTTAGOPEN, rawdata, i)) {
          k = this.parseStarttag(i);
        } else if (rawdata.startsWith('</', i)) {
          k = this.parseEndtag(i);
        } else if (rawdata.startsWith('<!--', i)) {
          k = this.parseComment(i);
        } else if (rawdata.startsWith('<?', i)) {
          k = this.parsePi(i);
        } else if (rawdata.startsWith('<!', i)) {
          k = this.parseHtmlDeclaration(i);
        } else if (i + 1 < n) {
          this.handleData('<');
          k = i + 1;
        } else {
          break;
        }
        if (k < 0) {
          if (!end) break;
          k = rawdata.indexOf('>', i + 1);
          if (k < 0) {
            k = rawdata.indexOf('<', i + 1);
            if (k < 0) k = i + 1;
          } else {
            k += 1;
          }
          this.handleData(rawdata.slice(i, k));
        }
        i = k;
      } else if (rawdata.startsWith('&#', i)) {
        const m = matchAt(CHARREF, rawdata, i);
        if (m) {
          this.handleCharref(m[0].slice(2, -1));
          let k = i + m[0].length;
          if (rawdata[k - 1] !== ';') k -= 1;
          i = k;
          continue;
        }
        if (rawdata.indexOf(';', i) >= 0) {
          this.handleData(rawdata.slice(i, i + 2));
          i += 2;
        }
        break;
      } else if (rawdata.startsWith('&', i)) {
        let m = matchAt(ENTITYREF, rawdata, i);
        if (m) {
          this.handleEntityref(m[1]);
          let k = i + m[0].length;
          if (rawdata[k - 1] !== ';') k -= 1;
          i = k;
          continue;
        }
        m = matchAt(INCOMPLETE, rawdata, i);
        if (m) {
          if (end && m[0] === rawdata.slice(i)) i += 1;
          break;
        } else if (i + 1 < n) {
          this.handleData('&');
          i += 1;
        } else {
          break;
        }
      } else {
        throw new Error('interesting.search() lied');
      }
    }
    if (end && i < n && !this.cdataElem) {
      this.handleData(rawdata.slice(i, n));
      i = n;
    }
    this.rawdata = rawdata.slice(i);
  }

  parseHtmlDeclaration(i) {
    const rawdata = this.rawdata;
    if (rawdata.startsWith('<!--', i)) return this.parseComment(i);
    if (rawdata.startsWith('<![', i)) return this.parseMarkedSection(i);
    if (rawdata.slice(i, i + 9).toLowerCase() === '<!doctype') {
      const gtpos = rawdata.indexOf('>', i + 9);
      if (gtpos === -1) return -1;
      this.handleDecl(rawdata.slice(i + 2, gtpos));
      return gtpos + 1;
    }
    return this.parseBogusComment(i);
  }

  parseMarkedSection(i) {
    const rawdata = this.rawdata;
    if (i + 3 === rawdata.length) return -1;
    const m = matchAt(DECLNAME, rawdata, i + 3);
    if (!m) throw new Error(`expected name token at ${JSON.stringify(rawdata.slice(i, i + 20))}`);
    if (i + 3 + m[0].length === rawdata.length) return -1;
    const name = strip(m[0]).toLowerCase();
    let close;
    if (['temp', 'cdata', 'ignore', 'include', 'rcdata'].includes(name)) {
      close = searchFrom(MARKEDSECTIONCLOSE, rawdata, i + 3);
    } else if (['if', 'else', 'endif'].includes(name)) {
      close = searchFrom(MSMARKEDSECTIONCLOSE, rawdata, i + 3);
    } else {
      throw new Error(`unknown status keyword ${JSON.stringify(name)} in marked section`);
    }
    if (!close) return -1;
    this.unknownDecl(rawdata.slice(i + 3, close.index));
    return close.index + close[0].length;
  }

  parseComment(i) {
    const rawdata = this.rawdata;
    const m = searchFrom(COMMENTCLOSE, rawdata, i + 4);
    if (!m) return -1;
    this.handleComment(rawdata.slice(i + 4, m.index));
    return m.index + m[0].length;
  }

  parseBogusComment(i) {
    const rawdata = this.rawdata;
    const pos = rawdata.indexOf('>', i + 2);
    if (pos === -1) return -1;
    this.handleComment(rawdata.slice(i + 2, pos));
    return pos + 1;
  }

  parsePi(i) {
    const rawdata = this.rawdata;
    const m = searchFrom(PICLOSE, rawdata, i + 2);
    if (!m) return -1;
    this.handlePi(rawdata.slice(i + 2, m.index));
    return m.index + m[0].length;
  }

  parseStarttag(i) {
    const endpos = this.checkForWholeStartTag(i);
    if (endpos < 0) return endpos;
    const rawdata = this.rawdata;
    const attrs = [];
    const tagMatch = matchAt(TAGFIND_TOLERANT, rawdata, i + 1);
    let k = i + 1 + tagMatch[0].length;
    const tag = tagMatch[1].toLowerCase();
    while (k < endpos) {
      const m = matchAt(ATTRFIND_TOLERANT, rawdata, k);
      if (!m) break;
      const [, name, rest] = m;
      let value = m[3];
      if (!rest) {
        value = null;
      } else if (
        (value.slice(0, 1) === "'" && value.slice(-1) === "'") ||
        (value.slice(0, 1) === '"' && value.slice(-1) === '"')
      ) {
        value = value.slice(1, -1);
      }
      if (value) value = decodeHTML(value);
      attrs.push([name.toLowerCase(), value]);
      k += m[0].length;
    }
    const rest = strip(rawdata.slice(k, endpos));
    if (rest !== '>' && rest !== '/>') {
      this.handleData(rawdata.slice(i, endpos));
      return endpos;
    }
    if (rest.endsWith('/>')) {
      this.handleStartendtag(tag, attrs);
    } else {
      this.handleStarttag(tag, attrs);
      if (CDATA_CONTENT_ELEMENTS.has(tag)) {
        this.cdataElem = tag;
        this.interesting = new RegExp(`</${S}*${tag}${S}*>`, 'gi');
      }
    }
    return endpos;
  }

  checkForWholeStartTag(i) {
    const rawdata = this.rawdata;
    const m = matchAt(LOCATESTARTTAGEND_TOLERANT, rawdata, i);
    const j = i + m[0].length;
    const next = rawdata.slice(j, j + 1);
    if (next === '>') return j + 1;
    if (next === '/') {
      if (rawdata.startsWith('/>', j)) return j + 2;
      return -1;  // the '/' of a '/>' cut by a buffer boundary
    }
    if (next === '') return -1;
    if (/[a-zA-Z=/]/.test(next)) return -1;
    return j > i ? j : i + 1;
  }

  parseEndtag(i) {
    const rawdata = this.rawdata;
    const gt = searchFrom(ENDENDTAG, rawdata, i + 1);
    if (!gt) return -1;
    const gtpos = gt.index + 1;
    const m = matchAt(ENDTAGFIND, rawdata, i);
    if (!m) {
      if (this.cdataElem !== null) {
        this.handleData(rawdata.slice(i, gtpos));
        return gtpos;
      }
      const nameMatch = matchAt(TAGFIND_TOLERANT, rawdata, i + 2);
      if (!nameMatch) {
        if (rawdata.slice(i, i + 3) === '</>') return i + 3;
        return this.parseBogusComment(i);
      }
      const tagname = nameMatch[1].toLowerCase();
      const close = rawdata.indexOf('>', i + 2 + nameMatch[0].length);
      this.handleEndtag(tagname);
      return close + 1;
    }
    const elem = m[1].toLowerCase();
    if (this.cdataElem !== null && elem !== this.cdataElem) {
      this.handleData(rawdata.slice(i, gtpos));
      return gtpos;
    }
    this.handleEndtag(elem);
    this.interesting = INTERESTING_NORMAL;
    this.cdataElem = null;
    return gtpos;
  }

  // ---- normalisation (normalize.py's MyHTMLParser handlers)
  handleData(data) {
    const afterTag = this.last === 'endtag' || this.last === 'starttag';
    const afterBlockTag = afterTag && BLOCK_TAGS.has(this.lastTag);
    if (afterTag && this.lastTag === 'br') data = data.replace(/^\n+/, '');
    if (!this.inPre) data = data.replace(WS_RUN, ' ');
    if (afterBlockTag && !this.inPre) {
      if (this.last === 'starttag') data = lstrip(data);
      else if (this.last === 'endtag') data = strip(data);
    }
    this.output += data;
    this.last = 'data';
  }

  handleEndtag(tag) {
    if (tag === 'pre') this.inPre = false;
    else if (BLOCK_TAGS.has(tag)) this.output = rstrip(this.output);
    this.output += `</${tag}>`;
    this.lastTag = tag;
    this.last = 'endtag';
  }

  handleStarttag(tag, attrs) {
    if (tag === 'pre') this.inPre = true;
    if (BLOCK_TAGS.has(tag)) this.output = rstrip(this.output);
    this.output += `<${tag}`;
    attrs.sort((a, b) => pythonCompare(a[0], b[0]) || pythonCompare(a[1] ?? '', b[1] ?? ''));
    for (const [name, value] of attrs) {
      this.output += ` ${name}`;
      // normalize.py has a branch for values equal to "href"/"src" that crashes on Python 3.
      if (value === 'href' || value === 'src') throw new Error(`attribute value ${value} (normalize.py crashes)`);
      if (value !== null) this.output += `="${escapeAttribute(value)}"`;
    }
    this.output += '>';
    this.lastTag = tag;
    this.last = 'starttag';
  }

  handleStartendtag(tag, attrs) {
    this.handleStarttag(tag, attrs);
    this.lastTag = tag;
    this.last = 'endtag';
  }

  handleComment(data) {
    this.output += `<!--${data}-->`;
    this.last = 'comment';
  }

  handleDecl(data) {
    this.output += `<!${data}>`;
    this.last = 'decl';
  }

  unknownDecl(data) {
    this.output += `<!${data}>`;
    this.last = 'decl';
  }

  handlePi(data) {
    this.output += `<?${data}>`;
    this.last = 'pi';
  }

  handleEntityref(name) {
    const decoded = decodeHTMLStrict(`&${name};`);
    this.outputChar(decoded === `&${name};` ? null : decoded, `&${name};`);
    this.last = 'ref';
  }

  handleCharref(name) {
    let c = null;
    const code = name.startsWith('x') ? parseInt(name.slice(1), 16) : /^[0-9]+$/.test(name) ? parseInt(name, 10) : NaN;
    if (Number.isFinite(code) && code <= 0x10ffff) c = String.fromCodePoint(code);
    this.outputChar(c, `&${name};`);
    this.last = 'ref';
  }

  outputChar(c, fallback) {
    if (c === '<') this.output += '&lt;';
    else if (c === '>') this.output += '&gt;';
    else if (c === '&') this.output += '&amp;';
    else if (c === '"') this.output += '&quot;';
    else if (c === null) this.output += fallback;
    else this.output += c;
  }
}

const CHUNK = /(<!\[CDATA\[[^\n]*?\]\]>|<[^>]*>|[^<]+)/g;

/**
 * Normalised form of an HTML fragment: insignificant whitespace removed, attributes sorted,
 * references resolved. Throws where normalize.py would fail.
 */
export function normalizeHtml(html) {
  const parser = new NormalizingParser();
  for (const match of html.matchAll(CHUNK)) {
    if (match[0].startsWith('<![CDATA')) parser.output += match[0];
    else parser.feed(match[0]);
  }
  parser.close();
  return parser.output;
}
