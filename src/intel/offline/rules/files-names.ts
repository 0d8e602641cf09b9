/**
 * Offline rules that rewrite the names of many files by a pattern: "make these file names
 * lowercase", "replace spaces with underscores in the file names", "rename the photos to
 * holiday-1.jpg, holiday-2.jpg and so on". Without a selection they act on the files (not
 * folders) directly in the place the request names, never below it.
 */
import { capture, has, restore, type Utterance } from '../parse.ts';
import { place, type Rule, type RuleContext, recursion, sourcesOf, withSources } from '../rule.ts';
import { drafts } from './files-shared.ts';

/** Characters of names said as words. */
const CHARS: Record<string, string> = {
  space: ' ',
  spaces: ' ',
  blank: ' ',
  blanks: ' ',
  underscore: '_',
  underscores: '_',
  dash: '-',
  dashes: '-',
  hyphen: '-',
  hyphens: '-',
  dot: '.',
  dots: '.',
  period: '.',
  periods: '.',
};
const CHAR_WORD = `(?:${Object.keys(CHARS).join('|')}|_q\\d+_)`;
const SWAP = new RegExp(
  `\\b(?:replace|replacing|change|changing|swap|swapping|turn|turning|convert|converting|substitute)\\s+(?:all\\s+|the\\s+|any\\s+)?(${CHAR_WORD})\\s+(?:with|to|into|by|for)\\s+(?:an?\\s+)?(${CHAR_WORD})`,
);
/** "replace the spaces in these file names with dashes": the names said between the two. */
const SWAP_AROUND = new RegExp(
  `\\b(?:replace|change|swap|substitute|turn|convert)\\s+(?:all\\s+|the\\s+|any\\s+)?(${CHAR_WORD})\\s+(?:in|of)\\s+(?:the\\s+|these\\s+|those\\s+|my\\s+|all\\s+(?:the\\s+)?)?(?:file\\s?names?|filenames|names)\\b.*?\\s(?:with|to|into|by|for)\\s+(?:an?\\s+)?(${CHAR_WORD})`,
);
const ANY_SWAP =
  /\b(?:replace|change|swap|substitute)\s+(_q\d+_|\S+)\s+(?:with|to|for|by)\s+(_q\d+_|\S+)\s+in\s+(?:the\s+|their\s+|all\s+(?:the\s+)?)?(?:file\s?names?|filenames|names)\b/;
const NAMES = /\b(?:file ?names?|names? of (?:the |all |these |those )?files|filenames?|names|rename)\b/;

function char(word: string, u: Utterance): string {
  return CHARS[word] ?? restore(u, word);
}

/** What changes in each name, or undefined when this is not a rename by pattern. */
function change(u: Utterance): Record<string, unknown> | undefined {
  if (has(u, NAMES) && has(u, /\blower ?case\b|\blower[- ]case\b|\bsmall letters\b/))
    return { case: 'lower' };
  if (has(u, NAMES) && has(u, /\bupper ?case\b|\bupper[- ]case\b|\bcapital letters\b|\ball caps\b/))
    return { case: 'upper' };
  // "replace IMG_ with nothing in the file names of ...": what idioms.ts makes of "strip the prefix"
  const cut = capture(u, /\breplace\s+(_q\d+_|\S+)\s+with\s+nothing\s+in the file names\b/);
  if (cut) return { find: restore(u, cut), replace: '' };
  // "replace IMG_ with trip_ in the file names": any text, when the names are what changes
  const any = capture(u, ANY_SWAP);
  const by = capture(u, new RegExp(`${ANY_SWAP.source.replace('(_q\\d+_|\\S+)', '(?:_q\\d+_|\\S+)')}`));
  if (any && by && !CHARS[any.toLowerCase()] && !CHARS[by.toLowerCase()])
    return { find: restore(u, any), replace: restore(u, by) };
  const swap = SWAP.exec(u.text) ?? SWAP_AROUND.exec(u.text);
  if (swap && has(u, NAMES)) return { find: char(swap[1], u), replace: char(swap[2], u) };
  const first = numbered(u);
  if (first) return { numbered: first };
  return undefined;
}

/**
 * "to holiday-1.jpg, holiday-2.jpg and so on", "as img-001, img-002, …": the first name of a
 * numbered series, said as two names that differ only in a number one apart, or one name
 * and "and so on".
 */
function numbered(u: Utterance): string | undefined {
  if (!has(u, /\b(?:rename|name|number|call)\b/)) return undefined;
  const words = u.text.match(/(?<=\s|^)(?:_f\d+_|[a-z][\w-]*\d+)(?=[\s,.]|$)/g) ?? [];
  const names = words.map((w) => (/^_f\d+_$/.test(w) ? restore(u, w) : w)).filter((n) => /\d/.test(n));
  const shape = (n: string) => /^(.*?)(\d+)(\D*)$/.exec(n);
  const [a, b] = names.map(shape);
  if (a && b && a[1] === b[1] && a[3] === b[3] && Number(b[2]) === Number(a[2]) + 1) return a[0];
  if (a && has(u, /\b(?:and so on|and so forth|etc|and onwards|and up|sequentially|in sequence)\b|…|\.\.\./))
    return a[0];
  return undefined;
}

export const renameByPattern: Rule = {
  id: 'files.rename:pattern',
  examples: [
    'make the file names in photos lowercase',
    'replace spaces with underscores in the file names',
    'rename the photos to trip-1.jpg, trip-2.jpg and so on',
  ],
  score(u) {
    return change(u) ? 11 : 0;
  },
  build(u, c) {
    const args = change(u)!;
    // The names of the series are what the files become, not files to rename.
    const series = typeof args.numbered === 'string' ? sameShape(args.numbered) : undefined;
    const named = series ? u.files.filter((f) => series.test(f)) : [];
    // Nor are the texts swapped in them: "replace IMG_ with trip_ in the names" selects no trip_.
    const swapped = [args.find, args.replace].filter((x): x is string => typeof x === 'string' && x !== '');
    const src = sourcesOf(u, c, {
      skip: [...named, ...swapped, ...swapped.map((x) => x.toLowerCase())],
      type: 'file',
    });
    // "the file names in reports": reports is where the files are, not a name to change
    const paths = 'clarify' in src ? undefined : (src.args.paths as string[] | undefined);
    const inPlace = paths?.length === 1 && c.isDir(paths[0]) && place(u, c) === paths[0];
    const chosen = 'clarify' in src || inPlace ? filesIn(u, c) : src;
    if (!chosen) return { clarify: `Rename which files? ${'clarify' in src ? src.clarify : ''}`.trim() };
    const what =
      args.case !== undefined
        ? `in ${String(args.case)} case`
        : args.numbered !== undefined
          ? `as ${String(args.numbered)} and on`
          : `with '${String(args.find)}' as '${String(args.replace)}'`;
    return drafts(
      `Rename files ${what}`,
      withSources(chosen, { tool: 'files', action: 'rename', args, why: `rename ${what}` }),
    );
  },
};

/** "all these file names", "the file names in reports": every file directly in that place. */
function filesIn(u: Utterance, c: RuleContext) {
  if (!has(u, /\b(?:all|these|those|the|every|each|my)\b/)) return undefined;
  const find: Record<string, unknown> = { path: place(u, c), type: 'file', recursive: recursion(u, false) };
  if (u.exts.length > 0) find.ext = u.exts;
  return { args: {}, find };
}

/** Names like `name` but for its last number: "holiday-1.jpg" matches "holiday-2.jpg". */
export function sameShape(name: string): RegExp {
  const m = /^(.*?)(\d+)(\D*)$/.exec(name);
  const q = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return m ? new RegExp(`^${q(m[1])}\\d+${q(m[3])}$`, 'i') : new RegExp(`^${q(name)}$`, 'i');
}
