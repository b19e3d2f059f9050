// Typed usage of the public API, checked by `tsc --noEmit -p tests/web/tsconfig.json`
// (types.test.js runs it). The @ts-expect-error lines prove the declarations reject misuse.
import {
  createRenderer,
  init,
  parseFrontMatter,
  PolicyPreset,
  render,
  renderMarkdown,
  sanitize,
  version,
  type FrontMatterValue,
  type Post,
  type RenderOptions,
  type Renderer,
  type SanitizePolicy,
  type TocEntry,
  type Warning,
} from 'postrender';

async function main(): Promise<void> {
  const renderer: Renderer = await createRenderer({
    baseUrl: 'https://example.com/blog/',
    markdown: { tables: true, underline: false },
    limits: { maxInputBytes: 1 << 20, maxNesting: 64 },
    policy: { preset: PolicyPreset.strict, allowAttributes: { title: [], href: ['a'] }, nofollowLinks: true },
    wasm: new URL('https://example.com/postrender.wasm'),
  });
  const version1: string = renderer.version;

  const post: Post = renderer.render('---\ntitle: Hi\n---\n# Hello', { fileName: '2024-05-01-hi.md' });
  const html: string = post.html;
  const title: string = post.title;
  const categories: string[] = post.categories;
  const toc: TocEntry[] = post.toc;
  const level: number = toc[0]?.level ?? 0;
  const warnings: Warning[] = post.warnings;
  const severity: 'info' | 'warning' | 'error' = warnings[0]?.severity ?? 'info';
  const minutes: number = post.readingMinutes + post.wordCount;
  const published: boolean = post.published;
  const frontMatter: FrontMatterValue = post.frontMatter;
  const excerpt: string = post.excerptHtml + post.featureHtml + post.image + post.slug + post.date + post.permalink;

  const fromBytes: Post = renderer.render(new TextEncoder().encode('bytes work too'));
  const md: string = renderer.renderMarkdown('*hi*', { sanitize: false, sourceLines: true });
  const policy: SanitizePolicy = { removeElements: ['img'], allowAttributes: ['lang'], allowedClasses: [] };
  const clean: string = renderer.sanitize('<b onclick="x">hi</b>', policy);
  const fm = renderer.parseFrontMatter('---\na: 1\n---\n');
  const fmWarnings: Warning[] = fm.warnings;

  await init();
  await init(new Uint8Array(8));
  const moduleLevel: Post = render('text', { headingIds: false, idPrefix: '' });
  const moduleMd: string = renderMarkdown('x') + sanitize('<i>x</i>') + version();
  const moduleFm = parseFrontMatter('---\n---\n');

  const options: RenderOptions = { sanitize: true, policy: { preset: 'blogPost' } };

  // @ts-expect-error sanitize is a boolean
  renderer.render('x', { sanitize: 'no' });
  // @ts-expect-error unknown option
  renderer.render('x', { trusted: true });
  // @ts-expect-error the preset is one of two names
  renderer.render('x', { policy: { preset: 'loose' } });
  // @ts-expect-error source is text or bytes
  renderer.render(42);
  // @ts-expect-error the result is read-only data, version is a string
  const n: number = renderer.version;

  void [version1, html, title, categories, level, severity, minutes, published, frontMatter, excerpt, fromBytes, md,
    clean, fmWarnings, moduleLevel, moduleMd, moduleFm, options, n];
}

void main;
