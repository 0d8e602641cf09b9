/**
 * "whatever is inside shortcut", "the contents of docs", "the files in logs": what is in a
 * folder, never the folder itself, and for a link never the link (deleting or moving it would
 * change where the name leads, not what is there). The folder is named as said; its entries
 * are found when the plan runs, where the link leads, and the roots check refuses that place,
 * naming it, when it is outside them.
 *
 * @example
 * contentsOf(parse('delete whatever is inside shortcut'), c); // { dir: 'shortcut' }
 */
import { capture, restore, type Utterance } from './parse.ts';
import { dirNamed } from './places.ts';
import { type RuleContext, resolveWord } from './rule.ts';
import { selection } from './selection.ts';

/**
 * The phrases that say "what is in", then the folder, then nothing or where things go. "the
 * files in" only bare: "the guide files in docs" are files of a stem, chosen in docs.
 */
const CONTENTS =
  /(?:\b(?:whatever|what|anything|all|stuff|things)(?:'s|\s+(?:that\s+)?(?:is|are|there is))?\s+(?:inside|in|within)(?:\s+of)?|\b(?:the\s+)?contents?\s+of|(?:^\S+\s+|\bthe\s+)files\s+(?:inside|in|within)|^\S+\s+inside(?:\s+of)?)\s+(?:the\s+|my\s+|this\s+|that\s+)?(_f\d+_|[\w.~-]+)(?:\s+(?:folder|directory|dir|link))?(?=$|\s+(?:to|into|onto|as|under)\b)/;

/**
 * The folder whose contents the clause means, or a question when what it names is a file,
 * or undefined when it says no such thing (or says it with a selection of its own: "the log
 * files in logs" is chosen by kind, in that place).
 */
export function contentsOf(
  u: Utterance,
  c: RuleContext,
): { dir: string; files: boolean } | { clarify: string } | undefined {
  const word = capture(u, CONTENTS);
  if (!word || selection(u, c, { recursive: false })) return undefined;
  const dir = dirNamed(word.toLowerCase(), u, c);
  // "the files in docs" are its files; "whatever is inside" is everything, hidden or not
  if (dir && dir !== '.' && dir !== '~' && c.isDir(dir))
    return { dir, files: /\bfiles\s+(?:inside|in|within)\b/.test(u.text) };
  const file = /^_f\d+_$/.test(word) ? restore(u, word) : resolveWord(word.toLowerCase(), c)[0];
  if (file === undefined || !c.exists(file)) return undefined;
  return {
    clarify: `'${file}' is not a folder, so nothing is inside it; nothing was changed. To delete it, say "delete ${file}"; to empty its text, say "clear the contents of ${file}"`,
  };
}
