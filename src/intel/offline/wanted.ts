/**
 * A change said as the state wanted rather than as an order: "todo.txt should be called
 * tasks.txt", "call config.json settings.json from now on", "i want the docs folder named
 * manual", "the tmp files should end in .bak", "both reports need a .text extension instead of
 * .txt", "switch the tmp files' extension to .bak". Each is rewritten into the order a rule
 * reads ("rename X to Y", "change the extension of X to _ext_"). Like idioms.ts it works on
 * the normalised text (file names, quoted text and extensions are placeholders), and a
 * rewrite keeps every word that says what is acted on: a place, a kind, a count or a time.
 *
 * What is renamed must be one thing said as one: a named file, or a folder said as a folder
 * ("the docs folder"); "the log files should be called old.log" is left as said (and asks).
 *
 * @example
 * wanted('_f0_ should be called _f1_');           // 'rename _f0_ to _f1_'
 * wanted('the tmp files should end in _ext_');     // 'change the extension of the tmp files to _ext_'
 */

/**
 * One thing renamed, where nothing separates it from its new name ("call X Y"): a named file,
 * a word said as a folder ("the docs folder"), or one plain word.
 */
const ONE =
  '((?:the\\s+)?(?:(?:file|folder|directory|dir)\\s+)?_f\\d+_(?:\\s+(?:file|folder|directory|dir))?|(?:the\\s+)?[\\w.-]+\\s+(?:folder|directory|dir)|(?:the\\s+)?(?:folder|directory|dir)\\s+[\\w.-]+|(?:the\\s+)?(?!(?:it|this|that|them|these|those|everything|all|me|us|him|her)\\b)[\\w.-]+)';
/** A copy is never renamed: "i need a copy of todo.txt named t.txt" keeps the original (copies.ts). */
const NOT_A_COPY = '(?!.*\\b(?:copy|copies|duplicate|duplicates|backup|clone|zip|archive|tarball)\\b)';
/** What a statement with words between the two names renames: anything, the rule then judges it. */
const WHAT = `((?!(?:i|we|you|they)\\s)${NOT_A_COPY}\\S.*?)`;
/** The new name: a token, or words the rename rule then judges ("my list of tasks" asks). */
const NEW = '(\\S.*?)';
/** Words that may close the statement without changing it. */
const CLOSE =
  '(?:\\s*,?\\s+(?:from\\s+now\\s+on|going\\s+forward|instead|please|pls|plz|thanks|thank\\s+you|now|for\\s+me))*\\s*[.!]*$';
/** "should", "needs to", "has to", "is to": what the statement wants. */
const MODAL =
  '(?:should|must|needs?\\s+to|has\\s+to|have\\s+to|ought\\s+to|is\\s+to|are\\s+to|shall|will|could|can|may)';
const NAMED = '(?:re-?named?|called|named|titled)';
/** "i want", "i'd like", "we need": a wish that opens the statement. */
const WISH =
  "(?:i|we)\\s*(?:'d|d|\\s+would|\\s+want|\\s+wanna|\\s+need|\\s+like)?\\s*(?:like|love|want|prefer|need)?";

const RENAMES: RegExp[] = [
  // "todo.txt should be renamed (to) tasks.txt", "the docs folder has to be called manual"
  new RegExp(`^${WHAT}\\s+${MODAL}\\s+(?:be|get)\\s+${NAMED}(?:\\s+(?:to|as|into))?\\s+${NEW}${CLOSE}`, 'i'),
  // "empty-dir needs renaming to spare", "config.json needs a new name: settings.json"
  new RegExp(
    `^${WHAT}\\s+(?:needs?|wants?|requires?)\\s+(?:renaming|a\\s+rename|a\\s+new\\s+name|to\\s+be\\s+${NAMED})\\s*(?:to|as|into|:|,|-)?\\s*${NEW}${CLOSE}`,
    'i',
  ),
  // "i want todo.txt to be called tasks.txt", "i'd like config.json renamed to settings.json"
  new RegExp(
    `^${WISH}\\s+${WHAT}\\s+(?:to\\s+be\\s+|to\\s+get\\s+)?${NAMED}(?:\\s+(?:to|as))?\\s+${NEW}${CLOSE}`,
    'i',
  ),
  new RegExp(`^${WISH}\\s+${WHAT}\\s+to\\s+(?:be|become|have\\s+the\\s+name)\\s+${NEW}${CLOSE}`, 'i'),
  // "call todo.txt tasks.txt from now on", "let's name the logs folder old-logs"
  new RegExp(`^(?:let'?s\\s+|let\\s+us\\s+)?(?:call|name)\\s+${ONE}\\s+(?:as\\s+)?${NEW}${CLOSE}`, 'i'),
  // "the name of todo.txt should be tasks.txt", "todo.txt's new name is tasks.txt"
  new RegExp(
    `^(?:the\\s+)?(?:new\\s+)?name\\s+(?:of|for)\\s+${WHAT}\\s+(?:${MODAL}\\s+be|is|becomes)\\s+${NEW}${CLOSE}`,
    'i',
  ),
  new RegExp(
    `^${WHAT}(?:'s|')\\s+(?:new\\s+)?name\\s+(?:${MODAL}\\s+be|is|becomes)\\s+(?:now\\s+)?${NEW}${CLOSE}`,
    'i',
  ),
  // "set the name of todo.txt to tasks.txt", "make notes.txt's name journal.txt"
  new RegExp(
    `^(?:set|change|make|update)\\s+(?:the\\s+)?name\\s+(?:of|for)\\s+${WHAT}\\s+(?:to|into)\\s+${NEW}${CLOSE}`,
    'i',
  ),
  new RegExp(
    `^(?:set|change|make|update)\\s+${WHAT}(?:'s|')\\s+name\\s+(?:to\\s+|into\\s+)?${NEW}${CLOSE}`,
    'i',
  ),
  // "the src folder: call it source", "config.json - rename it settings.json": the thing, then the order
  new RegExp(`^${WHAT}\\s*[:,-]\\s+(?:call|name|rename)\\s+it\\s+(?:to\\s+|as\\s+)?${NEW}${CLOSE}`, 'i'),
  // "give todo.txt the name tasks.txt"
  new RegExp(`^give\\s+${ONE}\\s+(?:the\\s+|a\\s+)?(?:new\\s+)?name\\s+${NEW}${CLOSE}`, 'i'),
  // "make it so todo.txt is called tasks.txt", "make the empty-dir folder be called spare"
  new RegExp(
    `^(?:make|have|let)\\s+(?:it\\s+so\\s+(?:that\\s+)?)?${WHAT}\\s+(?:is|be|gets?|becomes?)\\s+${NAMED}(?:\\s+to)?\\s+${NEW}${CLOSE}`,
    'i',
  ),
  // "from now on notes.txt is called journal.txt"
  new RegExp(
    `^(?:from\\s+now\\s+on|going\\s+forward|henceforth)\\s*,?\\s+${WHAT}\\s+(?:is|will\\s+be|shall\\s+be|should\\s+be|gets)\\s+${NAMED}\\s+${NEW}${CLOSE}`,
    'i',
  ),
  new RegExp(`^${WHAT}\\s+(?:is|will\\s+be)\\s+${NAMED}\\s+${NEW}\\s+from\\s+now\\s+on\\s*[.!]*$`, 'i'),
  // "rename so that todo.txt becomes tasks.txt", "change things so notes.txt is journal.txt"
  new RegExp(
    `^(?:rename|change)\\s+(?:it\\s+|things\\s+)?so\\s+(?:that\\s+)?${WHAT}\\s+(?:becomes|is\\s+${NAMED}|is)\\s+${NEW}${CLOSE}`,
    'i',
  ),
];

/** Many files said by what they are: "the tmp files", "every log", "both reports in reports". */
const FILES = '((?!(?:i|we|you|they)\\s)\\S.*?)';
/** A new extension said: ".bak", "a .bak extension", "the extension .bak". */
const EXT =
  '(?:an?\\s+|the\\s+)?(?:new\\s+)?(?:(?:file\\s+)?extension\\s+(?:of\\s+)?)?_ext_(?:\\s+(?:file\\s+)?extension|\\s+as\\s+(?:the|their|its|a|an)\\s+(?:new\\s+)?(?:file\\s+)?extension)?';
/** What the new extension replaces: "instead of .txt", "rather than .log" (the files' own, already said). */
const INSTEAD =
  '(?:\\s+(?:instead\\s+of|rather\\s+than|in\\s+place\\s+of|not)\\s+(?:the\\s+)?_ext_(?:\\s+(?:one|extension))?)?';

const EXTENSIONS: RegExp[] = [
  // "the tmp files should end in .bak", "make the tmp files end with .bak", "i want the logs to end in .old"
  new RegExp(
    `^(?:${WISH}\\s+|make\\s+|have\\s+)?${FILES}\\s+(?:${MODAL}\\s+|to\\s+)?(?:all\\s+)?end\\s+(?:in|with)\\s+${EXT}${INSTEAD}${CLOSE}`,
    'i',
  ),
  // "the logs should have .old instead of .log", "all the txt files need a .md extension",
  // "i want every log file to have a .old extension", "give the tmp files the extension .bak"
  new RegExp(
    `^(?:${WISH}\\s+)?${FILES}\\s+(?:${MODAL}\\s+|to\\s+)?(?:all\\s+)?(?:have|get|use|take|carry|need|needs|require|requires|want|wants)\\s+${EXT}${INSTEAD}${CLOSE}`,
    'i',
  ),
  // "the .log files have to be .txt files from now on"
  new RegExp(`^${FILES}\\s+${MODAL}\\s+(?:be|become)\\s+(?:an?\\s+)?_ext_\\s+(?:files?|ones?)${CLOSE}`, 'i'),
  new RegExp(`^give\\s+${FILES}\\s+${EXT}${INSTEAD}${CLOSE}`, 'i'),
  // "the extension of the tmp files should be .bak", "set the extension of every log to .txt"
  new RegExp(
    `^(?:the\\s+)?(?:file\\s+)?extensions?\\s+(?:of|on|for)\\s+${FILES}\\s+(?:${MODAL}\\s+be(?:come)?|is|are|becomes?)\\s+${EXT}${INSTEAD}${CLOSE}`,
    'i',
  ),
  new RegExp(
    `^(?:set|make|update|switch|change|turn)\\s+(?:the\\s+)?(?:file\\s+)?extensions?\\s+(?:of|on|for)\\s+${FILES}\\s+(?:to|into)\\s+${EXT}${INSTEAD}${CLOSE}`,
    'i',
  ),
  // "switch the tmp files' extension to .bak", "change every log's extension into .txt"
  new RegExp(
    `^(?:set|make|update|switch|change|turn|swap)\\s+${FILES}(?:'s|')\\s+(?:file\\s+)?extensions?\\s+(?:over\\s+)?(?:to|into|for)\\s+${EXT}${INSTEAD}${CLOSE}`,
    'i',
  ),
];

/**
 * "add -old at the end of each log's name, before the .log": a suffix always goes before the
 * extension, so saying so adds nothing. "every log should get -2024 at the end of its name":
 * a suffix said as a state.
 */
const SUFFIXES: [RegExp, string][] = [
  [/\b(put|add|stick|tack|place|slap)\s+(_q\d+_|\S+)\s+on\s+the\s+end\s+of\b/i, '$1 $2 at the end of'],
  [
    /\s*,?\s+(?:but\s+|just\s+|right\s+)?(?:before|ahead\s+of|in\s+front\s+of)\s+(?:the\s+|its\s+|their\s+|each\s+)?(?:_ext_|(?:file\s+)?extensions?|dot)(?:\s+(?:part|bit))?(?=\s*[.!]*$)/i,
    '',
  ],
  [
    new RegExp(
      `^(?:put|add|insert|stick|place)\\s+(_q\\d+_|\\S+)\\s+(?:right\\s+|just\\s+)?before\\s+(?:the\\s+)?_ext_\\s+(?:in|of|on)\\s+(.+?)(?:'s|')?\\s+(?:file\\s?)?names?${CLOSE}`,
      'i',
    ),
    'add the suffix $1 to $2',
  ],
  [
    new RegExp(
      `^${FILES}\\s+(?:${MODAL}\\s+)?(?:get|have|gets|has|receive)\\s+(_q\\d+_|\\S+)\\s+(?:added\\s+)?(?:at|on|to)\\s+the\\s+end\\s+of\\s+(?:its|their|the|each)\\s+(?:file\\s?)?names?${CLOSE}`,
      'i',
    ),
    'add the suffix $2 to $1',
  ],
];

/** Politeness before the statement ("can u", "could you please"): filler, never a constraint. */
const POLITE =
  /^(?:(?:please|pls|plz|kindly|hey|ok|okay)\s+|(?:can|could|would|will)\s+(?:you|u|ya)\s+(?:please\s+|pls\s+)?)+/i;

/** `text` with a new name or extension said as a state rewritten as the order a rule reads. */
export function wanted(text: string): string {
  const plain = text.replace(POLITE, '');
  for (const re of EXTENSIONS) {
    const m = re.exec(plain);
    if (m) return `change the extension of ${m[1]} to _ext_`;
  }
  for (const re of RENAMES) {
    const m = re.exec(plain);
    if (m) return `rename ${m[1]} to ${m[2]}`;
  }
  let s = plain;
  if (
    /\b(?:suffix|end of)\b/i.test(s) ||
    /^(?:put|add|insert|stick|place)\s+\S+\s+(?:right\s+|just\s+)?before\s+(?:the\s+)?_ext_/i.test(s)
  )
    for (const [re, to] of SUFFIXES) s = s.replace(re, to);
  return s === plain ? text : s;
}
