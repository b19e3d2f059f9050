// Block-level DOM patching for the live preview.
//
// The rendered body is a list of top-level blocks (<p>, <h2>, <ul>, <table>, text between them).
// Each block is keyed by its HTML string with the data-source-line attributes cut out, so a
// block whose text did not change keeps its key even when an edit above it shifts every line
// number. A new render is diffed against the previous list: unchanged blocks keep their DOM
// nodes (scroll position, loaded images, focus and selection inside them survive) and only get
// their data-source-line values updated; changed blocks are parsed and inserted.
//
// The pure half (splitBlocks, diffBlocks) runs in the Web Worker, so for a large post only the
// changed blocks' HTML crosses to the main thread. The DOM half (BlockList) runs on the page.

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
// Elements whose content the scanner cannot read as markup. The sanitized output never has them.
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext', 'template', 'svg', 'math']);
const LINE_ATTR = 'data-source-line';

function isNameChar(c) {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 58 || c === 95;
}
function isSpace(c) {
  return c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
}

/**
 * Splits canonical HTML (the core's sanitized output: balanced, quoted attributes, escaped text)
 * into top-level blocks. Returns [{html, key, lines}] or null when the input does not look
 * canonical (then the caller parses it with the browser instead).
 *  - key: html with every ` data-source-line="N"` inside a tag removed
 *  - lines: the N values in document order
 */
export function splitBlocks(html) {
  const blocks = [];
  const stack = [];
  const n = html.length;
  let blockStart = 0;
  let keyParts = [];
  let keyFrom = 0;
  let lines = [];
  let i = 0;

  const endBlock = (end) => {
    if (end <= blockStart) return;
    keyParts.push(html.slice(keyFrom, end));
    blocks.push({ html: html.slice(blockStart, end), key: keyParts.join(''), lines });
    blockStart = end;
    keyFrom = end;
    keyParts = [];
    lines = [];
  };

  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    if (stack.length === 0 && lt > blockStart) endBlock(lt); // text before a top-level tag
    let j = lt + 1;
    if (html.startsWith('!--', j)) {
      const close = html.indexOf('-->', j + 3);
      if (close < 0) return null;
      i = close + 3;
      if (stack.length === 0) endBlock(i);
      continue;
    }
    const closing = html.charCodeAt(j) === 47; // '/'
    if (closing) j++;
    const nameStart = j;
    while (j < n && isNameChar(html.charCodeAt(j))) j++;
    if (j === nameStart) return null; // a bare '<' in text: not canonical
    const name = html.slice(nameStart, j).toLowerCase();
    if (RAW_TEXT.has(name)) return null;
    // Attributes: name[="value"], values always double-quoted in canonical output.
    let selfClosing = false;
    for (;;) {
      while (j < n && isSpace(html.charCodeAt(j))) j++;
      if (j >= n) return null;
      const c = html.charCodeAt(j);
      if (c === 62) { j++; break; } // '>'
      if (c === 47) { selfClosing = true; j++; continue; }
      if (closing) return null;
      const attrStart = j;
      while (j < n && isNameChar(html.charCodeAt(j))) j++;
      if (j === attrStart) return null;
      const attrName = html.slice(attrStart, j);
      let value = null;
      if (html.charCodeAt(j) === 61) { // '='
        if (html.charCodeAt(j + 1) !== 34) return null; // unquoted or single-quoted: not ours
        const q = html.indexOf('"', j + 2);
        if (q < 0) return null;
        value = html.slice(j + 2, q);
        j = q + 1;
      }
      if (attrName === LINE_ATTR && value !== null && /^\d+$/.test(value)) {
        // Cut ` data-source-line="N"` (with the space before it) out of the key.
        let cut = attrStart;
        while (cut > keyFrom && isSpace(html.charCodeAt(cut - 1))) cut--;
        keyParts.push(html.slice(keyFrom, cut));
        keyFrom = j;
        lines.push(Number(value));
      }
    }
    i = j;
    if (closing) {
      if (stack.length === 0 || stack[stack.length - 1] !== name) return null;
      stack.pop();
      if (stack.length === 0) endBlock(i);
    } else if (VOID.has(name) || selfClosing) {
      if (stack.length === 0) endBlock(i);
    } else {
      stack.push(name);
    }
  }
  if (stack.length !== 0) return null;
  endBlock(n);
  return blocks;
}

function sameLines(a, b) {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/**
 * Diffs the previous block list against the next one (both [{key, lines}]).
 * Returns { ops, lines, kept, added } where ops[k] is the index of the previous block that
 * new block k reuses, or -1 when it must be created; lines is [[k, linesArray], ...] for reused
 * blocks whose data-source-line values changed.
 */
export function diffBlocks(prev, next) {
  const ops = new Array(next.length).fill(-1);
  const used = new Uint8Array(prev.length);
  // Common prefix and suffix first: an edit in the middle leaves both ends in place.
  let head = 0;
  while (head < prev.length && head < next.length && prev[head].key === next[head].key) {
    ops[head] = head;
    used[head] = 1;
    head++;
  }
  let tailPrev = prev.length - 1;
  let tailNext = next.length - 1;
  while (tailPrev >= head && tailNext >= head && prev[tailPrev].key === next[tailNext].key) {
    ops[tailNext] = tailPrev;
    used[tailPrev] = 1;
    tailPrev--;
    tailNext--;
  }
  // The middle: blocks moved or duplicated; reuse the first unused block with the same key.
  if (head <= tailNext && head <= tailPrev) {
    const byKey = new Map();
    for (let p = head; p <= tailPrev; p++) {
      const list = byKey.get(prev[p].key);
      if (list) list.push(p);
      else byKey.set(prev[p].key, [p]);
    }
    for (let k = head; k <= tailNext; k++) {
      const list = byKey.get(next[k].key);
      if (list && list.length) {
        const p = list.shift();
        ops[k] = p;
        used[p] = 1;
      }
    }
  }
  const lines = [];
  let kept = 0;
  for (let k = 0; k < next.length; k++) {
    const p = ops[k];
    if (p < 0) continue;
    kept++;
    if (!sameLines(prev[p].lines, next[k].lines)) lines.push([k, next[k].lines]);
  }
  return { ops, lines, kept, added: next.length - kept };
}

/**
 * Builds the message that carries a diff to the page: for each new block either the index of a
 * previous block to keep, or the HTML of a new one.
 */
export function encodePatch(diff, next) {
  const blocks = diff.ops.map((p, k) => (p >= 0 ? p : next[k].html));
  return { blocks, lines: diff.lines, kept: diff.kept, added: diff.added };
}

const SPLIT_MARK = 'postrender-block-split';

/** Parses a list of HTML strings into one node array each, with a single parser call. */
function parseMany(doc, htmls) {
  if (htmls.length === 0) return [];
  const template = doc.createElement('template');
  // Comments cannot occur in the canonical blocks (the core drops them), so one marks the joins.
  template.innerHTML = htmls.join(`<!--${SPLIT_MARK}-->`); // sanitized output only (see callers)
  const groups = [[]];
  for (const node of Array.from(template.content.childNodes)) {
    if (node.nodeType === 8 && node.data === SPLIT_MARK) groups.push([]);
    else groups[groups.length - 1].push(node);
  }
  if (groups.length !== htmls.length) {
    // Should not happen with canonical blocks; fall back to one parse per block.
    return htmls.map((h) => {
      const t = doc.createElement('template');
      t.innerHTML = h;
      return Array.from(t.content.childNodes);
    });
  }
  return groups;
}

/** Elements carrying data-source-line inside the nodes of one block, in document order. */
function lineElements(nodes) {
  const out = [];
  for (const node of nodes) {
    if (node.nodeType !== 1) continue;
    if (node.hasAttribute(LINE_ATTR)) out.push(node);
    for (const inner of node.querySelectorAll(`[${LINE_ATTR}]`)) out.push(inner);
  }
  return out;
}

/** A key for a parsed top-level node (fallback path): its markup without source lines. */
function nodeKeyAndLines(node) {
  if (node.nodeType === 1) {
    const lines = lineElements([node]).map((e) => Number(e.getAttribute(LINE_ATTR)));
    // Serialized markup escapes '"' in attribute values, so this only matches real attributes.
    const key = node.outerHTML.replace(/ data-source-line="\d+"/g, '');
    return { key, lines };
  }
  if (node.nodeType === 3) return { key: `#text:${node.data}`, lines: [] };
  if (node.nodeType === 8) return { key: `#comment:${node.data}`, lines: [] };
  return { key: `#node:${node.nodeName}`, lines: [] };
}

/**
 * The page side: owns the children of `parent` and applies patches to them.
 * All HTML it parses comes from the renderer's output; the caller decides whether that output
 * was sanitized (the preview only skips sanitizing when the integrator asked for trusted mode).
 */
export class BlockList {
  constructor(parent) {
    this.parent = parent;
    this.doc = parent.ownerDocument;
    /** @type {Node[][]} one node list per block, in order */
    this.blocks = [];
    /** keys of this.blocks, only known after applyHtml (the fallback path) */
    this.keys = null;
  }

  /** Removes every block. */
  clear() {
    this.parent.replaceChildren();
    this.blocks = [];
    this.keys = null;
  }

  /** Applies a patch made by encodePatch() against the block list this object holds. */
  applyPatch(patch) {
    const fresh = [];
    const freshAt = [];
    patch.blocks.forEach((b, k) => {
      if (typeof b === 'string') {
        fresh.push(b);
        freshAt.push(k);
      }
    });
    const parsed = parseMany(this.doc, fresh);
    const next = patch.blocks.map((b) => (typeof b === 'number' ? this.blocks[b] : null));
    freshAt.forEach((k, m) => {
      next[k] = parsed[m];
    });
    this.#commit(next, patch.blocks.map((b) => typeof b === 'number'), patch.lines);
    this.keys = null;
    return { kept: patch.kept, added: patch.added };
  }

  /**
   * Fallback when the HTML is not canonical (trusted mode): parse all of it here, key the
   * top-level nodes by their markup, and keep the ones that did not change.
   */
  applyHtml(html) {
    const template = this.doc.createElement('template');
    template.innerHTML = html; // renderer output (see class comment)
    const nodes = Array.from(template.content.childNodes);
    const next = nodes.map(nodeKeyAndLines);
    const prev = this.keys || [];
    const diff = this.keys ? diffBlocks(prev, next) : { ops: next.map(() => -1), lines: [], kept: 0, added: next.length };
    const blocks = diff.ops.map((p, k) => (p >= 0 ? this.blocks[p] : [nodes[k]]));
    this.#commit(blocks, diff.ops.map((p) => p >= 0), diff.lines);
    this.keys = next;
    return { kept: diff.kept, added: diff.added };
  }

  #commit(next, reused, lineUpdates) {
    const keep = new Set();
    next.forEach((nodes, k) => {
      if (reused[k]) for (const node of nodes) keep.add(node);
    });
    // Drop the blocks that are gone before moving anything, so kept nodes are moved rarely.
    for (const nodes of this.blocks) {
      for (const node of nodes) if (!keep.has(node) && node.parentNode === this.parent) node.remove();
    }
    let ref = this.parent.firstChild;
    for (const nodes of next) {
      for (const node of nodes) {
        if (node === ref) ref = ref.nextSibling;
        else this.parent.insertBefore(node, ref);
      }
    }
    while (ref) {
      const after = ref.nextSibling;
      ref.remove();
      ref = after;
    }
    for (const [k, lines] of lineUpdates) {
      const els = lineElements(next[k]);
      const count = Math.min(els.length, lines.length);
      for (let m = 0; m < count; m++) {
        const value = String(lines[m]);
        if (els[m].getAttribute(LINE_ATTR) !== value) els[m].setAttribute(LINE_ATTR, value);
      }
    }
    this.blocks = next;
  }
}
