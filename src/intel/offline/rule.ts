/**
 * What an offline translation rule is, and the helpers rules share: where a request points
 * (a directory), what it acts on (named files, a selection like "all .log files older than a
 * week", or "them" from an earlier step), where things go ("into archive/").
 *
 * A rule scores an utterance (0 = not this) and builds drafts: tool actions with arguments,
 * possibly a `files.find` draft feeding a later one through `from`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { FILE_EXTS, KIND_WORDS } from './lexicon.ts';
import type { Utterance } from './parse.ts';
import { located, place } from './places.ts';
import { selection } from './selection.ts';
import { COMMON, FILLER } from './vocabulary.ts';

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

function expand(p: string, home: string): string {
  return p === '~' ? home : p.startsWith('~/') ? join(home, p.slice(2)) : p;
}

/** Files the request names: placeholders and words matching names in cwd. */
export function named(
  u: Utterance,
  c: RuleContext,
  skip: readonly string[] = [],
): { paths: string[]; ambiguous?: { word: string; options: string[] } } {
  const paths: string[] = [];
  const skipped = (p: string) => skip.includes(p) || skip.includes(p.replace(/\/+$/, ''));
  // "to the videos folder in my home" skips ~/videos/, and so the words videos (and docs
  // in "to the backup dir under docs")
  const skipWord = new Set(
    skip.flatMap((x) => [x.toLowerCase(), ...x.toLowerCase().split('/').filter(Boolean)]),
  );
  for (const f of u.files) if (!skipped(f)) paths.push(located(f, u, c));
  for (const q of u.quoted) {
    if (!skip.includes(q) && q !== '' && !q.includes('\n') && c.exists(q)) paths.push(q);
  }
  if (paths.length > 0) return { paths };
  // "the archive folder": a directory here, even when its name is also a word of requests.
  const placed = new RegExp(`\\b${PLACED} $`);
  for (const m of u.text.matchAll(/\b([a-z0-9][\w.-]*) (?:folder|directory|dir)\b/g)) {
    if (FILLER.has(m[1]) || /^(?:new|parent|current|empty|same)$/.test(m[1])) continue;
    // "the summary in the reports folder": where the thing is, named below if nothing in it is
    if (placed.test(u.text.slice(0, m.index)) && contentBefore(u.text.slice(0, m.index))) continue;
    const dir = c.names().find((n) => n.toLowerCase() === m[1] && !skip.includes(n));
    if (dir && c.isDir(dir)) paths.push(dir);
  }
  if (paths.length > 0) return { paths: [...new Set(paths)] };
  const kindNamed = ofKind(u, c);
  if (kindNamed) return kindNamed;
  const paired = stemAndKind(u, c);
  if (paired) return paired;
  // Bare words: "delete draft" when draft.txt is here, "the guide in docs", "the server log".
  const words = u.text.split(' ').filter((w) => /^[a-z0-9][\w-]*$/.test(w) && w.length > 1);
  const filtered =
    u.olderThan !== undefined ||
    u.newerThan !== undefined ||
    u.minSize !== undefined ||
    u.maxSize !== undefined;
  const where = place(u, c, '.');
  let placeWord = false;
  for (const w of words) {
    if (COMMON.has(w) || skipWord.has(w)) continue;
    // "the guide in docs": docs is where the guide is, not a second thing to act on
    if (where !== '.' && w === where.toLowerCase() && new RegExp(`\\b${PLACED} ${w}\\b`).test(u.text)) {
      placeWord = true;
      continue;
    }
    // ".JPG photos": the extension said is the kind and the word only names it, unless a folder
    // here has that name too: then which one is meant is asked
    if (new RegExp(`_ext_ ${w}\\b`).test(u.text) && (KIND_WORDS[w] ?? kindOf(w))) {
      const dir = c.names().find((n) => n.toLowerCase() === w && c.isDir(n));
      if (dir) return { paths, ambiguous: { word: w, options: [`the folder ${dir}/`, `the ${w} here`] } };
      continue;
    }
    // "delete logs older than a month", "zip all the logs": the kind of file, not the folder logs.
    const kind = kindOf(w);
    if (
      kind?.every((e) => u.exts.includes(e)) &&
      (filtered || u.text.includes(`all the ${w}`) || u.text.includes(`all ${w}`))
    )
      continue;
    // A name in the place said comes first, then one here, then one of its kind a folder down.
    const into = c.previous?.into;
    let hits = into && basename(into).toLowerCase() === w ? [into] : inPlace(w, where, c);
    if (hits.length === 0) hits = resolveWord(w, c);
    if (hits.length === 0) hits = oneDown(w, u, c);
    // "open the guide" when it is docs/guide.md: the one file of that stem a folder down
    if (hits.length === 0 && new RegExp(`\\b(?:the|my) ${w}$`).test(u.text)) hits = stemDown(w, c);
    if (hits.length === 1) paths.push(hits[0]);
    else if (hits.length > 1) return { paths, ambiguous: { word: w, options: hits } };
  }
  // The place is what is named when nothing in it is: "count the lines of code in src".
  if (placeWord && paths.length === 0 && c.isDir(where)) paths.push(where);
  return { paths: [...new Set(paths)] };
}

/**
 * "the old log", "the python helper", "the data csv": a stem and its kind said together name
 * the one file of that stem and kind, here first, else found once in the folders below.
 */
function stemAndKind(u: Utterance, c: RuleContext): ReturnType<typeof named> | undefined {
  const words = u.text.split(' ');
  for (let i = 0; i + 1 < words.length; i++) {
    // "the empty txt files": a kind of file in the plural is a selection, not one name
    if (/^(?:files|ones|documents|scripts)\b/.test(words[i + 2] ?? '')) continue;
    for (const [stemWord, kindWord] of [
      [words[i], words[i + 1]],
      [words[i + 1], words[i]],
    ]) {
      const exts = extsOf(kindWord);
      if (!exts || !/^[a-z0-9][\w-]*$/.test(stemWord) || FILLER.has(stemWord)) continue;
      if (/^(?:files?|folders?)$/.test(stemWord)) continue;
      const names = exts.map((e) => `${stemWord}.${e}`);
      const here = c.names().filter((n) => names.includes(n.toLowerCase()) && !c.isDir(n));
      if (here.length === 1) return { paths: here };
      if (here.length > 1)
        return { paths: [], ambiguous: { word: `${stemWord} ${kindWord}`, options: here } };
      const deeper = names.flatMap((n) => stemBelow(n, c));
      if (deeper.length === 1) return { paths: deeper };
    }
  }
  return undefined;
}

/** A file of this exact name (any case) in the folders up to three levels below, when one. */
function stemBelow(name: string, c: RuleContext): string[] {
  const out: string[] = [];
  let level = [''];
  for (let depth = 0; depth < 3 && out.length < 2; depth++) {
    const next: string[] = [];
    for (const dir of level)
      for (const n of dir === '' ? c.names() : namesIn(dir, c)) {
        const rel = dir === '' ? n : join(dir, n);
        if (n.startsWith('.') || n === 'node_modules') continue;
        if (c.isDir(rel)) next.push(rel);
        else if (dir !== '' && n.toLowerCase() === name) out.push(rel);
      }
    level = next.slice(0, 200);
  }
  return out.length === 1 ? out : [];
}

/** Whether a phrase names something of its own before its place ("the summary in …"). */
function contentBefore(text: string): boolean {
  return text
    .split(' ')
    .some((w) => /^[a-z0-9][\w-]*$/.test(w) && w.length > 1 && !COMMON.has(w) && !FILLER.has(w));
}

/** The extensions a kind word means: "log" → log, "json" → json, "image" → jpg, png, … */
function extsOf(word: string): readonly string[] | undefined {
  return KIND_WORDS[word] ?? (FILE_EXTS.has(word) ? [word] : undefined);
}

/** Names of a directory other than cwd (a place the request names), or none. */
function namesIn(dir: string, c: RuleContext): string[] {
  try {
    return readdirSync(resolve(c.cwd, expand(dir, c.home)));
  } catch {
    return [];
  }
}

/**
 * "the json file", "the log file": the one file here of that kind. Several make it ambiguous
 * (the person is asked which); none names nothing.
 */
function ofKind(u: Utterance, c: RuleContext): ReturnType<typeof named> | undefined {
  // "the pdf" alone too, unless an earlier clause gave "the zip" its meaning (what it packed)
  // "the contents of the zip in Downloads": the first "the X" that is a kind of file
  const kindOfAlone = c.previous?.chained
    ? undefined
    : [...u.text.matchAll(/\bthe ([a-z0-9]+)(?=$|[\s,.!?])(?! (?:files?|folders?|directory|dir)\b)/g)].find(
        (x) => extsOf(x[1]) !== undefined,
      );
  const m = /\bthe ([a-z0-9]+) file\b(?!s|\s+names?\b)/.exec(u.text) ?? kindOfAlone;
  const exts = m ? extsOf(m[1]) : undefined;
  if (!m || !exts) return undefined;
  // alone, only an extension is one file ("the pdf"); "the music" is all of it
  if (!m[0].endsWith(' file') && !FILE_EXTS.has(m[1])) return undefined;
  // "the pdf in docs", "the zip in Downloads": the one of that kind in the place said
  const where = place(u, c, '.');
  const inside = where !== '.' && c.isDir(where);
  const hits = (inside ? namesIn(where, c) : c.names())
    .filter((n) => exts.some((e) => n.toLowerCase().endsWith(`.${e}`)))
    .map((n) => (inside ? join(where, n) : n))
    .filter((n) => !c.isDir(n));
  if (hits.length === 1) return { paths: hits };
  if (hits.length > 1) return { paths: [], ambiguous: { word: m[1], options: hits } };
  return undefined;
}

const PLACED = '(?:in|inside|within|from|under)(?: the| my)?';
const stem = (n: string) => n.toLowerCase().replace(/\.[^.]*$/, '');

/** A name in the folder the request points to: "the guide in docs" is docs/guide.md. */
function inPlace(word: string, where: string, c: RuleContext): string[] {
  if (where === '.' || where.toLowerCase() === word || !c.isDir(where)) return [];
  return namesIn(where, c)
    .filter((n) => n.toLowerCase() === word || stem(n) === word)
    .map((n) => join(where, n));
}

/** Said with its kind ("the server log"), a file of that kind one folder down ("logs/server.log"). */
function oneDown(word: string, u: Utterance, c: RuleContext): string[] {
  const kind = new RegExp(`\\b${word} ([a-z0-9]+)\\b`).exec(u.text);
  const exts = kind ? extsOf(kind[1]) : undefined;
  if (!exts) return [];
  const out: string[] = [];
  for (const dir of c.names()) {
    if (dir.startsWith('.') || !c.isDir(dir)) continue;
    for (const n of namesIn(dir, c))
      if (stem(n) === word && exts.some((e) => n.toLowerCase().endsWith(`.${e}`))) out.push(join(dir, n));
  }
  return out;
}

function stemDown(word: string, c: RuleContext): string[] {
  const out: string[] = [];
  for (const dir of c.names()) {
    if (dir.startsWith('.') || dir === 'node_modules' || !c.isDir(dir)) continue;
    for (const n of namesIn(dir, c)) if (stem(n) === word) out.push(join(dir, n));
  }
  return out.length === 1 ? out : [];
}

function kindOf(word: string): readonly string[] | undefined {
  return word.endsWith('s') ? KIND_WORDS[word.slice(0, -1)] : undefined;
}

/** Names in cwd that a word means: the exact name, or one name whose stem it is. */
export function resolveWord(word: string, c: RuleContext): string[] {
  const names = c.names();
  const exact = names.filter((n) => n.toLowerCase() === word);
  if (exact.length > 0) return exact;
  return names.filter((n) => {
    const lower = n.toLowerCase();
    const dot = lower.indexOf('.', 1);
    return dot > 0 && lower.slice(0, dot) === word;
  });
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
