/**
 * Other verbs for the actions the rules read, rewritten into the verb a rule knows: "jot down
 * X in memo.txt" writes, "turn off debug in config.json" sets it to false, "grab X from Y and
 * put a copy here" copies, "take X out of Y and put it in Z" moves. Like idioms.ts, a rewrite
 * keeps every file, place, kind, size and time said; a verb with no rewrite stays unknown, and
 * a change with an unknown word is asked about (coverage.ts).
 *
 * @example
 * verbs('jot down _q0_ in a file called _f0_');   // 'write _q0_ in a file called _f0_'
 * joinedVerbs('grab a.txt from Downloads and put a copy here'); // 'copy a.txt from Downloads to here'
 */

/** A setting in a file: a key name, then the file ("debug in config.json"). */
const SETTING = '(?:the\\s+)?([\\w.-]+)\\s+(?:setting\\s+|option\\s+|flag\\s+)?(?:in|inside|of)\\s+(_f\\d+_)';

const CLAUSE_VERBS: [RegExp, string | ((...m: string[]) => string)][] = [
  // "jot down 'x' in memo.txt", "note 'x' down in memo.txt", "scribble 'x' into a file y"
  [/^(?:jot|note|scribble|pen|put|type|write)\s+down\s+/gi, 'write '],
  [/^(?:jot|note|scribble|pen)\s+(_q\d+_)\s+down\s+/gi, 'write $1 '],
  [/^(?:jot|scribble|pen)\s+(?=_q\d+_)/gi, 'write '],
  // "turn off debug in config.json", "disable verbose in settings.json": a setting made false
  [new RegExp(`^(?:turn|switch|flip|set)\\s+off\\s+${SETTING}$`, 'gi'), 'set $1 to false in $2'],
  [new RegExp(`^(?:turn|switch|flip|set)\\s+on\\s+${SETTING}$`, 'gi'), 'set $1 to true in $2'],
  [new RegExp(`^disable\\s+${SETTING}$`, 'gi'), 'set $1 to false in $2'],
  [new RegExp(`^enable\\s+${SETTING}$`, 'gi'), 'set $1 to true in $2'],
  [
    /^(?:turn|switch|flip)\s+(?:the\s+)?([\w.-]+)\s+(?:setting\s+|option\s+|flag\s+)?(off|on)\s+(?:in|inside)\s+(_f\d+_)$/gi,
    'set $1 to $2 in $3',
  ],
  // "fix the capitalisation: 'Meeting notes' should be 'Meeting Notes' in notes.txt"
  [
    /^(?:please\s+)?(?:fix|correct)\s+(?:the\s+|a\s+)?(?:capitali[sz]ation|typo|spelling|case|wording|text|mistake)\s*[:,-]?\s+/gi,
    '',
  ],
  // "fix notes.txt: 'a' should be 'b'", "notes.txt: change 'a' to 'b'": the file, then the edit
  [/^(?:fix|correct|updated?|edit|amend|change)\s+(_f\d+_)\s*:\s*(?=_q\d+_)/gi, 'in $1, '],
  [
    /^(_f\d+_)\s*:\s*(?:change|replace|swap)\s+(_q\d+_)\s+(?:to|with|for|into)\s+(_q\d+_)$/gi,
    'replace $2 with $3 in $1',
  ],
  [
    /^(_f\d+_)\s+(?:has|says|contains)\s+(_q\d+_)\s+where\s+it\s+should\s+(?:say|have|read|be)\s+(_q\d+_)$/gi,
    'replace $2 with $3 in $1',
  ],
  [
    /^(?:in\s+(_f\d+_)\s*,?\s+)?(_q\d+_)\s+(?:should|must|needs?\s+to|has\s+to|ought\s+to)\s+(?:be|read|say|become)\s+(_q\d+_)(?:\s+in(?:stead)?)?(?:\s+(?:in|inside)\s+(_f\d+_))?$/gi,
    'replace $2 with $3 in $1$4',
  ],
  // "replace everything in config.json with {}", "make todo.txt contain only 'done'": a whole
  // new text for the file, never a search for the word "everything"
  [
    /^(?:replace|overwrite|swap\s+out)\s+(?:everything|all\s+(?:of\s+)?(?:the\s+)?(?:text|content|contents)|the\s+whole(?:\s+(?:text|content|contents))?)\s+(?:in|of)\s+(_f\d+_)\s+(?:with|for|by)\s+/gi,
    'replace the contents of $1 with ',
  ],
  [
    /^(?:replace|overwrite|swap\s+out)\s+the\s+whole\s+of\s+(_f\d+_)\s+(?:with|for|by)\s+/gi,
    'replace the contents of $1 with ',
  ],
  [
    /^(?:make|have)\s+(_f\d+_)\s+(?:contain|say|hold|read)\s+(?:only|just)\s+/gi,
    'replace the contents of $1 with ',
  ],
  [
    /^(?:set|change)\s+the\s+(?:contents?|text)\s+of\s+(_f\d+_)\s+to\s+/gi,
    'replace the contents of $1 with ',
  ],
  [/^(_f\d+_)\s+should\s+(?:just|only)\s+(?:say|contain|read|hold)\s+/gi, 'replace the contents of $1 with '],
  // "empty notes.txt", "clear the contents of todo.txt", "make todo.txt empty": nothing in it
  [
    /^(?:empty(?:\s+out)?|clear\s+(?:out\s+)?(?:the\s+|all\s+(?:the\s+)?)?(?:contents?|text)\s+(?:of|in)|blank\s+out|truncate)\s+(_f\d+_)$/gi,
    'create an empty file $1',
  ],
  [/^make\s+(_f\d+_)\s+empty$/gi, 'create an empty file $1'],
  // "new file ideas.txt: build a boat": what follows the colon is its text
  [
    /^(?:create|make|new|add)\s+(?:a\s+)?(?:new\s+)?file\s+(?:called\s+|named\s+)?(_f\d+_)\s*:\s+(?!_q\d+_$)(.+)$/gi,
    'create a file $1 containing $2',
  ],
  // "create a directory structure a/b/c", "a folder tree x/y"
  [/^((?:create|make)\s+(?:a\s+)?(?:folder|directory|dir))\s+(?:structure|tree|hierarchy|path)\s+/gi, '$1 '],
  // "make a duplicate of notes.txt", "grab a copy of letter.txt"
  [/^(?:grab|get|make|take)\s+(?:me\s+)?(?:a\s+)?(?:copy|duplicate)\s+of\s+/gi, 'copy '],
  // "song.mp3 should go in the videos folder", "notes.txt belongs in docs": where it goes, as a move
  [
    /^(?:the\s+)?((?:_f\d+_|the\s+_ext_\s+files|(?:all\s+)?(?:the\s+)?(?:_ext_\s+)?files)(?:\s*(?:,|and)\s*_f\d+_)*)\s+(?:should|must|needs?\s+to|has\s+to|have\s+to|ought\s+to|can)\s+(?:go|be\s+moved|be\s+put|live|be|sit)\s+(in|into|to|inside|under)\s+/gi,
    'move $1 $2 ',
  ],
  [
    /^(?:the\s+)?(_f\d+_(?:\s*(?:,|and)\s*_f\d+_)*)\s+belongs?\s+(in|into|to|inside|under)\s+/gi,
    'move $1 $2 ',
  ],
  // "the pdfs should go into docs": a kind of file, in the plural
  [
    /^((?:all\s+)?(?:the\s+|my\s+)?(?:[a-z0-9]+s))\s+(?:should|must|need\s+to|have\s+to|ought\s+to|can)\s+(?:go|be\s+moved|be\s+put|live|be|sit)\s+(in|into|to|inside|under)\s+(?=\S)/gi,
    'move $1 $2 ',
  ],
  // "clone the docs directory to docs2": a local clone is a copy (a repository's URL is not)
  [/^clone\s+(?!_u\d+_|(?:the\s+|a\s+|this\s+)?(?:repo|repository|project)\b)/gi, 'copy '],
  // "a compressed backup of config.json", "a zipped copy of docs", "back up src as a tarball"
  [
    /^(?:make|create|take|do|give\s+me)\s+(?:me\s+)?(?:a\s+|an\s+)?(?:compressed|zipped|zip|gzipped)\s+(?:backup|copy|archive|version|snapshot)\s+of\s+/gi,
    'zip ',
  ],
  [
    /^(?:back\s*up|backup|save)\s+(.+?)\s+(?:as|in|into|to)\s+(?:a\s+|one\s+)?(?:zip|archive)(?:\s+file)?$/gi,
    'zip $1',
  ],
  [
    /^(?:back\s*up|backup|save)\s+(.+?)\s+(?:as|in|into|to)\s+(?:a\s+|one\s+)?(?:tarball|tar\.gz|tgz)(?:\s+file)?$/gi,
    'make a tarball of $1',
  ],
  // "clear out the logs folder but leave the folder itself": emptying a folder keeps it
  [
    /^(?:empty|clear|clean|wipe|purge)\s+(?:out\s+)?(.+?)(?:\s*,\s*|\s+)(?:but\s+)?(?:leave|keep|not|do\s+not\s+(?:delete|remove))\s+(?:the\s+)?(?:folder|directory|dir)(?:\s+itself)?(?:\s+(?:there|alone|in\s+place|intact))?$/gi,
    (_m: string, what: string) =>
      `empty ${/\b(?:folder|directory|dir)\b/i.test(what) ? what : `${what} folder`}`,
  ],
  // "grab URL", "pull down URL into out.json", "retrieve URL": a fetch, saved when a file is said
  [
    /^(?:grab|snag|nab|retrieve|pull(?:\s+down)?|hit|request|load|get)\s+(?:the\s+(?:file|page|url|site)\s+(?:at\s+)?)?(_u\d+_)(?:\s+down)?(?=\s+(?:to|into|as)\s+_f\d+_|\s+and\s+(?:save|store)\b)/gi,
    'download $1',
  ],
  [
    /^(?:grab|snag|nab|retrieve|pull(?:\s+down)?|hit|request|load)\s+(?:the\s+(?:file|page|url|site)\s+(?:at\s+)?)?(_u\d+_)(?:\s+down)?/gi,
    'fetch $1',
  ],
  // "kill off X", "wipe out X" and the like keep their verb; "shift X over to Y" moves it
  [/^(?:shift|carry|haul|drag)\s+(.+?)\s+(?:over\s+)?(to|into|in)\s+/gi, 'move $1 $2 '],
];

/** `text` (one clause, normalised) with another verb for an action said in the rule's verb. */
export function verbs(text: string): string {
  let s = text;
  for (const [re, to] of CLAUSE_VERBS) s = s.replace(re, to as (...m: string[]) => string);
  return s.replace(
    /\bset (\S+) to (off|on) in\b/gi,
    (_m, key: string, v: string) => `set ${key} to ${v.toLowerCase() === 'on' ? 'true' : 'false'} in`,
  );
}

/** Where a thing is taken from: "from Downloads", "out of the docs folder". */
const FROM = '(?:from|out of|outta|in)\\s+((?:the\\s+|my\\s+)?[^\\s,;]+(?:\\s+(?:folder|directory|dir))?)';
/** Where it goes: "here", "in my home folder", "into docs" (said as "to", one destination). */
const TO = '(?:(?:in|into|inside|to|onto)\\s+)?(.+)';
const THEN = '\\s*,?\\s+(?:and\\s+)?(?:then\\s+)?';
const TAKE = '(?:grab|take|get|pull|fetch)';

/**
 * Two clauses that are one action: "grab X from Y and put a copy here" is a copy, "take X out
 * of Y and put it in Z" a move. Applied to the whole request, before it is split.
 */
const JOINED: [RegExp, string][] = [
  // "copy notes.txt, then name the copy n.txt": one copy, with its own name (copies.ts)
  [
    /^(?:copy|cp|duplicate|dupe|clone|(?:make|create|save)\s+(?:me\s+)?(?:a|an|one|another)\s+(?:more\s+|extra\s+|new\s+)?(?:copy|duplicate|backup)\s+of)\s+(\S+\.\w+)\s*,?\s+(?:and\s+)?(?:then\s+)?(?:name|call|rename)\s+(?:it|the\s+(?:copy|duplicate|new\s+one|new\s+file))\s+(?:to\s+|as\s+)?(\S+)$/i,
    'copy $1 to $2',
  ],
  [
    new RegExp(
      `^${TAKE}\\s+(.+?)\\s+${FROM}${THEN}(?:put|place|drop|leave|save|stick|keep)\\s+(?:a\\s+)?(?:copy|duplicate)(?:\\s+of\\s+(?:it|them))?\\s+${TO}$`,
      'i',
    ),
    'copy $1 from $2 to $3',
  ],
  [
    new RegExp(
      `^${TAKE}\\s+(.+?)\\s+${FROM}${THEN}(?:put|place|drop|stick|move|shove|stash)\\s+(?:it|them)\\s+${TO}$`,
      'i',
    ),
    'move $1 from $2 to $3',
  ],
  [
    new RegExp(
      `^${TAKE}\\s+(.+?)${THEN}(?:put|place|drop|stick|move|shove)\\s+(?:it|them)\\s+(?:in|into|to|inside)\\s+(.+)$`,
      'i',
    ),
    'move $1 to $2',
  ],
  [
    new RegExp(
      `^${TAKE}\\s+(.+?)${THEN}(?:put|place|drop|leave|save|stick)\\s+(?:a\\s+)?copy(?:\\s+of\\s+(?:it|them))?\\s+${TO}$`,
      'i',
    ),
    'copy $1 to $2',
  ],
];

/** `request` with two clauses that say one action joined into that action. */
export function joinedVerbs(request: string): string {
  for (const [re, to] of JOINED) if (re.test(request)) return request.replace(re, to);
  return request;
}
