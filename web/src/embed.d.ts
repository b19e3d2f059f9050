// Types for postrender/embed (src/embed.js): importing it defines <post-view>.
export { PostView, configure, getRenderer } from './element.js';
