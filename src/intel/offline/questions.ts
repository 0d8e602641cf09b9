/**
 * Questions: requests asked rather than ordered ("does config.json contain debug?", "where do
 * i use require", "how many ERROR lines are in app.log", "anything over 500 KB in here?", "how
 * much space do the mp3s take"), rewritten into the order the rules read. Like idioms.ts, a
 * rewrite keeps every file, place, kind, size and time said, and applies to the normalised text
 * (quoted strings and file names are placeholders by then).
 *
 * @example
 * questions('does _f0_ contain debug?');   // 'search for debug in _f0_'
 * questions('where do i use require');     // 'where is require used'
 */

/** A word or a quoted string, what a question asks about. */
const WORD = '(_q\\d+_|[^\\s?]+)';
/** The end of a question: a question mark, or none. */
const END = '\\s*\\?*\\s*$';
const WHO = '(?:i|we|you|they|the code|our code|my code|this project|the project)';
const USE =
  '(?:use|using|call|calling|import|importing|require|requiring|reference|referencing|mention|mentioning)';

const REWRITES: [RegExp, string][] = [
  // "does config.json contain debug?", "does notes.txt mention Bob", "do any files say 'x'"
  [
    new RegExp(
      `^(?:does|do|did)\\s+(_f\\d+_|the\\s+[\\w-]+\\s+file)\\s+(?:contain|mention|include|have|say|reference)s?\\s+(?:the\\s+(?:word|text|string)\\s+)?${WORD}${END}`,
      'gi',
    ),
    'search for $2 in $1',
  ],
  [
    /^(?:does|do)\s+(?:any|some)\s+(?:of\s+the\s+)?((?:_ext_\s+|[\w-]+\s+)?files?)\s+(?:contain|mention|include|have|say|reference)\s+/gi,
    'which $1 contain ',
  ],
  // "is there a TODO in notes.txt": a word in a file is a search of that file
  [
    new RegExp(
      `^(?:is|are)\\s+there\\s+(?:an?y?\\s+|the\\s+word\\s+)?${WORD}\\s+(in|inside)\\s+(_f\\d+_)${END}`,
      'gi',
    ),
    'search for $1 in $3',
  ],
  // "where do i use require", "where does the code call fetch", "where am i using lodash"
  [
    new RegExp(
      `^where\\s+(?:do|does|did|am|are|is)\\s+${WHO}\\s+${USE}\\s+${WORD}(?=\\s+(?:in|inside|under)\\s|${END})`,
      'gi',
    ),
    'where is $1 used',
  ],
  // "where did i write about the budget", "where have we mentioned Bob": the text looked for
  [
    new RegExp(
      `^where\\s+(?:did|do|have|had|does|has)\\s+(?:i|we|you|someone|anyone|somebody)\\s+(?:write|wrote|written|talk|talked|say|said|mention|mentioned|note|noted|jot|jotted|put|type|typed)\\s+(?:down\\s+)?(?:anything\\s+|something\\s+|stuff\\s+)?(?:about\\s+|of\\s+|on\\s+)?(?:the\\s+|my\\s+|our\\s+)?${WORD}(?=\\s+(?:in|inside|under)\\s|${END})`,
      'gi',
    ),
    'search for $1',
  ],
  // "which files talk about the budget", "find the notes that are about Bob"
  [
    /^(?:(?:which|what)\s+|(?:find|show|list|get)\s+(?:me\s+)?(?:all\s+)?(?:the\s+)?)((?:_ext_\s+|[\w-]+\s+)?(?:files?|notes|docs|documents))\s+(?:that\s+|which\s+)?(?:talks?|talking|speaks?|speaking|is|are|writes?|say (?:something|anything))\s+about\s+(?:the\s+)?/gi,
    'which $1 contain ',
  ],
  // "how many ERROR lines are in app.log", "count the warning lines in debug.log"
  [
    /\b(?:how many|count(?: the)?|number of)\s+(?!(?:blank|empty|non-empty|total|code|source|long|short|new|the|of|all)\b)([a-z_][\w-]*)\s+lines?\s+(?:are\s+|r\s+)?(?:there\s+)?(in|of|inside)\s+/gi,
    'how many lines containing $1 in ',
  ],
  // "anything over 500 KB in here?", "any files older than a year", "something bigger than 1 MB"
  [
    /^(?:(?:is|are)\s+there\s+)?(?:anything|something|any\s+files?|any\s+stuff)\s+(?=(?:over|above|under|below|bigger|larger|smaller|greater|heavier|more|less|older|newer|modified|changed|edited|from|since|within)\b)/gi,
    'list files ',
  ],
  // "how much disk space do the mp3s use", "how much room does docs take up"
  [
    /^how\s+much\s+(?:disk\s+)?(?:space|storage|room)\s+(?:do|does|did|are|is)\s+(?!.*\b(?:folders?|director(?:y|ies)|dirs?|each|every|here|this|_f\d+_)\b)(.+?)\s+(?:use|using|take|taking|take up|taking up|occupy|occupying|need|eat|eat up)\s*(?:up\s*)?\?*$/gi,
    'how big are $1',
  ],
  // "how much space is each folder using", "how much room are the logs taking up"
  [
    /^how\s+much\s+(?:disk\s+)?(?:space|storage|room)\s+(?:is|are)\s+(.+?)\s+(?:using|taking(?:\s+up)?|occupying|eating(?:\s+up)?)\s*\?*$/gi,
    'how much space does $1 use',
  ],
  // "look up TODO in notes.txt": a word looked for in a file, not a host name
  [new RegExp(`^look\\s+up\\s+${WORD}\\s+(in|inside)\\s+(_f\\d+_)${END}`, 'gi'), 'search for $1 in $3'],
  // "words in notes.txt?", "lines in app.log": a count asked tersely
  [/^(lines|words|characters|chars)\s+(?:in|of)\s+(_f\d+_)\s*\?*$/gi, 'how many $1 are in $2'],
  // "tell me how big big.bin is", "how large _f0_ is"
  [/^(?:tell me\s+|show me\s+)?how\s+(big|large)\s+(_f\d+_)\s+is\s*\?*$/gi, 'how $1 is $2'],
  // "what's inside docs": what a folder holds
  [
    /^what\s+is\s+inside\s+(?!_f\d+_)(?=(?:the\s+|my\s+)?[\w.~-]+(?:\s+(?:folder|directory|dir))?\s*\?*$)/gi,
    'what is in ',
  ],
  // "what have i got in Downloads", "what do we have under src": what a folder holds
  [
    /^what\s+(?:have\s+(?:i|we|you)\s+got|(?:do|did)\s+(?:i|we|you)\s+have|(?:is|are)\s+there|lives|sits|is\s+sitting|is\s+stored|is\s+kept)\s+(?:in|inside|under)\s+/gi,
    'what is in ',
  ],
  // "what does this folder contain", "what does docs have in it": what it holds
  [/^what\s+(?:does|do)\s+(.+?)\s+(?:contain|hold|have\s+in\s+it|include)\s*\?*$/gi, 'what is in $1'],
  // "which pdf is the biggest", "what file is the newest one": one, ranked
  [
    /^(?:which|what)\s+(?:one\s+of\s+the\s+|of\s+the\s+)?([\w-]+?)(?:\s+files?)?\s+(?:is|was)\s+(?:the\s+)?(biggest|largest|smallest|newest|oldest|latest|heaviest|most recent)(?:\s+(?:one|1|file))?(?=\s+(?:in|inside|under|here)\b|\s*\?*\s*$)/gi,
    'show the $2 $1',
  ],
  // "who am i", "whoami", "which user am i": the user this runs as
  [
    /^(?:who\s*am\s*i|whoami|(?:which|what)\s+user\s+am\s+i(?:\s+logged\s+in\s+as)?)\s*\?*$/gi,
    'what user is this',
  ],
];

/** `text` with each question asked in the order the rules read. */
export function questions(text: string): string {
  let s = text;
  for (const [re, to] of REWRITES) s = s.replace(re, to);
  return s;
}
