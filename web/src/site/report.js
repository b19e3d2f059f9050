// Build output: a progress bar on a terminal, plain lines otherwise; warnings as
// FILE:LINE:COLUMN: SEVERITY: MESSAGE [CODE].
import path from 'node:path';

/** One warning in the compiler-style form editors understand. */
export function formatWarning(file, w) {
  return `${file}:${w.line}:${w.column}: ${w.severity}: ${w.message} [${w.code}]`;
}

export class Reporter {
  /**
   * @param {NodeJS.WriteStream} stream where everything goes (stderr)
   * @param {{quiet?: boolean, cwd?: string}} options quiet: only failures and the summary
   */
  constructor(stream, { quiet = false, cwd = process.cwd() } = {}) {
    this.stream = stream;
    this.quiet = quiet;
    this.cwd = cwd;
    this.tty = Boolean(stream.isTTY);
    this.total = 0;
    this.done = 0;
    this.barShown = false;
    this.lastStep = -1;
  }

  /** The path as shown in messages: relative to the working directory when that is shorter. */
  shown(file) {
    const rel = path.relative(this.cwd, file);
    return rel && !rel.startsWith('..') && rel.length < file.length ? rel : file;
  }

  #clearBar() {
    if (this.barShown) {
      this.stream.write('\r\x1b[2K');
      this.barShown = false;
    }
  }

  #drawBar() {
    const width = 30;
    const filled = this.total ? Math.round((this.done / this.total) * width) : width;
    this.stream.write(`\r\x1b[2K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.done}/${this.total} posts`);
    this.barShown = true;
  }

  line(text) {
    this.#clearBar();
    this.stream.write(text + '\n');
    if (this.tty && this.total && this.done < this.total) this.#drawBar();
  }

  start(total) {
    this.total = total;
    this.done = 0;
    this.lastStep = -1;
    if (this.tty && total) this.#drawBar();
  }

  /** One post done: advances the bar, or prints a line at every tenth on a non-terminal. */
  advance() {
    this.done++;
    if (this.tty) {
      this.#drawBar();
      if (this.done === this.total) this.#clearBar();
    } else if (!this.quiet) {
      const step = Math.floor((this.done * 10) / this.total);
      if (step !== this.lastStep || this.done === this.total) {
        this.lastStep = step;
        this.stream.write(`rendered ${this.done}/${this.total} posts\n`);
      }
    }
  }

  warning(file, w) {
    if (this.quiet && w.severity !== 'error') return;
    this.line(formatWarning(this.shown(file), w));
  }

  failure(file, message) {
    this.line(`${this.shown(file)}: error: ${message}`);
  }

  info(text) {
    if (!this.quiet) this.line(text);
  }

  summary(text) {
    this.line(text);
  }
}
