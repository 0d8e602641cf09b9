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
import { KIND_WORDS } from './lexicon.ts';

/** A word or a quoted string, what a question asks about. */
const WORD = '(_q\\d+_|[^\\s?]+)';
/** The end of a question: a question mark, or none. */
const END = '\\s*\\?*\\s*$';
const WHO = '(?:i|we|you|they|the code|our code|my code|this project|the project)';
const USE =
  '(?:use|using|call|calling|import|importing|require|requiring|reference|referencing|mention|mentioning)';
/** Text looked for, unquoted: up to the place said or the end. */
const TEXT = '(?!_q\\d+_\\s*\\?*\\s*$)(.+?)';
/** A place: a named file, or a folder said by its name ("the logs folder", "my downloads"). */
const PLACE =
  '((?:the\\s+|my\\s+|our\\s+|both\\s+)?(?:_f\\d+_|[\\w.~-]+)(?:\\s+(?:folder|directory|dir|files))?)';
/** Where the files looked in are, when said. */
const WHERE =
  '(\\s+(?:in|inside|under)\\s+(?:the\\s+|my\\s+)?(?:_f\\d+_|[\\w.~*/-]+)(?:\\s+(?:folder|directory|dir))?)?';

const REWRITES: [RegExp, string][] = [
  // "does config.json contain debug?", "does notes.txt mention Bob", "do any files say 'x'"
  [
    new RegExp(
      `^(?:does|do|did)\\s+(_f\\d+_|the\\s+[\\w-]+\\s+file)\\s+(?:contain|mention|include|have|say|reference)s?\\s+(?:the\\s+(?:word|text|string)\\s+)?${WORD}${END}`,
      'gi',
    ),
    'search for $2 in $1',
  ],
  // "does todo.txt mention write report", "what does guide.md say about install", "is the
  // budget mentioned in notes.txt": several words, or words of other requests, are text
  [
    new RegExp(
      `^(?:does|do|did)\\s+(_f\\d+_)\\s+(?:contain|mention|include|say|reference)s?\\s+(?:the\\s+(?:word|text|string)\\s+)?(?!_q\\d+_|(?:anything|something|stuff|much)\\s)(.+?)${END}`,
      'gi',
    ),
    'search for «$2» in $1',
  ],
  [
    new RegExp(
      `^what\\s+(?:does|do|did)\\s+(_f\\d+_)\\s+(?:say|tell\\s+(?:me|us))\\s+(?:about|of|regarding|on)\\s+(?:the\\s+)?${TEXT}${END}`,
      'gi',
    ),
    'search for «$2» in $1',
  ],
  [
    new RegExp(
      `^(?:is|are|was|were)\\s+(?:the\\s+(?:word|text|string|phrase)\\s+|the\\s+)?${TEXT}\\s+(?:mentioned|written|used|said|anywhere)\\s+(?:anywhere\\s+)?(?:in|inside)\\s+${PLACE}${END}`,
      'gi',
    ),
    'search for «$1» in $2',
  ],
  // "any files that mention port?", "any md files containing disk full"
  [
    new RegExp(
      `^(?:are\\s+there\\s+)?any\\s+((?:_ext_\\s+|[\\w-]+\\s+)?files?)\\s+(?:that\\s+|which\\s+)?(?:mention|contain|include|reference|say)(?:s|ing)?\\s+(?!_[a-z]+\\d*_|«)${TEXT}${WHERE}${END}`,
      'gi',
    ),
    'which $1 contain «$2»$3',
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
  // "which files talk about the budget", "find the notes that are about Bob": what they say is
  // text, quoted, so "install" or "disk" in it is no request of its own
  [
    new RegExp(
      `^(?:(?:which|what)\\s+|(?:find|show|list|get)\\s+(?:me\\s+)?(?:all\\s+)?(?:the\\s+)?)((?:_ext_\\s+|[\\w-]+\\s+)?(?:files?|notes|docs|documents))\\s+(?:that\\s+|which\\s+)?(?:talks?|talking|speaks?|speaking|is|are|writes?|says?\\s+(?:something|anything))\\s+about\\s+(?:the\\s+)?${TEXT}${WHERE}${END}`,
      'gi',
    ),
    'which $1 contain «$2»$3',
  ],
  // "which files mention kill", "what md files contain disk full": the text, quoted
  [
    new RegExp(
      `^((?:which|what)\\s+(?:_ext_\\s+|[\\w-]+\\s+)?files?)\\s+(?:that\\s+|which\\s+)?(?:mention|contain|include|reference|say)s?\\s+(?!(?:the\\s+)?(?:word|text|string|phrase)\\s+_q)(?:the\\s+(?:word|text|string|phrase)\\s+|the\\s+)?(?!_[a-z]+\\d*_|«)${TEXT}${WHERE}${END}`,
      'gi',
    ),
    '$1 contain «$2»$3',
  ],
  // "does notes.txt say anything about Bob?", "does README.md talk about the database"
  [
    new RegExp(
      `^(?:does|do|did)\\s+(_f\\d+_|the\\s+[\\w-]+\\s+file)\\s+(?:say|talk|mention|write|tell|speak)s?\\s+(?:anything|something|stuff|much)?\\s*(?:about|of|regarding|on)\\s+(?:the\\s+)?${TEXT}${END}`,
      'gi',
    ),
    'search for «$2» in $1',
  ],
  // "is there anything about budget in notes.txt", "anything about milk in todo.txt?"
  [
    new RegExp(
      `^(?:(?:is|are)\\s+there\\s+)?(?:anything|something|any\\s+mentions?|stuff)\\s+(?:about|of|regarding|on)\\s+(?:the\\s+)?${TEXT}\\s+(?:in|inside)\\s+${PLACE}${END}`,
      'gi',
    ),
    'search for «$1» in $2',
  ],
  // "how many ERROR lines are in app.log", "count the warning lines in debug.log"
  [
    /\b(?:how many|count(?: the)?|number of)\s+(?!(?:blank|empty|non-empty|total|code|source|long|short|new|the|of|all)\b)([a-z_][\w-]*)\s+lines?\s+(?:are\s+|r\s+)?(?:there\s+)?(in|of|inside)\s+/gi,
    'how many lines containing $1 in ',
  ],
  // "how many ERROR lines does debug.log have", "how many INFO lines has app.log got": the file
  // as the subject of the count
  [
    /\bhow many\s+(?!(?:blank|empty|non-empty|total|code|source|long|short|new|the|of|all)\b)([a-z_][\w-]*)\s+lines?\s+(?:does|do|did|has|have)\s+(_f\d+_)\s+(?:have|has|contain|got|hold|include)?\s*\?*$/gi,
    'how many lines containing $1 in $2',
  ],
  [
    /\bhow many\s+(lines|words|characters|chars)\s+(?:does|do|did|has|have)\s+(_f\d+_)\s+(?:have|has|contain|got|hold|include)?\s*\?*$/gi,
    'how many $1 are in $2',
  ],
  // "how long is app.log in lines", "how many lines long is data.csv"
  [
    /^how\s+(?:long|big)\s+is\s+(_f\d+_)\s+in\s+(lines|words|characters|chars)\s*\?*$/gi,
    'how many $2 are in $1',
  ],
  [/^how\s+many\s+(lines|words|characters|chars)\s+long\s+is\s+(_f\d+_)\s*\?*$/gi, 'how many $1 are in $2'],
  [
    /^(?:what\s+is\s+|tell\s+me\s+)?(?:the\s+)?(?:size|length)\s+of\s+(_f\d+_)\s+in\s+(lines|words|characters|chars)\s*\?*$/gi,
    'how many $2 are in $1',
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
    /^(?:who\s*am\s*i(?:\s+(?:log(?:ged)?\s+in|sign(?:ed)?\s+in|run(?:ning)?)\s+as)?|whoami|(?:which|what)\s+(?:user|account)\s+am\s+i(?:\s+(?:log(?:ged)?\s+in\s+as|using|on|run(?:ning)?\s+as))?|(?:which|what)\s+(?:user|account)\s+is\s+this)\s*\?*$/gi,
    'what user is this',
  ],
];

/**
 * "search the logs folder for disk full", "scan my downloads for Dear", "check app.log for
 * errors": the place first, then the text, which is quoted. Not when what follows "for" is a
 * kind of file or a filter ("search docs for pdfs older than a week"), nor a place that is the
 * machine ("check the disk for errors").
 */
const PLACE_FIRST = new RegExp(
  `^(?:search|scan|grep|check|look\\s+through|go\\s+through|comb\\s+through|dig\\s+through|search\\s+through)\\s+${PLACE}\\s+for\\s+(?:the\\s+(?:word|text|string|phrase)\\s+)?${TEXT}${END}`,
  'i',
);

/** "search for disk full in the logs folder": several words looked for, unquoted. */
const WORDS_IN = new RegExp(
  `^(?:search|look|grep)\\s+for\\s+(?:the\\s+(?:word|text|string|phrase)\\s+)?(?!«|the\\s+(?:word|text|string|phrase)\\s)(\\S+(?:\\s+\\S+)+?)\\s+(?:in|inside|under)\\s+${PLACE}${END}`,
  'i',
);

/** Words that make what follows "for" a selection of files rather than text. */
const SELECTS =
  /(?:^|\s)(?:files?|folders?|director(?:y|ies)|_ext_|_[fqug]\d+_|older|newer|bigger|larger|smaller|over|under|above|below|than|from|since|modified|changed|named|called|comments?|mentions?|occurrences?|lines?|all|any|every)(?=\s|$)/i;
const NOT_A_PLACE =
  /^(?:the\s+|my\s+)?(?:disk|system|computer|machine|network|internet|web|server|updates?)$/i;

function quoteSearched(s: string): string {
  const first = PLACE_FIRST.exec(s);
  if (first && !NOT_A_PLACE.test(first[1]) && !looksLikeSelection(first[2]))
    return `search for «${first[2]}» in ${first[1]}`;
  // "search docs for files older than a week": a selection, found in that folder
  if (
    first &&
    !NOT_A_PLACE.test(first[1]) &&
    !/_f\d+_/.test(first[1]) &&
    /\b(?:files?|_ext_)\b/.test(first[2])
  )
    return `find ${first[2]} in ${first[1]}`;
  const words = WORDS_IN.exec(s);
  if (words && !looksLikeSelection(words[1])) return `search for «${words[1]}» in ${words[2]}`;
  return s;
}

function looksLikeSelection(text: string): boolean {
  return (
    SELECTS.test(text) ||
    text
      .toLowerCase()
      .split(/\s+/)
      .some((w) => KIND_WORDS[w] !== undefined || KIND_WORDS[w.replace(/s$/, '')] !== undefined)
  );
}

/**
 * What files there are, asked in other words: a state ("files with nothing in them" are the
 * empty ones), the folders of a folder ("what subfolders are in docs"), copies ("files that are
 * exact copies of each other" are duplicates), the biggest folders ("which folders in my home
 * are the biggest").
 */
const FILE_QUESTIONS: [RegExp, string][] = [
  [
    /\b((?:_ext_\s+|(?!(?:the|all|any|my|some|these|those)\b)[\w-]+\s+)?files?|(?!(?:the|all|any|my|some|these|those|is|was|has|does)\b)[a-z0-9]+s)\s+(?:with|that\s+have|which\s+have|having|containing|that\s+contain|which\s+contain)\s+(?:nothing|no\s+(?:content|contents|data|text|bytes))(?:\s+(?:in|inside)\s+(?:them|it))?\b/gi,
    'empty $1',
  ],
  [
    /^(?:what|which)\s+(?:sub)?(?:folders|directories|dirs|subdirectories)\s+(?:are|exist|live|sit)\s+(?:there\s+)?(?:in|inside|under)\s+(.+?)\s*\?*$/gi,
    'list only the folders in $1',
  ],
  [
    /^(?:what|which)\s+(?:sub)?(?:folders|directories|dirs|subdirectories)\s+(?:does|do)\s+(.+?)\s+(?:have|contain|hold|include)\s*\?*$/gi,
    'list only the folders in $1',
  ],
  [
    /^(?:what|which)\s+(?:sub)?(?:folders|directories|dirs|subdirectories)\s+(?:do|have)\s+(?:i|we)\s+(?:have|got)(?:\s+got)?\s*(here|in\s+.+?)?\s*\?*$/gi,
    'list only the folders $1',
  ],
  [
    /\b(?:(?:exact|identical)\s+)?(?:copies|duplicates)\s+of\s+(?:each\s+other|(?:one|1)\s+another)\b|\b(?:the\s+)?same\s+as\s+(?:each\s+other|(?:one|1)\s+another)\b|\bidentical(?:\s+to\s+(?:each\s+other|(?:one|1)\s+another))?(?=\s*\?*$|\s+(?:in|here)\b)|\b(?:stored?|saved?|kept)\s+twice\b/gi,
    'duplicates',
  ],
  [
    /^(?:which|what)\s+((?:sub)?(?:folders?|directories|dirs?|subfolders?))\s+(?:in|of|inside|under)\s+(.+?)\s+(?:are|is)\s+(?:the\s+)?(biggest|largest)\s*\?*$/gi,
    '$3 folders in $2',
  ],
  [/^(?:what|which)\s+are\s+the\s+(largest|biggest)\s+(directories|folders|dirs|subfolders)\b/gi, '$1 $2'],
  [
    /\b((?:sub)?(?:folders?|directories|dirs?))\s+of\s+(?=(?:_f\d+_|[\w.~-]+)\s+(?:takes?|uses?|is|are)\b)/gi,
    '$1 in ',
  ],
];

/** `text` with each question asked in the order the rules read. */
export function questions(text: string): string {
  let s = text;
  for (const [re, to] of REWRITES) s = s.replace(re, to);
  // "delete the files that contain nothing" stays a change by a content that names nothing,
  // which asks (test/atlas/hostile-selection.test.ts); asked about, they are the empty files
  const changes = /\b(?:delete|remove|rm|erase|trash|wipe|purge|move|mv|copy|cp|zip|archive|rename)\b/i.test(
    s,
  );
  if (changes)
    s = s.replace(/\b(?:containing|that\s+contain|which\s+contain)\s+nothing\b/gi, 'contain nothing');
  for (const [re, to] of FILE_QUESTIONS) s = s.replace(re, to);
  return quoteSearched(s);
}
