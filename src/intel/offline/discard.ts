/**
 * Deleting said the way people throw things away, and the age of what goes said as how long it
 * has sat untouched:
 *
 * - "throw cache.tmp away", "toss the tmp files", "bin draft.tmp", "ditch old.log", "get
 *   cache.tmp out of here": the delete of what is named (what Atlas deletes it keeps for undo);
 * - "that haven't been touched in over a week", "nobody has changed for a month", "untouched
 *   for 30 days", "last modified more than 20 days ago": older than that, a filter kept.
 *
 * Only the verb or the age phrase is rewritten; every other word (a place, a kind, a size)
 * stays for the rules and for the accounting of every word (coverage.ts).
 *
 * @example
 * discard('throw _f0_ away');                                   // 'delete _f0_'
 * discard('delete the logs that have not been touched in over 1 week'); // 'delete the logs older than 1 week'
 */

/** Verbs that say throwing away only with their particle ("throw it away", "toss out the logs"). */
const THROW = '(?:throw|fling|pitch)';
/** Verbs that say it alone ("bin draft.tmp", "ditch the logs"). */
const BIN = '(?:bin|ditch|junk|scrap|nuke|toss|chuck)';
const LEAD = '^((?:(?:please|pls|plz|kindly)\\s+|(?:can|could|would|will)\\s+(?:you|u)\\s+(?:please\\s+)?)*)';

const VERBS: [RegExp, string][] = [
  [new RegExp(`${LEAD}${THROW}\\s+(?:away|out)\\s+(?!of\\b)`, 'i'), '$1delete '],
  [
    new RegExp(
      `${LEAD}${THROW}\\s+(.+?)\\s+(?:away|out)(?=$|\\s*[,.!]|\\s+(?:please|pls|now|for me)\\b)`,
      'i',
    ),
    '$1delete $2',
  ],
  [new RegExp(`${LEAD}${BIN}\\s+(?!(?:in|into|to|on|out)\\b)`, 'i'), '$1delete '],
  [
    new RegExp(
      `${LEAD}(?:get|take)\\s+(.+?)\\s+out\\s+of\\s+(?:here|my\\s+sight|the\\s+way)(?=$|\\s*[,.!])`,
      'i',
    ),
    '$1delete $2',
  ],
  [new RegExp(`${LEAD}do\\s+away\\s+with\\s+`, 'i'), '$1delete '],
];

const TO_THE_TRASH =
  /\b(?:in|into|to)\s+(?:the\s+|my\s+)?(?:trash|recycle|recycling|rubbish|wastebasket|waste\s+basket|garbage|bin)\b/i;

const NUM = '(\\d+(?:\\.\\d+)?|an?|one)';
const UNIT = '(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|mos?|years?|yrs?)';
/** "over", "more than": how an age said as idleness reaches back. */
const OVER = '(?:(?:over|more\\s+than|at\\s+least|longer\\s+than|upwards\\s+of)\\s+)?';
const IDLE =
  '(?:modified|changed|touched|used|accessed|opened|edited|updated|looked\\s+at|written(?:\\s+to)?|saved)';
const WHO = '(?:(?:that|which|who)\\s+)?';

const AGES: RegExp[] = [
  // "that haven't been touched in over a week", "not changed for the last 3 days"
  new RegExp(
    `\\b${WHO}(?:(?:have|has|had|were|was|are|is)\\s+)?not\\s+(?:been\\s+|got\\s+|gotten\\s+)?${IDLE}\\s+(?:by\\s+anyone\\s+|by\\s+anybody\\s+)?(?:in|for|since|during|within)\\s+(?:the\\s+)?(?:last\\s+|past\\s+)?${OVER}${NUM}\\s*${UNIT}\\b`,
    'gi',
  ),
  // "that nobody has touched for a month", "no one changed in over 2 weeks"
  new RegExp(
    `\\b${WHO}(?:nobody|no\\s*one|noone|no\\s+body)\\s+(?:has\\s+|have\\s+|had\\s+)?(?:ever\\s+)?${IDLE}\\s+(?:in|for|since|during|within)\\s+(?:the\\s+)?(?:last\\s+|past\\s+)?${OVER}${NUM}\\s*${UNIT}\\b`,
    'gi',
  ),
  // "untouched for 30 days", "that have sat unchanged for over a month"
  new RegExp(
    `\\b${WHO}(?:(?:have|has|had|were|was|are|is)\\s+)?(?:been\\s+|sat\\s+|sitting\\s+|lain\\s+|left\\s+)?(?:untouched|unchanged|unmodified|unused|unopened|unedited|idle)\\s+(?:in|for|since|during)\\s+(?:the\\s+)?(?:last\\s+|past\\s+)?${OVER}${NUM}\\s*${UNIT}\\b`,
    'gi',
  ),
  // "last modified more than 20 days ago", "that were last touched over a week ago"
  new RegExp(
    `\\b${WHO}(?:(?:were|was|are|is)\\s+)?last\\s+${IDLE}\\s+(?:over|more\\s+than|at\\s+least|longer\\s+than)\\s+${NUM}\\s*${UNIT}\\s+ago\\b`,
    'gi',
  ),
];

/** `text` with a verb of throwing away made "delete", and an age said as idleness made "older than". */
export function discard(text: string): string {
  let s = text;
  // "toss the tmp files in the bin": the trash said as a place is read by idioms.ts
  if (!TO_THE_TRASH.test(s))
    for (const [re, to] of VERBS) {
      const next = s.replace(re, to);
      if (next !== s) {
        s = next;
        break;
      }
    }
  for (const re of AGES) s = s.replace(re, (...m: string[]) => `older than ${m[1]} ${m[2]}`);
  return s;
}
