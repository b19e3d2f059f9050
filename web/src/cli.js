// The `postrender` command: render one post, or build a static site from a folder of posts.
// The render command mirrors the native CLI (cli/main.cpp): same options, same output, same
// warning format and exit statuses.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createRenderer } from './index.js';
import { Reporter, formatWarning } from './site/report.js';
import { SiteBuilder } from './site/site.js';

const USAGE = `Usage: postrender render FILE|- [options]
       postrender build SRC_DIR --out OUT_DIR [options]
       postrender --help | --version

render   Renders a blog post (YAML front matter + Markdown with raw HTML) to safe HTML.
         FILE "-" reads standard input. The HTML goes to standard output, warnings to
         standard error as FILE:LINE:COLUMN: SEVERITY: MESSAGE [CODE].
  --json              print the whole result (html, frontMatter, title, toc, warnings, ...) as JSON
  --file-name NAME    the post's file name, for the Jekyll date and slug (default: FILE's name)

build    Renders every .md/.markdown file under SRC_DIR (Jekyll _posts/YYYY-MM-DD-slug.md
         naming understood) into a static site in OUT_DIR: one index.html per post at its
         Jekyll permalink (default /:categories/:year/:month/:day/:title/), index.html
         (newest first, with excerpts), posts.json and feed.xml (Atom).
  --out DIR           where the site goes (required; never written outside of)
  --drafts            include posts with published: false and files under _drafts/
  --watch             after building, rebuild changed posts and the index until stopped
  --layout FILE       an HTML page shell with {{ title }}, {{ content }}, {{ date }}, {{ toc }},
                      ... placeholders (escaped, except content/excerpt/feature/toc/meta)
  --base-url URL      the site's public URL: absolute links and ids in the feed
  --title TEXT        the site title (default: "Posts")
  --author NAME       the feed's author (default: the site title)
  --jobs N            worker threads (default: one per core)

Options of both:
  --trusted           do not sanitize: raw HTML is written as typed (XSS risk; for trusted sources)
  --strict            use the strict policy (text formatting and links only)
  --source-lines      add data-source-line="N" to block elements
  --no-heading-ids    do not give headings ids
  --id-prefix PREFIX  prefix for id/name values (default "user-content-"; "" turns it off)
  --nofollow          add rel="nofollow ugc" to links
  --quiet             print only errors and the summary

render with --base-url URL resolves relative link and image URLs in the post against URL.

Exit status: 0 done; 1 done, but a post had errors (render) or failed (build);
2 bad usage or unreadable input.
`;

class UsageError extends Error {}

// Flags: name -> [key, takes a value].
const COMMON = {
  '--trusted': ['trusted', false],
  '--strict': ['strict', false],
  '--source-lines': ['sourceLines', false],
  '--no-heading-ids': ['noHeadingIds', false],
  '--id-prefix': ['idPrefix', true],
  '--nofollow': ['nofollow', false],
  '--quiet': ['quiet', false],
  '--base-url': ['baseUrl', true],
};
const RENDER = { ...COMMON, '--json': ['json', false], '--file-name': ['fileName', true] };
const BUILD = {
  ...COMMON,
  '--out': ['out', true],
  '--drafts': ['drafts', false],
  '--watch': ['watch', false],
  '--layout': ['layout', true],
  '--title': ['title', true],
  '--author': ['author', true],
  '--jobs': ['jobs', true],
};

function parse(words, flags, command) {
  const args = { positional: [] };
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === '--help' || word === '-h') return { help: true };
    const eq = word.startsWith('--') ? word.indexOf('=') : -1;
    const name = eq > 0 ? word.slice(0, eq) : word;
    if (Object.hasOwn(flags, name)) {
      const [key, takesValue] = flags[name];
      if (takesValue) {
        if (eq > 0) args[key] = word.slice(eq + 1);
        else if (i + 1 < words.length) args[key] = words[++i];
        else throw new UsageError(`${name} needs a value`);
      } else if (eq > 0) {
        throw new UsageError(`${name} takes no value`);
      } else {
        args[key] = true;
      }
    } else if (word.length > 1 && word.startsWith('-')) {
      throw new UsageError(`unknown option '${word}' for ${command}`);
    } else {
      args.positional.push(word);
    }
  }
  return args;
}

function renderOptions(args) {
  const options = {};
  if (args.trusted) options.sanitize = false;
  if (args.sourceLines) options.sourceLines = true;
  if (args.noHeadingIds) options.headingIds = false;
  if (args.idPrefix !== undefined) options.idPrefix = args.idPrefix;
  const policy = {};
  if (args.strict) policy.preset = 'strict';
  if (args.nofollow) policy.nofollowLinks = true;
  if (Object.keys(policy).length) options.policy = policy;
  return options;
}

async function readAll(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function renderCommand(words, io) {
  const args = parse(words, RENDER, 'render');
  if (args.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (args.positional.length === 0) throw new UsageError('missing FILE (use - for standard input)');
  if (args.positional.length > 1) throw new UsageError('more than one input file given');
  const file = args.positional[0];
  const options = renderOptions(args);
  if (args.baseUrl !== undefined) options.baseUrl = args.baseUrl;
  if (args.fileName !== undefined) options.fileName = args.fileName;
  else if (file !== '-') options.fileName = path.basename(file);

  let bytes;
  try {
    bytes = file === '-' ? await readAll(io.stdin) : await readFile(file);
  } catch (error) {
    io.stderr.write(`postrender: cannot read '${file}': ${error.code === 'ENOENT' ? 'No such file or directory' : error.message}\n`);
    return 2;
  }
  const renderer = await createRenderer();
  const post = renderer.render(bytes, options);
  if (args.json) io.stdout.write(JSON.stringify(post) + '\n');
  else io.stdout.write(post.html);
  const shown = file === '-' ? '<stdin>' : file;
  let hadError = false;
  for (const warning of post.warnings) {
    hadError ||= warning.severity === 'error';
    if (!args.quiet) io.stderr.write(formatWarning(shown, warning) + '\n');
  }
  return hadError ? 1 : 0;
}

async function buildCommand(words, io) {
  const args = parse(words, BUILD, 'build');
  if (args.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (args.positional.length !== 1) throw new UsageError('build needs exactly one SRC_DIR');
  if (!args.out) throw new UsageError('build needs --out OUT_DIR');
  let jobs;
  if (args.jobs !== undefined) {
    jobs = Number(args.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError('--jobs needs a whole number of 1 or more');
  }
  const reporter = new Reporter(io.stderr, { quiet: Boolean(args.quiet) });
  const builder = new SiteBuilder({
    src: args.positional[0],
    out: args.out,
    drafts: args.drafts,
    layout: args.layout,
    baseUrl: args.baseUrl,
    title: args.title,
    author: args.author,
    jobs,
    renderOptions: renderOptions(args),
    reporter,
  });
  let stats;
  try {
    stats = await builder.build();
  } catch (error) {
    io.stderr.write(`postrender: ${error.message}\n`);
    return 2;
  }
  if (!args.watch) return stats.failed > 0 ? 1 : 0;
  const stop = builder.watch();
  await new Promise((resolve) => {
    const done = () => resolve();
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await stop();
  return 0;
}

/**
 * Runs the command line `words` (process.argv.slice(2)) with `io` = {stdin, stdout, stderr}.
 * Resolves to the exit status.
 */
export async function main(words, io = process) {
  try {
    const [command, ...rest] = words;
    if (command === undefined) throw new UsageError('missing command');
    if (command === '--help' || command === '-h') {
      io.stdout.write(USAGE);
      return 0;
    }
    if (command === '--version') {
      const renderer = await createRenderer();
      io.stdout.write(`postrender ${renderer.version}\n`);
      return 0;
    }
    if (command === 'render') return await renderCommand(rest, io);
    if (command === 'build') return await buildCommand(rest, io);
    throw new UsageError(`unknown command '${command}'`);
  } catch (error) {
    if (error instanceof UsageError || error instanceof TypeError) {
      io.stderr.write(`postrender: ${error.message}\nTry 'postrender --help'.\n`);
      return 2;
    }
    throw error;
  }
}
