// The static-site builder behind `postrender build`: posts in, one page per post, an index,
// posts.json and an Atom feed out. Nothing is ever written outside the output directory.
import { constants as fsConstants, watch as watchFs } from 'node:fs';
import { lstat, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createRenderer } from '../index.js';
import { normalizeOptions } from '../options.js';
import { atomFeed, indexPage, rfc3339 } from './feed.js';
import { compileLayout, DEFAULT_LAYOUT, featureHtml, loadLayout, metaHtml, tocHtml } from './layout.js';
import { DEFAULT_PERMALINK, expandPermalink, relativeHref, resolveOutput } from './permalink.js';
import { renderAll, renderFile } from './pool.js';
import { findPosts, isDraftFile, isPostFile } from './scan.js';

const WRITE_FLAGS = fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_TRUNC | fsConstants.O_NOFOLLOW;

function isInside(parent, child) {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

// The slug when the core found none: the file name without a Jekyll date and extension.
function fallbackSlug(file) {
  return path.basename(file).replace(/\.(md|markdown)$/i, '').replace(/^\d{4}-\d{1,2}-\d{1,2}-/, '');
}

export class SiteBuilder {
  /**
   * @param {object} config
   *   src, out: directories; drafts: include unpublished posts and _drafts/; layout: a layout
   *   file or undefined; baseUrl: the site's public URL (absolute feed links and ids);
   *   title, author: for the index and feed; jobs: worker threads; renderOptions: options
   *   for renderer.render(); reporter: a Reporter.
   */
  constructor(config) {
    this.src = path.resolve(config.src);
    this.out = path.resolve(config.out);
    this.drafts = Boolean(config.drafts);
    this.layoutFile = config.layout ? path.resolve(config.layout) : null;
    this.baseUrl = config.baseUrl ?? '';
    this.title = config.title ?? 'Posts';
    this.author = config.author ?? this.title;
    this.jobs = config.jobs;
    this.renderOptions = normalizeOptions(config.renderOptions ?? {});
    this.reporter = config.reporter;
    this.results = new Map();  // file -> {post, mtimeMs} | {error}
    this.written = new Map();  // file -> output file written for it
    this.layout = null;
    this.renderer = null;
    this.safeDirs = new Set();  // directories checked to lie inside the output directory
  }

  async #check() {
    const info = await stat(this.src).catch(() => null);
    if (!info || !info.isDirectory()) throw new Error(`${this.src} is not a directory`);
    if (isInside(this.out, this.src)) {
      throw new Error(`--out ${this.out} must not be the source directory or contain it`);
    }
    if (this.baseUrl) {
      try {
        new URL(this.baseUrl);
      } catch {
        throw new Error(`--base-url ${this.baseUrl} is not an absolute URL`);
      }
    }
    this.layout = this.layoutFile ? await loadLayout(this.layoutFile) : compileLayout(DEFAULT_LAYOUT);
    // --out itself may be a link (the user's choice); everything below it is checked.
    await mkdir(this.out, { recursive: true });
    this.safeDirs.clear();
    this.safeDirs.add(this.out);
  }

  #report(file, result) {
    if (result.error) return;
    for (const warning of result.post.warnings) this.reporter.warning(file, warning);
  }

  // From the render results to the site: which posts are pages, at which URLs, in which
  // order; which failed and why. Pure, so a watch rebuild can redo it cheaply.
  #assemble() {
    const entries = [];
    const failures = new Map();  // file -> message
    const skipped = [];
    const byUrl = new Map();  // output file -> the post that has it
    for (const file of [...this.results.keys()].sort()) {
      const result = this.results.get(file);
      if (result.error) {
        failures.set(file, result.error);
        continue;
      }
      const { post, mtimeMs } = result;
      if (post.warnings.some((w) => w.severity === 'error')) {
        failures.set(file, 'not written: the post has errors (see above)');
        continue;
      }
      if (!this.drafts && (!post.published || isDraftFile(this.src, file))) {
        skipped.push(file);
        continue;
      }
      const date = post.date || new Date(mtimeMs).toISOString();
      const slug = post.slug || fallbackSlug(file);
      let output;
      try {
        const url = expandPermalink(post.permalink || DEFAULT_PERMALINK, { date, slug, categories: post.categories });
        output = resolveOutput(this.out, url);
      } catch (error) {
        failures.set(file, error.message);
        continue;
      }
      const other = byUrl.get(output.outputFile);
      if (other) {
        failures.set(file, `permalink ${output.url} is already used by ${this.reporter.shown(other)}`);
        continue;
      }
      byUrl.set(output.outputFile, file);
      const datetime = rfc3339(date);
      entries.push({
        file,
        post: post.title ? post : { ...post, title: slug },
        date: date.slice(0, 10),
        datetime,
        epoch: Date.parse(datetime),
        ...output,
      });
    }
    entries.sort((a, b) => b.epoch - a.epoch || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
    return { entries, failures, skipped };
  }

  // Makes sure `dir` is a real directory inside the output directory, creating it if needed:
  // every level below --out is checked once with lstat (cached), and a symbolic link or a file
  // on the way is refused, so nothing can be written through a link that leads elsewhere.
  async #safeDir(dir) {
    if (this.safeDirs.has(dir)) return;
    const parent = path.dirname(dir);
    if (parent === dir || !isInside(this.out, parent)) throw new Error(`${dir} is outside the output directory`);
    await this.#safeDir(parent);
    let info = await lstat(dir).catch(() => null);
    if (!info) {
      await mkdir(dir).catch((error) => {
        if (error.code !== 'EEXIST') throw error;
      });
      info = await lstat(dir);
    }
    if (info.isSymbolicLink()) throw new Error(`${dir} is a symbolic link and leads outside the output directory`);
    if (!info.isDirectory()) throw new Error(`${dir} is not a directory`);
    this.safeDirs.add(dir);
  }

  // Writes `content` to `file` inside the output directory; O_NOFOLLOW refuses a symbolic link
  // in place of the file itself.
  async #write(file, content) {
    await this.#safeDir(path.dirname(file));
    await writeFile(file, content, { flag: WRITE_FLAGS }).catch((error) => {
      throw error.code === 'ELOOP' ? new Error(`${file} is a symbolic link; not written through`) : error;
    });
  }

  #page(entry) {
    const { post } = entry;
    const fm = post.frontMatter;
    return this.layout({
      title: post.title,
      content: post.html,
      excerpt: post.excerptHtml,
      feature: featureHtml(post),
      toc: tocHtml(post.toc),
      meta: metaHtml({ date: entry.date, datetime: entry.datetime, categories: post.categories,
        readingMinutes: post.readingMinutes }),
      image: post.image,
      date: entry.date,
      datetime: entry.datetime,
      categories: post.categories.join(', '),
      tags: post.tags.join(', '),
      url: entry.href,
      reading_minutes: String(post.readingMinutes),
      word_count: String(post.wordCount),
      lang: fm && typeof fm === 'object' && typeof fm.lang === 'string' ? fm.lang : '',
      site_title: this.title,
      index_url: relativeHref(entry.href, '/'),
      feed_url: relativeHref(entry.href, '/feed.xml'),
    });
  }

  // Writes the pages of `entries` (a few at a time); a page that cannot be written fails its
  // post. A post whose URL changed since the last write loses its old page.
  async #writePages(entries, failures) {
    let count = 0;
    for (let i = 0; i < entries.length; i += 32) {
      await Promise.all(entries.slice(i, i + 32).map(async (entry) => {
        try {
          const previous = this.written.get(entry.file);
          if (previous && previous !== entry.outputFile) await rm(previous, { force: true });
          await this.#write(entry.outputFile, this.#page(entry));
          this.written.set(entry.file, entry.outputFile);
          count++;
        } catch (error) {
          failures.set(entry.file, error.message);
        }
      }));
    }
    return count;
  }

  async #writeIndexes(entries) {
    const site = { title: this.title, baseUrl: this.baseUrl, author: this.author };
    const posts = entries.map(({ post, href, url, datetime, file }) => ({
      url: href,
      path: url,
      title: post.title,
      date: datetime,
      categories: post.categories,
      tags: post.tags,
      slug: post.slug,
      image: post.image,
      excerptHtml: post.excerptHtml,
      readingMinutes: post.readingMinutes,
      wordCount: post.wordCount,
      source: path.relative(this.src, file).split(path.sep).join('/'),
      frontMatter: post.frontMatter,
    }));
    await this.#write(path.join(this.out, 'index.html'), indexPage(entries, site));
    await this.#write(path.join(this.out, 'posts.json'), JSON.stringify(posts, null, 2) + '\n');
    await this.#write(path.join(this.out, 'feed.xml'), atomFeed(entries, site));
  }

  #summary(stats) {
    const { posts, failed, skipped, warnings, ms } = stats;
    const parts = [`${posts} post${posts === 1 ? '' : 's'}`];
    if (skipped) parts.push(`${skipped} draft${skipped === 1 ? '' : 's'} skipped`);
    parts.push(`${failed} failed`, `${warnings} warning${warnings === 1 ? '' : 's'}`);
    return `postrender: built ${parts.join(', ')} in ${(ms / 1000).toFixed(2)} s -> ${this.reporter.shown(this.out)}`;
  }

  /**
   * Renders every post and writes the whole site. Returns {posts, failed, skipped, warnings,
   * ms, failures: Map(file -> message)}.
   */
  async build() {
    const started = performance.now();
    await this.#check();
    const files = await findPosts(this.src, this.out);
    this.reporter.start(files.length);
    this.results.clear();
    await renderAll(files, this.renderOptions, {
      jobs: this.jobs,
      onResult: (i, result) => {
        this.results.set(files[i], result);
        this.#report(files[i], result);
        this.reporter.advance();
      },
    });
    const { entries, failures, skipped } = this.#assemble();
    const pages = await this.#writePages(entries, failures);
    await this.#writeIndexes(entries.filter((e) => !failures.has(e.file)));
    for (const [file, message] of failures) this.reporter.failure(file, message);
    let warnings = 0;
    for (const result of this.results.values()) warnings += result.post ? result.post.warnings.length : 0;
    const stats = { posts: pages, failed: failures.size, skipped: skipped.length, warnings,
      ms: performance.now() - started, failures };
    this.reporter.summary(this.#summary(stats));
    return stats;
  }

  /**
   * Re-renders `files` (changed, added or deleted), rewrites their pages and the index, feed
   * and posts.json; with `layoutChanged`, reloads the layout and rewrites every page.
   */
  async rebuild(files, layoutChanged = false) {
    const started = performance.now();
    if (layoutChanged && this.layoutFile) {
      try {
        this.layout = await loadLayout(this.layoutFile);
      } catch (error) {
        this.reporter.failure(this.layoutFile, error.message);
        return { failed: 1 };
      }
    }
    this.renderer ??= await createRenderer(this.renderOptions);
    const changed = new Set();
    for (const file of files) {
      const exists = await stat(file).then((s) => s.isFile(), () => false);
      if (exists) {
        const result = await renderFile(this.renderer, file);
        this.results.set(file, result);
        this.#report(file, result);
        changed.add(file);
      } else if (this.results.delete(file)) {
        const previous = this.written.get(file);
        if (previous) await rm(previous, { force: true });
        this.written.delete(file);
        changed.add(file);
      }
    }
    const { entries, failures } = this.#assemble();
    // A post that now fails or is skipped loses the page it had.
    const live = new Set(entries.map((e) => e.file));
    for (const file of changed) {
      if (!live.has(file) && this.written.has(file)) {
        await rm(this.written.get(file), { force: true });
        this.written.delete(file);
      }
    }
    await this.#writePages(layoutChanged ? entries : entries.filter((e) => changed.has(e.file)), failures);
    await this.#writeIndexes(entries.filter((e) => !failures.has(e.file)));
    for (const [file, message] of failures) if (changed.has(file)) this.reporter.failure(file, message);
    const what = layoutChanged ? 'every page (layout changed)' : [...changed].map((f) => this.reporter.shown(f)).join(', ');
    this.reporter.info(`rebuilt ${what || 'nothing'} and the index in ${Math.round(performance.now() - started)} ms`);
    return { failed: [...changed].filter((f) => failures.has(f)).length };
  }

  /**
   * Watches the source directory (and the layout): rebuilds what changed, debounced. Returns
   * a function that stops watching.
   */
  watch() {
    const pending = new Set();
    let layoutChanged = false;
    let timer = null;
    let running = Promise.resolve();
    const flush = () => {
      timer = null;
      const files = [...pending];
      const layout = layoutChanged;
      pending.clear();
      layoutChanged = false;
      running = running.then(() => this.rebuild(files, layout)).catch((error) => {
        this.reporter.failure(this.src, error.message);
      });
    };
    const schedule = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, 100);
    };
    const onSource = (event, name) => {
      if (!name) return;
      const file = path.join(this.src, name.toString());
      if (isInside(this.out, file)) return;
      if (file === this.layoutFile) {
        layoutChanged = true;
      } else if (isPostFile(file) && !path.relative(this.src, file).split(path.sep).some((s) => s.startsWith('.'))) {
        pending.add(file);
      } else {
        return;
      }
      schedule();
    };
    const watchers = [watchFs(this.src, { recursive: true }, onSource)];
    if (this.layoutFile && !isInside(this.src, this.layoutFile)) {
      watchers.push(watchFs(this.layoutFile, () => {
        layoutChanged = true;
        schedule();
      }));
    }
    this.reporter.info(`watching ${this.reporter.shown(this.src)} for changes (Ctrl-C stops)`);
    return async () => {
      for (const watcher of watchers) watcher.close();
      if (timer) {
        clearTimeout(timer);
        flush();
      }
      await running;
    };
  }
}
