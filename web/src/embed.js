// The one-line embed: load this file as a module script and every <post-view> on the page,
// present or added later, is upgraded.
//
//   <script type="module" src="https://your.cdn/postrender/src/embed.js"></script>
//
// The WebAssembly module is fetched once (from ../dist/ next to this file) when the first
// element renders.
import { definePostView } from './element.js';

definePostView();

export { PostView, configure, getRenderer } from './element.js';
