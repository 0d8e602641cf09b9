/**
 * Listings asked as people ask them, rewritten into the order the rules read:
 *
 * - hidden files asked as a question ("any hidden files in this dir?", "got any dotfiles in
 *   here", "is there anything hidden in docs"): show the hidden files of that place;
 * - files looked for by a part of their NAME ("look for files with 'guide' in the name",
 *   "search for files whose name contains report"): a find by name, never a search of what
 *   the files hold, which would name README.md for mentioning guide.md.
 *
 * @example
 * listings('any hidden files in this dir?');              // 'show hidden files in this dir'
 * listings('search for files whose name contains report'); // 'find files with report in their name'
 */

/** Where, when said: "in this dir", "in docs", "here". */
const WHERE = '((?:\\s+(?:in|inside|under|within)\\s+\\S+(?:\\s+\\S+)?)|\\s+(?:in\\s+)?here)?';
const END = '\\s*[?.!]*$';
/** A question opening: "any", "are there any", "do i have", "got any". */
const ASK =
  '^(?:(?:are|is|r)\\s+there\\s+(?:any\\s+)?|(?:do|did)\\s+(?:i|we|you)\\s+(?:have|see)\\s+(?:any\\s+)?|(?:have|has|got)\\s+(?:i\\s+|we\\s+)?(?:got\\s+)?(?:any\\s+)?|any\\s+)';

const REWRITES: [RegExp, string][] = [
  [
    new RegExp(
      `${ASK}(?:hidden\\s+(?:files?|folders?|stuff|things|entries)|dot\\s?files?|files?\\s+(?:that\\s+are\\s+)?hidden)${WHERE}${END}`,
      'i',
    ),
    'show hidden files$1',
  ],
  [
    new RegExp(`^(?:is|are)\\s+(?:there\\s+)?(?:anything|something|stuff)\\s+hidden${WHERE}${END}`, 'i'),
    'show hidden files$1',
  ],
  // "whose name contains report", "with data in their names": a part of the name
  [
    /\bwhose\s+(?:file\s?)?names?\s+(?:contains?|includes?|has|have|mentions?)\s+(_q\d+_|[\w.-]+)/gi,
    'with $1 in their name',
  ],
  [/\b(with\s+(?:_q\d+_|[\w.-]+)\s+in\s+(?:the|their|its)\s+)file\s?names?\b/gi, '$1name'],
  [/\b(with\s+(?:_q\d+_|[\w.-]+)\s+in\s+(?:the|their|its)\s+)names\b/gi, '$1name'],
  // "look for / search for / grep for files … in the name": a find by name
  [
    /^(?:look(?:ing)?\s+for|search(?:ing)?(?:\s+for)?|grep(?:\s+for)?|hunt\s+(?:for|down)|scan\s+for|seek)\s+(?=(?:(?:all|any|the|every)\s+)*(?:_ext_\s+)?(?:files?|folders?|documents?|docs)\s+with\s+\S+\s+in\s+(?:the|their|its)\s+name\b)/i,
    'find ',
  ],
];

/** `text` with a listing asked as a question, or a name searched for, in the form rules read. */
export function listings(text: string): string {
  // "replace spaces with underscores in the file names": what the names become, not a filter
  if (/\b(?:replace|swap|substitute|switch|change|rename|turn|convert)\b/i.test(text)) return text;
  let s = text;
  for (const [re, to] of REWRITES) s = s.replace(re, to);
  return s;
}
