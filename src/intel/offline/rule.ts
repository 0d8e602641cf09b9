/**
 * What an offline translation rule is, and the helpers rules share: where a request points
 * (a directory), what it acts on (named files, a selection like "all .log files older than a
 * week", or "them" from an earlier step), where things go ("into archive/").
 *
 * A rule scores an utterance (0 = not this) and builds drafts: tool actions with arguments,
 * possibly a `files.find` draft feeding a later one through `from`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { contentsOf } from './contents.ts';
import { named } from './names.ts';
import type { Utterance } from './parse.ts';
import { place } from './places.ts';
import { selection } from './selection.ts';

export { named, resolveWord } from './names.ts';
export { destination, dirNamed, located, place } from './places.ts';
export { nameFilter, ranking, recursion, selection } from './selection.ts';

export interface Draft {
  tool: string;
  action: string;
  args: Record<string, unknown>;
  why: string;
  /** Take the paths of this earlier draft of the same clause (its index). */
  fromDraft?: number;
  /** Take the paths of the previous clause's last step. */
  fromPrevious?: boolean;
}

export type Build =
  | { drafts: Draft[]; goal: string }
  | { clarify: string; suggestions?: string[] }
  | { unknown: true };

export interface RuleContext {
  cwd: string;
  home: string;
  /** Names in cwd (cached for the request). */
  names(): string[];
  exists(path: string): boolean;
  isDir(path: string): boolean;
  /**
   * Paths the previous clause or turn acted on, when there is one; `into`: the folder it
   * fills (an archive's destination, a new folder), where a file it names next may be.
   */
  previous?: { paths: string[]; chained: boolean; into?: string };
  /** Whether a program is available (systemd, git); cached. */
  hasSystemd(): boolean;
  inGitRepo(): boolean;
  /** npm dependencies of the project in cwd (from its package.json). */
  dependencies(): string[];
}

export interface Rule {
  id: string;
  /** Requests this rule understands: shown as suggestions and used to rank them. */
  examples: readonly string[];
  score(u: Utterance, c: RuleContext): number;
  build(u: Utterance, c: RuleContext): Build;
}

export function contextFor(cwd: string, home: string, previous?: RuleContext['previous']): RuleContext {
  let names: string[] | undefined;
  let systemd: boolean | undefined;
  let git: boolean | undefined;
  let deps: string[] | undefined;
  return {
    cwd,
    home,
    previous,
    names() {
      if (!names) {
        try {
          names = readdirSync(cwd);
        } catch {
          names = [];
        }
      }
      return names;
    },
    exists: (p) => existsSync(resolve(cwd, expand(p, home))),
    isDir: (p) => {
      try {
        return statSync(resolve(cwd, expand(p, home))).isDirectory();
      } catch {
        return false;
      }
    },
    hasSystemd() {
      systemd ??= existsSync('/run/systemd/system');
      return systemd;
    },
    dependencies() {
      if (!deps) {
        try {
          const pkg = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as Record<
            string,
            object | undefined
          >;
          deps = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})];
        } catch {
          deps = [];
        }
      }
      return deps;
    },
    inGitRepo() {
      if (git === undefined) {
        git = false;
        for (let d = resolve(cwd); ; d = resolve(d, '..')) {
          if (existsSync(join(d, '.git'))) {
            git = true;
            break;
          }
          if (d === resolve(d, '..')) break;
        }
      }
      return git;
    },
  };
}

/** A path with ~ as the home folder. */
export function expand(p: string, home: string): string {
  return p === '~' ? home : p.startsWith('~/') ? join(home, p.slice(2)) : p;
}

/**
 * What an action that takes paths acts on: named files, a selection (a find draft feeding
 * it), or what came before ("them"). `skip` leaves out the destination.
 */
export function sourcesOf(
  u: Utterance,
  c: RuleContext,
  options: { recursive?: boolean; skip?: string[]; exclude?: string[]; type?: 'file' | 'dir' | 'any' } = {},
):
  | { args: Record<string, unknown>; find?: Record<string, unknown>; previous?: boolean }
  | { clarify: string } {
  // "whatever is inside shortcut": what the folder (or link) holds, never the folder or link
  const inside = contentsOf(u, c);
  if (inside)
    return 'clarify' in inside
      ? inside
      : {
          args: {},
          find: inside.files
            ? { path: inside.dir, type: 'file', recursive: false }
            : { path: inside.dir, type: 'any', recursive: false, hidden: true },
        };
  // The place a selection looks in ("in logs") is not itself what is acted on.
  const where = selection(u, c, { recursive: false }) ? place(u, c) : '.';
  const explicit = named(u, c, [
    ...(options.skip ?? []),
    ...(where !== '.' ? [where, where.toLowerCase()] : []),
  ]);
  if (explicit.ambiguous) {
    const { word, options: opts } = explicit.ambiguous;
    return { clarify: `Which '${word}' do you mean: ${opts.join(', ')}?` };
  }
  if (explicit.paths.length > 0) return { args: { paths: explicit.paths } };
  const find = selection(u, c, { recursive: options.recursive ?? false, type: options.type });
  if (find) {
    if (options.exclude && options.exclude.length > 0) find.exclude = options.exclude;
    return { args: {}, find };
  }
  if (c.previous?.chained) return { args: {}, previous: true };
  if (c.previous && c.previous.paths.length > 0 && u.pronoun) return { args: { paths: c.previous.paths } };
  return {
    clarify: 'Which files? Name them, or describe them (for example: all .log files older than 7 days)',
  };
}

/** The first draft step of a clause that acts on a selection or on what came before. */
export function withSources(
  src: { args: Record<string, unknown>; find?: Record<string, unknown>; previous?: boolean },
  draft: Omit<Draft, 'fromDraft' | 'fromPrevious'>,
): Draft[] {
  if (src.find) {
    return [
      { tool: 'files', action: 'find', args: src.find, why: 'select the files' },
      { ...draft, args: { ...draft.args }, fromDraft: 0 },
    ];
  }
  if (src.previous) return [{ ...draft, fromPrevious: true }];
  return [{ ...draft, args: { ...src.args, ...draft.args } }];
}
