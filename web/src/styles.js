// Default stylesheet for the shadow roots of <post-view> and the live preview.
// Small on purpose: readable typography, CJK-friendly line breaking, responsive media and
// tables that scroll instead of widening the page. Everything visual goes through
// --postrender-* custom properties (they inherit into the shadow root, so a host page themes
// it from outside) and the parts listed below can be styled with ::part().
//
// Parts: article, header, title, meta, date, categories, category, tags, tag, feature,
//        feature-image, feature-text, body, warnings, warning, error.

/** The stylesheet text. Selectors only match inside the shadow root it is adopted by. */
export const css = `
:host {
  display: block;
  color: var(--postrender-color, inherit);
  background: var(--postrender-background, transparent);
  font-family: var(--postrender-font-family, system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK KR", "Apple SD Gothic Neo", "Malgun Gothic", "Hiragino Sans", "Yu Gothic", sans-serif);
  font-size: var(--postrender-font-size, 1rem);
  line-height: var(--postrender-line-height, 1.75);
  contain: content;
}
:host([hidden]) { display: none; }
.article {
  max-width: var(--postrender-max-width, 46rem);
  margin: 0 auto;
  padding: var(--postrender-padding, 0);
  /* Korean and other CJK text: break between words (eojeol), never inside one, but still
     wrap a long URL or unbroken string rather than overflowing. */
  word-break: keep-all;
  overflow-wrap: anywhere;
  line-break: strict;
  text-rendering: optimizeLegibility;
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
}
.article:lang(ja), .article:lang(zh) { word-break: normal; }
header { margin: 0 0 1.75em; }
header h1 {
  font-size: var(--postrender-title-size, 2em);
  line-height: 1.3;
  margin: 0 0 .35em;
  color: var(--postrender-heading-color, inherit);
  font-weight: 700;
}
.meta { color: var(--postrender-muted-color, #5f6368); font-size: .9em; display: flex; flex-wrap: wrap; gap: .35em .9em; align-items: center; margin: 0 0 1em; }
.meta ul { list-style: none; display: inline-flex; flex-wrap: wrap; gap: .35em; margin: 0; padding: 0; }
.meta li { margin: 0; }
.category, .tag {
  display: inline-block; padding: .05em .6em; border-radius: 999px;
  background: var(--postrender-chip-background, rgba(127, 127, 127, .14));
  color: var(--postrender-chip-color, inherit); font-size: .92em; line-height: 1.6;
}
.tag::before { content: "#"; opacity: .6; }
.feature-image { display: block; width: 100%; max-height: 28rem; object-fit: cover; border-radius: var(--postrender-radius, 8px); margin: 0 0 1em; }
.feature-text { font-size: 1.05em; color: var(--postrender-feature-color, inherit); border-left: 4px solid var(--postrender-accent, #1a73e8); padding: .1em 0 .1em 1em; margin: 0; }
.feature-text > :first-child { margin-top: 0; }
.feature-text > :last-child { margin-bottom: 0; }
.feature-text h1, .feature-text h2, .feature-text h3 { font-size: 1.1em; }

.body > :first-child { margin-top: 0; }
h1, h2, h3, h4, h5, h6 { line-height: 1.35; margin: 1.8em 0 .6em; color: var(--postrender-heading-color, inherit); font-weight: 700; }
h1 { font-size: 1.8em; } h2 { font-size: 1.45em; } h3 { font-size: 1.2em; }
h4 { font-size: 1.05em; } h5, h6 { font-size: 1em; }
p, ul, ol, dl, blockquote, pre, table, figure, details { margin: 0 0 1.1em; }
ul, ol { padding-left: 1.6em; }
li + li { margin-top: .25em; }
li > ul, li > ol { margin-bottom: 0; }
a { color: var(--postrender-link-color, #1a73e8); text-decoration: underline; text-underline-offset: .15em; }
a:hover { text-decoration-thickness: 2px; }
strong, b { font-weight: 700; }
img, video { max-width: 100%; height: auto; }
img { border-radius: var(--postrender-image-radius, 4px); }
figure { margin-left: 0; margin-right: 0; }
figcaption { color: var(--postrender-muted-color, #5f6368); font-size: .9em; }
hr { border: 0; border-top: 1px solid var(--postrender-border-color, rgba(127, 127, 127, .35)); margin: 2em 0; }
blockquote { margin-left: 0; padding: .2em 1em; border-left: 4px solid var(--postrender-border-color, rgba(127, 127, 127, .35)); color: var(--postrender-muted-color, #5f6368); }
code, kbd, samp, pre { font-family: var(--postrender-code-font-family, ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace); font-size: .9em; }
:not(pre) > code { background: var(--postrender-code-background, rgba(127, 127, 127, .14)); padding: .1em .35em; border-radius: 4px; word-break: normal; overflow-wrap: anywhere; }
pre { background: var(--postrender-code-background, rgba(127, 127, 127, .14)); padding: .9em 1em; border-radius: var(--postrender-radius, 8px); overflow-x: auto; line-height: 1.5; word-break: normal; overflow-wrap: normal; white-space: pre; }
/* Wide tables scroll inside their own box instead of widening the page. */
table { display: block; max-width: 100%; width: max-content; overflow-x: auto; border-collapse: collapse; word-break: normal; }
th, td { border: 1px solid var(--postrender-border-color, rgba(127, 127, 127, .35)); padding: .4em .75em; text-align: left; vertical-align: top; }
th { background: var(--postrender-table-header-background, rgba(127, 127, 127, .08)); font-weight: 700; }
td[align="center"], th[align="center"] { text-align: center; }
td[align="right"], th[align="right"] { text-align: right; }
input[type="checkbox"] { margin: 0 .4em 0 0; vertical-align: middle; }
li:has(> input[type="checkbox"]) { list-style: none; margin-left: -1.3em; }
details > summary { cursor: pointer; }
mark { background: var(--postrender-mark-background, #fff3a3); color: inherit; }
ruby rt { font-size: .6em; }

.warnings { margin: 0 0 1em; padding: .5em .75em; list-style: none; border-radius: var(--postrender-radius, 8px); background: var(--postrender-warning-background, #fff8e1); color: var(--postrender-warning-color, #5d4200); font-size: .85em; }
.warnings:empty { display: none; }
.warning { margin: 0; }
.warning button { all: unset; cursor: pointer; display: block; padding: .15em 0; }
.warning button:hover, .warning button:focus-visible { text-decoration: underline; }
.warning .where { font-family: var(--postrender-code-font-family, ui-monospace, monospace); margin-right: .5em; }
.error { color: var(--postrender-error-color, #b3261e); }
/* Long posts in the live preview: the browser skips layout and paint of blocks off screen. */
.body.pr-large > * { content-visibility: auto; contain-intrinsic-size: auto 3em; }
[data-source-line].pr-active { outline: 2px solid var(--postrender-highlight-color, rgba(26, 115, 232, .35)); outline-offset: 2px; border-radius: 2px; }
`;

let shared = null;

/**
 * Returns a constructable CSSStyleSheet shared by every shadow root of the page (parsed once),
 * or null where constructable stylesheets are not supported.
 */
export function getStyleSheet() {
  if (shared) return shared;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shared = sheet;
  } catch {
    shared = null;
  }
  return shared;
}

/** Puts the default stylesheet into a shadow root (adopted when possible, else a <style>). */
export function applyStyles(shadowRoot) {
  const sheet = getStyleSheet();
  if (sheet && 'adoptedStyleSheets' in shadowRoot) {
    if (!shadowRoot.adoptedStyleSheets.includes(sheet)) {
      shadowRoot.adoptedStyleSheets = [sheet, ...shadowRoot.adoptedStyleSheets];
    }
    return;
  }
  const style = document.createElement('style');
  style.textContent = css;
  shadowRoot.prepend(style);
}
