/**
 * One thing said, the plan left to choose: "remove the duplicate file", "delete the file
 * bigger than 200 kb". A clause that deletes or overwrites, said of one thing, whose files a
 * step finds only when it runs (duplicates, a search, a find with no limit of one) must not
 * act on whatever that step turns up: which duplicate is "the" duplicate is a guess, and a
 * find may match several. A find is counted here (it is cheap: one directory walk, bounded);
 * when it matches more than one, the person is asked which, with the candidates listed. A
 * duplicate or a search is not run to answer a question, so those always ask.
 *
 * @example
 * oneMeant(parse('remove the duplicate file'), drafts, c); // 'Which file is "the duplicate file"? …'
 */
import { FindArgs, findEntries } from '../../tools/files/inspect.ts';
import { findAction } from '../../tools/registry.ts';
import { Roots } from '../../tools/roots.ts';
import { FILE_EXTS, KIND_WORDS } from './lexicon.ts';
import { has, type Utterance } from './parse.ts';
import type { Draft, RuleContext } from './rule.ts';

/** How many candidates a question lists. */
const LISTED = 5;

/** Nouns that stand for one file when said in the singular. */
const ONE =
  /\b(?:the|that|this|my|one)\s+(?:[\w-]+\s+){0,3}?(?:file|one|thing|document|doc|copy|duplicate|dupe|item|entry|version)\b(?![\w-])/;

const escaped = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A kind of file in the singular: "the empty log", "that pdf". */
const KIND_ONE = new RegExp(
  `\\b(?:the|that|this|my)\\s+(?:[\\w-]+\\s+){0,3}?(?:${[...Object.keys(KIND_WORDS), ...FILE_EXTS].map(escaped).join('|')})(?![\\w.-])`,
);

/** Words before a place. */
const PLACE = /^(?:in|from|inside|under|within|into|to|of)$/;

/** Words that make what is said more than one thing. */
const MANY =
  /\b(?:all|every|each|both|any|files|ones|things|copies|duplicates|dupes|items|them|those|these|everything|several|some|many|few)\b/;

/** Whether the clause speaks of exactly one thing, and how: "the duplicate file". */
export function oneSaid(u: Utterance): string | undefined {
  if (has(u, MANY) || (u.count !== undefined && u.count > 1)) return undefined;
  // a kind in the plural ("the logs") is many; in the singular ("the empty log") one
  // (a folder said as a place is not what is acted on: "the duplicate in docs")
  const words = u.text.split(' ');
  const place = (i: number) =>
    /^(?:folder|directory|dir)$/.test(words[i + 1] ?? '') ||
    PLACE.test(words[i - 1] ?? '') ||
    (/^(?:the|my|this)$/.test(words[i - 1] ?? '') && PLACE.test(words[i - 2] ?? ''));
  const pluralKind = (w: string) =>
    w.endsWith('s') && (KIND_WORDS[w.slice(0, -1)] !== undefined || FILE_EXTS.has(w.slice(0, -1)));
  if (words.some((w, i) => pluralKind(w) && !place(i))) return undefined;
  return ONE.exec(u.text)?.[0] ?? KIND_ONE.exec(u.text)?.[0];
}

/**
 * The question to ask when a destructive clause said of one thing would act on what a step
 * chooses at run time, or undefined when the plan can go ahead.
 */
export function oneMeant(u: Utterance, drafts: readonly Draft[], c: RuleContext): string | undefined {
  const said = oneSaid(u);
  if (!said) return undefined;
  for (const d of drafts) {
    if (d.fromDraft === undefined || (findAction(d.tool, d.action)?.risk ?? 3) < 2) continue;
    const source = drafts[d.fromDraft];
    if (!source || (source.action === 'find' && source.args.limit === 1)) continue;
    const verb = d.action === 'delete' ? 'delete' : 'change';
    if (source.action !== 'find')
      return `Which file is "${said}"? It could be more than one, so nothing was changed; name the file to ${verb}${source.action === 'duplicates' ? ' (to see them first: find duplicate files)' : ''}`;
    const found = candidates(source.args, c);
    if (found && found.total > 1)
      return `"${said}" is one file, but ${found.total} match: ${found.names.join(', ')}${found.total > found.names.length ? ', …' : ''}; nothing was changed. Name the one to ${verb}`;
  }
  return undefined;
}

/** What a find would select now, or undefined when it cannot be run here (a bad path, outside). */
function candidates(
  args: Record<string, unknown>,
  c: RuleContext,
): { total: number; names: string[] } | undefined {
  const parsed = FindArgs.safeParse(args);
  if (!parsed.success) return undefined;
  const paths = new Roots({ cwd: c.cwd, home: c.home, roots: [c.cwd, c.home] });
  try {
    const { entries, total } = findEntries(parsed.data, { paths, now: () => Date.now() });
    return { total, names: entries.slice(0, LISTED).map((e) => paths.display(e.path)) };
  } catch {
    return undefined;
  }
}
