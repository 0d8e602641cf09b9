/**
 * The first or last lines of a file taken out: "erase the last 3 lines of notes.txt", "delete
 * the first line of todo.txt", "remove the bottom 2 lines from app.log". A text.replace with a
 * regular expression over the whole file, so it is previewed, confirmed and undoable like any
 * other overwrite; never a read of those lines. The expression names its end in a group
 * ("(?<last>…)") and holds the count, so the plan carries every word that constrains it.
 *
 * @example
 * // 'erase the last 3 lines of notes.txt' ->
 * // text.replace { paths: ['notes.txt'], find: '(?<![^\n])(?=[^])(?<last>(?:[^\n]*(?:\n|$)){3})(?![^])', replace: '', regex: true }
 */
import { has, type Utterance } from '../parse.ts';
import { type Rule, sourcesOf, withSources } from '../rule.ts';

/** A verb that takes lines out (chop, trim and the like are read as remove: edit-orders.ts). */
const CUT = '(?:delete|remove|erase|drop|cut|strip|get\\s+rid\\s+of|take\\s+out|take\\s+off|clear|wipe)';
/** Which end: the last or the first lines. */
const END = '(last|final|bottom|trailing|first|top|leading|opening)';
const ENDS = new RegExp(
  `^${CUT}\\s+(?:off\\s+|out\\s+)?(?:the\\s+)?(?:very\\s+)?${END}\\s+(?:(\\d+)\\s+)?lines?(?:\\s+off)?\\s+(?:of|from|in|off|off\\s+of)\\s+(?:the\\s+file\\s+)?_f\\d+_\\s*[.!]*$`,
);

/** The regular expression that matches `n` whole lines at one end of a file. */
export function endLines(n: number, last: boolean): string {
  const lines = `(?:[^\\n]*(?:\\n|$)){${n}}`;
  // the last lines start just after a line break and end at the end of the file
  return last ? `(?<![^\\n])(?=[^])(?<last>${lines})(?![^])` : `^(?<first>${lines})`;
}

function said(u: Utterance): { n: number; last: boolean } | undefined {
  const m = ENDS.exec(u.text);
  if (!m) return undefined;
  // "the last lines": how many is not said, and is asked
  if (m[2] === undefined && /\blines\b/.test(m[0])) return undefined;
  const n = Number(m[2] ?? 1);
  if (!Number.isInteger(n) || n < 1) return undefined;
  return { n, last: /^(?:last|final|bottom|trailing)$/.test(m[1]) };
}

const lineEnds: Rule = {
  id: 'text.replace:line-ends',
  examples: ['erase the last 3 lines of notes.txt', 'delete the first line of todo.txt'],
  score(u) {
    return said(u) && u.files.length === 1 && !has(u, /\b(?:commits?|git)\b/) ? 11 : 0;
  },
  build(u, c) {
    const s = said(u)!;
    const src = sourcesOf(u, c);
    if ('clarify' in src) return { clarify: `Remove lines from which file? ${src.clarify}` };
    const lines = `the ${s.last ? 'last' : 'first'} ${s.n === 1 ? 'line' : `${s.n} lines`}`;
    return {
      goal: `Remove ${lines}`,
      drafts: withSources(src, {
        tool: 'text',
        action: 'replace',
        args: { find: endLines(s.n, s.last), replace: '', regex: true },
        why: `remove ${lines}`,
      }),
    };
  },
};

export const lineEndRules: Rule[] = [lineEnds];
