/**
 * A selection of files said in words: "all .log files older than a week in src", "the 3
 * biggest", "named report", "starting with draft", recursively or not. What files.find is
 * given for an action that acts on many files.
 */
import { KIND_WORDS } from './lexicon.ts';
import { capture, has, restore, type Utterance } from './parse.ts';
import { place } from './places.ts';
import type { RuleContext } from './rule.ts';

/** "all .log files older than a week in src": the arguments of files.find, or undefined. */
export function selection(
  u: Utterance,
  c: RuleContext,
  options: { recursive: boolean; type?: 'file' | 'dir' | 'any' },
): Record<string, unknown> | undefined {
  const name = nameFilter(u);
  const emptyDirs = has(u, /\bempty (?:folders?|director(?:y|ies)|dirs?|subfolders?)\b/);
  // "the empty txt files", "the empty logs": the state of the files, whatever noun follows
  const emptyFiles = !emptyDirs && emptyState(u);
  const selects =
    u.exts.length > 0 ||
    u.minSize !== undefined ||
    u.maxSize !== undefined ||
    u.olderThan !== undefined ||
    u.newerThan !== undefined ||
    name !== undefined ||
    emptyDirs ||
    emptyFiles ||
    (u.count !== undefined && ranking(u) !== undefined) ||
    has(
      u,
      /\b(?:all|every|each) (?:the )?(?:files?|of the files)\b|\beverything\b|\ball of (?:it|them)\b|\beverywhere\b|\bin (?:all|every) (?:the )?files?\b/,
    );
  if (!selects) return undefined;
  const args: Record<string, unknown> = { path: place(u, c) };
  if (u.exts.length > 0) args.ext = u.exts;
  if (name !== undefined) args.name = name;
  if (u.minSize !== undefined) args.minSize = u.minSize;
  if (u.maxSize !== undefined) args.maxSize = u.maxSize;
  if (u.olderThan) args.olderThan = u.olderThan;
  if (u.newerThan) args.newerThan = u.newerThan;
  if (emptyDirs) {
    args.type = 'dir';
    args.empty = true;
  } else if (emptyFiles) {
    // a folder with no entries is not a file of size 0: say "empty folders" for those
    args.type = 'file';
    args.empty = true;
    // "the empty pdf": a kind said in the singular names no extension of its own
    const kind = u.exts.length === 0 ? capture(u, /\bempty ([a-z0-9]+)\b/) : undefined;
    const exts = kind ? (KIND_WORDS[kind] ?? KIND_WORDS[kind.replace(/s$/, '')]) : undefined;
    if (exts) args.ext = [...exts];
  } else if (options.type) args.type = options.type;
  // "the biggest file in my home", "on my computer": ranked over the whole tree, as a report of it is
  const whole =
    ranking(u) !== undefined &&
    (args.path === '~' || has(u, /\bon (?:my |the |this )?(?:computer|machine|system|disk|drive)\b/));
  args.recursive = recursion(u, options.recursive || whole);
  if (has(u, /\bhidden\b/)) args.hidden = true;
  const rank = ranking(u);
  if (rank && u.count !== undefined) Object.assign(args, rank, { limit: u.count });
  return args;
}

/** "the 3 biggest", "the oldest": how a ranked selection is sorted. */
export function ranking(u: Utterance): { sort: 'size' | 'mtime'; order: 'asc' | 'desc' } | undefined {
  if (has(u, /\b(?:biggest|largest|heaviest|fattest|hugest|bulkiest)\b/))
    return { sort: 'size', order: 'desc' };
  if (has(u, /\b(?:smallest|tiniest|lightest)\b/)) return { sort: 'size', order: 'asc' };
  if (has(u, /\b(?:oldest|least recently (?:modified|changed|used))\b/))
    return { sort: 'mtime', order: 'asc' };
  if (has(u, /\b(?:newest|latest|most recent(?:ly)?|freshest)\b/)) return { sort: 'mtime', order: 'desc' };
  return undefined;
}

export function recursion(u: Utterance, fallback: boolean): boolean {
  if (
    has(
      u,
      /\b(?:recursive(?:ly)?|everywhere|all (?:sub)?(?:folders|directories)|(?:every|each) (?:sub)?(?:folder|directory|dir)|subfolders|subdirectories|and below|whole tree|entire tree|anywhere|all levels)\b/,
    )
  )
    return true;
  if (
    has(
      u,
      /\b(?:top[- ]level|not in subfolders|only here|here only|just here|only in this folder|this folder only|non-?recursive(?:ly)?|without subfolders)\b/,
    )
  )
    return false;
  return fallback;
}

/** "named report", "called draft*", "with 'invoice' in the name", a glob. */
export function nameFilter(u: Utterance): string | undefined {
  if (u.globs.length > 0) return u.globs[0];
  const q = capture(
    u,
    /\b(?:named|called|with (?:the )?name|whose name (?:contains|includes|has)|with)\s+(_q\d+_)(?:\s+in (?:the|their|its) names?)?/,
  );
  if (q && /_q\d+_/.test(q) && has(u, /\bnamed|called|(?:file ?)?names?\b/)) return restore(u, q);
  // "a folder called pictures" names a destination, not the files.
  const word = capture(u, /(?<!(?:folder|directory|dir|archive|zip|file) )\b(?:named|called)\s+([\w-]+)\b/);
  if (word && !['after', 'like'].includes(word) && !/^_\w+_$/.test(word)) return word;
  const containing = capture(
    u,
    /\b(?:with|that (?:have|has)|which (?:have|has)|having)\s+(_q\d+_|[\w-]+)\s+in (?:the |their |its )?(?:file ?)?names?\b/,
  );
  // "replace spaces with underscores in the file names": what the names become, not a filter
  if (containing && !has(u, /\b(?:replace|swap|substitute|switch)\b/)) return restore(u, containing);
  // "starting with draft", "ending in -old": a part of the name (an extension is a filter of its own).
  const start = capture(
    u,
    /\b(?:starting|beginning|that start|that begin|which start|whose names? start)s? with\s+(_q\d+_|[\w.-]+)/,
  );
  if (start) return `${restore(u, start)}*`;
  const end = capture(
    u,
    /\b(?:ending|that end|which end|whose names? end)s? (?:with|in)\s+(?!_ext_)(_q\d+_|[\w-][\w.-]*)/,
  );
  return end ? `*${restore(u, end)}` : undefined;
}

/**
 * "the empty txt files", "logs that are empty": empty said of what is acted on. Not the verb
 * ("empty the trash"), nor the content of a file made ("create an empty file").
 */
export function emptyState(u: Utterance): boolean {
  if (has(u, /^(?:\S+ )*?empty (?:the|my|this|that|out|[\w.-]+ (?:folder|directory|dir))\b/)) return false;
  // "empty-dir" is a name, not a state
  // "remove the empty lines" edits text; the files stay
  // "create two empty files": the content of the files made
  return (
    has(u, /(?<![\w-])empty(?![\w-])/) &&
    !has(
      u,
      /\b(?:an|a|new) empty\b|\bempty lines?\b|\b(?:create|make|touch|add)\s+(?:\d+\s+)?(?:new\s+)?empty\b/,
    )
  );
}
