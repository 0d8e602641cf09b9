/**
 * A delete that would delete nothing: "remove every log file biger then 1 kb" when no log here
 * is bigger than 1 KiB, "delete all files with 'budget' in their name" when none has it. Run,
 * such a plan reports success and changes nothing, and the person may never learn that the
 * filter was read otherwise than meant (a typo, a unit, a place). So the selection is counted
 * when the request is translated (one bounded directory walk, as singular.ts does), and a
 * delete of nothing is said back with what was read, nothing run: the words corrected, and the
 * files that match only in subfolders, with how to include them.
 *
 * @example
 * nothingSelected(parse('delete the .bak files'), drafts, c); // 'Nothing here matches "delete the .bak files"…'
 */
import { findAction } from '../../tools/registry.ts';
import type { Utterance } from './parse.ts';
import type { Draft, RuleContext } from './rule.ts';
import { candidates } from './singular.ts';

/** The question to ask when a destructive step's selection matches nothing, or undefined. */
export function nothingSelected(u: Utterance, drafts: readonly Draft[], c: RuleContext): string | undefined {
  for (const d of drafts) {
    if (d.fromDraft === undefined || (findAction(d.tool, d.action)?.risk ?? 3) < 3) continue;
    const source = drafts[d.fromDraft];
    if (!source || source.action !== 'find') continue;
    const found = candidates(source.args, c);
    if (!found || found.total > 0) continue;
    const read =
      u.corrected.length > 0
        ? ` (I read ${u.corrected.map((f) => `"${f.from}" as "${f.to}"`).join(', ')})`
        : '';
    const deeper =
      source.args.recursive === false ? candidates({ ...source.args, recursive: true }, c) : undefined;
    const below =
      deeper && deeper.total > 0
        ? `; in subfolders ${deeper.total === 1 ? 'it matches' : `${deeper.total} match`} ${deeper.names.join(', ')}${deeper.total > deeper.names.length ? ', …' : ''}: say "in all subfolders" to include them`
        : '';
    return `Nothing here matches "${u.raw.trim()}"${read}, so nothing was deleted${below}. Check the words and say it again`;
  }
  return undefined;
}
