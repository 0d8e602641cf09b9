/**
 * A change whose scope is the whole machine, or everything a person has: "delete every file on
 * this computer", "wipe the whole disk", "remove all logs everywhere", "delete all my files",
 * "delete the tmp files from /". Atlas changes files only in its allowed roots (the current
 * folder and HOME), so such a request is never narrowed silently to the part it can reach: it
 * asks, naming the scope said, and changes nothing, even when the selection would be empty.
 * Reading stays as it was ("the biggest files on my computer" ranks over HOME); "everywhere"
 * bounded by a place ("everywhere in docs", "everywhere here") is that place.
 *
 * @example
 * wholeMachine(parse('delete every file on this computer'), drafts);  // '"on this computer"'
 */
import { findAction } from '../../tools/registry.ts';
import type { Utterance } from './parse.ts';
import type { Draft } from './rule.ts';

const MACHINE =
  /\b(?:on|across|throughout|from|in|off|of)\s+(?:the\s+|this\s+|my\s+|our\s+|your\s+|that\s+)?(?:whole\s+|entire\s+|full\s+)?(?:computer|machine|system|pc|laptop|box|server|(?:hard\s+)?(?:disk|drive)|harddrive|filesystem|file\s+system|os)\b(?!\s+(?:folder|directory|dir|logs?|files?)\b)/;
const WHOLE =
  /\b(?:the|this|my)\s+(?:whole|entire|full)\s+(?:computer|machine|system|pc|laptop|disk|drive|filesystem)\b/;
const ALL_MINE =
  /\b(?:all|every(?:thing)?|each)\s+(?:of\s+)?(?:my|our)\s+(?:files?|stuff|things|data|documents|docs|folders|directories)\b|\b(?:all|every)\s+(?:the\s+)?(?:files?|stuff|things)\s+(?:i|we)\s+(?:have|own)\b|\beverything\s+(?:i|we)\s+(?:have|own)\b/;
const EVERYWHERE =
  /\b(?:everywhere|anywhere)\b(?!\s+(?:in|inside|under|within|below|beneath|here|on\s+_f)\b)/;

const DESTROYS =
  /^(?:please\s+|pls\s+|could\s+(?:you|u)\s+|can\s+(?:you|u)\s+|just\s+)*(?:delete|remove|rm|erase|trash|wipe|purge|shred|destroy|nuke|get\s+rid\s+of|kill|pkill|killall)\b/;

/** Tools whose changes select files or processes by where they are. */
const SELECTING = new Set(['files', 'text', 'process']);

/**
 * The scope said (quoted, for the question) when `drafts` change something across the whole
 * machine or everything the person has; undefined otherwise.
 */
export function wholeMachine(
  u: Utterance,
  drafts: readonly Draft[] | undefined,
  isDir: (name: string) => boolean,
): string | undefined {
  // Before a rule is chosen (a tie would ask another question), a destroying verb says enough.
  const risk = drafts
    ? Math.max(
        0,
        ...drafts.filter((d) => SELECTING.has(d.tool)).map((d) => findAction(d.tool, d.action)?.risk ?? 3),
      )
    : DESTROYS.test(u.text)
      ? 3
      : 0;
  if (risk === 0) return undefined;
  const machine = MACHINE.exec(u.text);
  // "the logs in server", with a folder called server here: that folder
  const said =
    (machine && !isDir(machine[0].split(/\s+/).at(-1) ?? '') ? machine : null) ??
    WHOLE.exec(u.text) ??
    ALL_MINE.exec(u.text);
  if (said) return `"${said[0]}"`;
  // "from /": the root of the filesystem
  if (u.files.includes('/')) return '"/"';
  // "everywhere" is how a clean-up of a tree is often said: a delete or a kill asks what it means
  const every = risk >= 3 ? EVERYWHERE.exec(u.text) : null;
  return every ? `"${every[0]}"` : undefined;
}

/** The question for a change said of the whole machine: nothing is changed. */
export function beyondRoots(scope: string, clause: string): string {
  return `${scope} reaches beyond what Atlas may change (this folder and your home folder), so nothing was changed in "${clause}"; name the folder to act in, for example: delete the .tmp files in Downloads`;
}
