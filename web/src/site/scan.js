// Finding the posts of a site: every .md/.markdown file under the source directory (Jekyll's
// _posts/YYYY-MM-DD-slug.md included), skipping hidden directories, node_modules and the
// output directory. Files under a `_drafts` directory are drafts.
import { readdir } from 'node:fs/promises';
import path from 'node:path';

export const POST_EXTENSIONS = /\.(md|markdown)$/i;

/** True when `file` is a post file by name. */
export function isPostFile(file) {
  return POST_EXTENSIONS.test(file);
}

/** True when `file` (absolute) lies under a directory named _drafts below `srcDir`. */
export function isDraftFile(srcDir, file) {
  return path.relative(srcDir, file).split(path.sep).slice(0, -1).includes('_drafts');
}

/**
 * Lists the post files under `srcDir` (absolute paths, sorted, so builds are deterministic).
 * `skipDir` (absolute, e.g. the output directory) is not entered.
 */
export async function findPosts(srcDir, skipDir) {
  const found = [];
  async function walk(dir) {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (dir === srcDir) throw error;
      return;  // unreadable subdirectory: skipped
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules' || full === skipDir) continue;
        await walk(full);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && isPostFile(entry.name)) {
        found.push(full);
      }
    }
  }
  await walk(srcDir);
  return found.sort();
}
