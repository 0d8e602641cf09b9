/**
 * The allowed roots: the directories Atlas may touch (by default the current directory and
 * HOME). Every path a tool reads or changes is resolved here; a path whose real location
 * (symlinks followed) lies outside every root, or inside aios's own state directory, is
 * refused with a message that says how to allow it.
 *
 * @example
 * const roots = new Roots({ cwd, roots: [cwd, home], forbidden: [aiosHome] });
 * const file = roots.resolve('notes.txt');          // absolute, checked
 * roots.resolve('../../etc/passwd');                 // throws ToolError
 */
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ToolError } from './types.ts';

export interface RootsOptions {
  cwd: string;
  home: string;
  /** Directories that may be touched. */
  roots: string[];
  /** Directories that may never be touched, even inside a root (aios's own state). */
  forbidden?: string[];
  /**
   * Folders inside a forbidden one that may still be used, by their real location (the backups
   * Atlas keeps in aios's state directory); nothing outside them becomes reachable through them.
   */
  kept?: string[];
}

/** How a path is used: its content (read, write) or the directory entry itself (delete, move). */
export type Use = 'content' | 'entry';

export class Roots {
  readonly cwd: string;
  readonly home: string;
  readonly roots: readonly string[];
  readonly #real: string[];
  readonly #forbidden: string[];
  readonly #kept: string[];

  constructor(options: RootsOptions) {
    this.cwd = options.cwd;
    this.home = options.home;
    this.roots = options.roots.map((r) => resolve(options.cwd, expandHome(r, options.home)));
    this.#real = this.roots.map(realOrSelf);
    this.#forbidden = (options.forbidden ?? []).map((f) => realOrSelf(resolve(f)));
    // Kept only strictly below a forbidden folder: one that is (or leads to) the folder itself, or
    // holds it, would open all of it.
    this.#kept = (options.kept ?? [])
      .map((k) => realPrefix(resolve(k)))
      .filter(
        (k) =>
          this.#forbidden.some((f) => inside(k, f) && k !== f) && !this.#forbidden.some((f) => inside(f, k)),
      );
  }

  /** The absolute path of `p` (relative to cwd, ~ expanded) as a person names it, without checks. */
  absolute(p: string): string {
    return resolve(this.cwd, expandHome(p, this.home));
  }

  /**
   * The absolute path of `p`, after checking that it lies inside an allowed root. `entry`
   * checks where the directory entry itself is (a symlink may be removed even if it points
   * outside); `content` follows symlinks to what would be read or written.
   */
  resolve(p: string, use: Use = 'content'): string {
    if (typeof p !== 'string' || p === '') throw new ToolError('A path is empty; name a file or directory');
    if (p.includes('\0')) throw new ToolError(`Path '${p.replaceAll('\0', '\\0')}' contains a NUL byte`);
    const abs = this.absolute(p);
    const real = use === 'entry' ? join(realPrefix(dirname(abs)), basename(abs)) : realPrefix(abs);
    const kept = this.#kept.some((k) => inside(real, k));
    for (const f of this.#forbidden) {
      if (inside(real, f) && !kept) {
        throw new ToolError(`'${p}' is inside aios's own state directory (${f}); Atlas does not touch it`);
      }
    }
    if (!kept && !this.#real.some((r) => inside(real, r))) {
      // a link inside a root that leads out: where it leads is what is refused, so say it
      const leads = real !== abs ? ` (it leads to '${real}')` : '';
      throw new ToolError(
        `'${p}'${leads} is outside the allowed roots (${this.roots.join(', ')}); run from its directory or add it to "roots" in atlas.json`,
      );
    }
    if (use === 'entry' && (this.#real.includes(real) || this.#kept.includes(real))) {
      throw new ToolError(`'${p}' is an allowed root itself; Atlas changes what is inside it, not the root`);
    }
    return abs;
  }

  /** Whether `p` would be allowed. */
  allows(p: string, use: Use = 'content'): boolean {
    try {
      this.resolve(p, use);
      return true;
    } catch {
      return false;
    }
  }

  /** `abs` relative to cwd when inside it, else with ~ for HOME, else absolute: for display. */
  display(abs: string): string {
    const rel = relative(this.cwd, abs);
    if (rel === '') return '.';
    if (!rel.startsWith('..') && !isAbsolute(rel)) return rel;
    const fromHome = relative(this.home, abs);
    if (!fromHome.startsWith('..') && !isAbsolute(fromHome)) return fromHome === '' ? '~' : `~/${fromHome}`;
    return abs;
  }
}

export function expandHome(p: string, home: string): string {
  if (p === '~') return home;
  if (p.startsWith('~/')) return join(home, p.slice(2));
  return p;
}

/** Whether `path` is `dir` or lies below it. */
export function inside(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}

function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/** Where `abs` really is: symlinks followed, also dangling ones and below paths that do not exist yet. */
export function realLocation(abs: string): string {
  return realPrefix(abs);
}

/** realpath of the longest existing prefix of `abs`, with the rest appended; dangling links followed. */
function realPrefix(abs: string, depth = 0): string {
  let head = abs;
  const rest: string[] = [];
  while (!lexists(head)) {
    const parent = dirname(head);
    if (parent === head) break;
    rest.unshift(basename(head));
    head = parent;
  }
  try {
    const real = realpathSync(head);
    return rest.length === 0 ? real : join(real, ...rest);
  } catch {
    // A dangling symlink: writing through it would create its target, so judge the target.
    if (depth > 40) throw new ToolError(`'${abs}' has too many levels of symbolic links`);
    const target = resolve(dirname(head), readlinkSync(head));
    return realPrefix(rest.length === 0 ? target : join(target, ...rest), depth + 1);
  }
}

function lexists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}
