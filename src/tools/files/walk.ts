/**
 * Walking a directory tree for the files tool: symlinks are never followed (a link inside an
 * allowed root cannot lead the walk outside it), hidden entries are skipped unless asked, and
 * the walk stops at a bounded number of entries.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { type Dirent, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A budget over many walks: work run inside `walkBudget.run(charge, fn)` (planner.choose's
 * previews) calls `charge(1)` for every entry any walk visits, and `charge` throws to stop the
 * walk when the budget is spent. Outside it, walks are bounded only by their own `max`.
 */
export const walkBudget = new AsyncLocalStorage<(entries: number) => void>();

export interface Entry {
  path: string;
  type: 'file' | 'dir' | 'link' | 'other';
  size: number;
  mtimeMs: number;
}

export interface WalkOptions {
  recursive?: boolean;
  hidden?: boolean;
  /** Absolute paths to leave out, with everything below them. */
  exclude?: readonly string[];
  /** Stop after this many entries (default 200,000). */
  max?: number;
}

/** Every entry below `root` (not `root` itself), depth first, in name order. */
export function walk(root: string, options: WalkOptions = {}): Entry[] {
  const out: Entry[] = [];
  const max = options.max ?? 200_000;
  const exclude = new Set(options.exclude ?? []);
  const charge = walkBudget.getStore();
  const visit = (dir: string) => {
    let names: Dirent[];
    try {
      names = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // unreadable directories are skipped, as find does
    }
    names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const d of names) {
      if (out.length >= max) return;
      if (!options.hidden && d.name.startsWith('.')) continue;
      const path = join(dir, d.name);
      if (exclude.has(path)) continue;
      const entry = entryOf(path);
      if (!entry) continue;
      out.push(entry);
      charge?.(1);
      if (entry.type === 'dir' && options.recursive) visit(path);
    }
  };
  visit(root);
  return out;
}

export function entryOf(path: string): Entry | undefined {
  try {
    const st = lstatSync(path);
    const type = st.isSymbolicLink() ? 'link' : st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
    return { path, type, size: type === 'file' ? st.size : 0, mtimeMs: st.mtimeMs };
  } catch {
    return undefined;
  }
}

/** Total bytes of the files below `path` (or of the file itself). */
export function treeSize(path: string): number {
  const self = entryOf(path);
  if (!self) return 0;
  if (self.type !== 'dir') return self.size;
  return walk(path, { recursive: true, hidden: true }).reduce((n, e) => n + e.size, 0);
}

/** "7d", "2w", "3h", "45m", "1y", "90s" in milliseconds. */
export function durationMs(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|h|d|w|mo|y)$/.exec(text.trim());
  if (!m) throw new Error(`'${text}' is not a duration like 30m, 12h, 7d, 2w, 3mo or 1y`);
  const unit = { s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5, mo: 2592e6, y: 31536e6 }[m[2]]!;
  return Math.round(Number(m[1]) * unit);
}

/** Lowercase extension without the dot ("tar.gz" for archives), or ''. */
export function extOf(name: string): string {
  const lower = name.toLowerCase();
  if (lower.endsWith('.tar.gz')) return 'tar.gz';
  const base = lower.slice(lower.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1) : '';
}

/** A glob (`*`, `?`) as a case-insensitive RegExp over a whole name. */
export function globRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}
