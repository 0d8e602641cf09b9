/**
 * Idioms: other ways people say what a rule already understands, rewritten into the form
 * the rule reads, so each rule keeps one grammar. Applied to the normalised text (quoted
 * strings and file names are placeholders by then, so nothing a person quoted is rewritten).
 * A rewrite only ever moves words into a form that keeps every constraint: a place, a kind,
 * a count or a time said in the request is still there afterwards, for the rules and for the
 * accounting of every word (coverage.ts).
 *
 * @example
 * idioms('prefix every jpg with 2024-');   // 'add the prefix 2024- to every jpg'
 * idioms('number of files in logs');       // 'how many files in logs'
 */

import { copies } from './copies.ts';
import { discard } from './discard.ts';
import { shellHabits } from './flags.ts';
import { FILE_EXTS, KIND_WORDS } from './lexicon.ts';
import { listings } from './listings.ts';
import { pidPhrases } from './pids.ts';
import { questions } from './questions.ts';
import { reordered } from './reordered.ts';
import { statedContent } from './stated-content.ts';
import { verbs } from './verbs.ts';
import { wanted } from './wanted.ts';

/**
 * A reason given after the request ("remove draft.tmp, it's a duplicate", "delete old.log
 * since I don't need it"): dropped only in these phrasings, at the very end; "since it is
 * older than a week" stays and is read. A reason that could also be read as a filter ("they
 * are duplicates", "they're outdated") is dropped only after named files, never after a
 * selection ("delete the txt files, they are duplicates" asks).
 */
const LEAD = '(?:\\s*[,;:-]\\s*|\\s+)(?:(?:since|because|as|cause|cuz|coz|cos)\\s+)?';
const THEY =
  '(?:it is|its|they are|theyre|that is|thats|those are|these are|this is)\\s+(?:just\\s+|only\\s+|all\\s+)?(?:an?\\s+)?';
const TAIL = '(?:\\s+(?:anymore|any more|now|anyway))?\\s*[.!]*$';
const REASON = new RegExp(
  `${LEAD}(?:${THEY}(?:junk|garbage|trash|rubbish|clutter|typo|mistake|misspelling|not needed|no longer needed)|(?:i|we)\\s+(?:do not|dont|no longer|never)\\s+(?:need|use|want)\\s+(?:it|them|that|those|this|these)|(?:it|they)\\s+(?:is|are)\\s+not\\s+needed)${TAIL}`,
  'i',
);
const REASON_NAMED = new RegExp(
  `${LEAD}${THEY}(?:(?:exact\\s+|old\\s+)?(?:duplicates?|copy|copies|leftovers?|backups?)|useless|obsolete|outdated|stale|unused|not used)${TAIL}`,
  'i',
);

/** Something named as a part of a name: quoted, or one token without a slash. */
const PART = '(_q\\d+_|[^\\s/]+)';
const EXT = '_ext_';
const DET = '(?:(?:every|all|each|any|the|my|these|those)\\s+)*';
const CUT = '(?:strip|remove|drop|take|cut|delete|trim)';
const NAMES = '(?:(?:the\\s+)?(?:file\\s?names?|names?)\\s+(?:of\\s+)?)?';

const REWRITES: [RegExp, string][] = [
  // "create a new folder for the invoices": the folder is named for what it holds
  [
    /\b(create|make|add|set up)\s+(?:a\s+|an\s+)?(?:new\s+)?(folder|directory|dir)\s+for\s+(?:the\s+|my\s+|our\s+|all\s+(?:the\s+|my\s+)?)?([a-z][\w-]*)(?=$|\s+(?:in|inside|under|within)\s)/gi,
    '$1 a $2 called $3',
  ],
  // "make folders for 2023, 2024 and 2025": one folder named for each
  [
    /\b(create|make|add|set up)\s+(?:\d+\s+)?(?:new\s+)?(folders|directories|dirs)\s+for\s+(?:the\s+|each\s+of\s+)?(?=[\w-]+(?:\s*,\s*(?:and\s+)?|\s+and\s+)[\w-]+)/gi,
    '$1 $2 called ',
  ],
  // text: "replace every TODO with DONE", "update notes.txt so foo becomes bar", "is the word
  // database in README.md"
  [
    /\b(replace|change|swap|substitute)\s+(?:every|each|all)\s+(?!occurrences?\b|instances?\b|the\b|files?\b|_ext_|\S+\s+(?:extensions?|files?|names?)\b)/gi,
    '$1 ',
  ],
  [
    /^(?:update|updated|edit|change|fix)\s+(_f\d+_)\s+so\s+(?:that\s+)?(_q\d+_|\S+)\s+(?:becomes|reads|is|says)\s+(_q\d+_|\S+)$/gi,
    'replace $2 with $3 in $1',
  ],
  [
    /^(?:is|are)\s+(?:the\s+)?(?:word|text|string|phrase)\s+(_q\d+_|\S+)\s+(?:anywhere\s+)?(?:in|inside|within|mentioned in|used in)\s+/gi,
    'search for $1 in ',
  ],
  [
    /\b(?:find|show|list|look for|search for|grep|locate)\s+(?:me\s+)?(?:every|each|all|any)?\s*(?:the\s+)?(?:mentions?|occurrences?|instances?|uses) of\s+/gi,
    'search for ',
  ],
  // counting: "number of files in logs", "count the files in src", "how many rows"
  [/\bhow many subfolders\b/gi, 'how many folders'],
  [/^how (?:long|big in lines) is (_f\d+_)\s*\??$/gi, 'how many lines are in $1'],
  [
    /\b(?:count|tally)\s+(?:up\s+)?(?:the\s+|all\s+(?:the\s+)?)?(?=(?:[\w_]+\s+)?(?:files|folders|directories|subfolders)\b)/gi,
    'how many ',
  ],
  [
    /\bhow many (files|folders|directories|subfolders|items)\s+(?:does|do|is|are)\s+(?:there\s+)?(.+?)\s+(?:contain|have|hold|got)\b/gi,
    'how many $1 in $2',
  ],
  [/\b(?:rows|records)\b/gi, 'lines'],
  [/\b(?:row|record)\b(?=\s+count\b)/gi, 'line'],
  // "how many lines in app.log contain ERROR": the lines with the word, in the file
  [
    /\bhow many lines\s+(?:are\s+there\s+)?(in|of)\s+(\S+)\s+(?:contain|mention|have|include|match)s?\s+/gi,
    'how many lines containing ',
  ],
  // a named program's processes: "the pids of node", "how much memory is node using"
  [/\b(?:the\s+)?(?:pids|process ids?|pid numbers?|process numbers?)\s+(?:of|for)\s+/gi, 'pid of '],
  [
    /\b(?:what|which) (?:pids?|process ids?) (?:does|do|is|has)\s+([\w.-]+)\s+(?:have|use|using|got)\b/gi,
    'what is the pid of $1',
  ],
  [
    /\bhow much (?:memory|ram|mem|cpu)\s+(?:is|are|does|do)\s+(?:the\s+)?(?!my\b|this\b|it\b|the system\b)([\w.-]+)\s+(?:process(?:es)?\s+)?(?:using|use|taking(?: up)?|take|eating|consuming|need|needs)\b/gi,
    'show the $1 processes',
  ],
  [
    /\b(?:memory|ram|cpu) (?:usage|use) of (?!(?:the\s+)?(?:system|machine|computer|box|server|this|my)\b)(?:the\s+)?([\w.-]+)(?:\s+process(?:es)?)?\b/gi,
    'show the $1 processes',
  ],
  // versions: "what version is left-pad", "which left-pad version do we use", "check if docker is installed"
  [
    /^(?:what|which)\s+versions?\s+is\s+(?!this\b|it\b|that\b)([@\w./-]+)\s*\??$/gi,
    'which version of $1 is installed',
  ],
  [
    /^(?:what|which)\s+(?!(?:kernel|linux|os|system|bios|ubuntu|debian)\b)([@\w./-]+)\s+version\s+(?:do|are|am|did)\s+(?:i|we|you)\s+(?:have|use|using|on|running|got)\s*\??$/gi,
    'which version of $1 is installed',
  ],
  [/^(?:check|see|tell me)\s+(?:if|whether)\s+([@\w./+-]+)\s+is\s+installed\s*\??$/gi, 'is $1 installed'],
  // "what version of left-pad does this project have", "which version of lodash do we use"
  [
    /^(?:what|which)\s+versions?\s+of\s+([@\w./-]+)\s+(?:does|do|is|are)\s+(?:this|the|my|our|i|we|you)\s*(?:project|repo|app|code)?\s+(?:have|has|use|using|depend on|got|run|running|on)\s*\??$/gi,
    'which version of $1 is installed',
  ],
  // git: "add all and commit", "add everything": everything is staged
  [
    /^(?:git\s+)?add\s+(?:all|everything|\.|-a|--all)(?:\s+(?:files|changes|of it|the changes|my changes))?$/gi,
    'stage everything',
  ],
  [
    /^(?:git\s+)?stash\s+(?:away\s+)?(?:my|the|all|all my|all the|our)\s+(?:(?:uncommitted|unstaged|uncommited|local|current|pending)\s+)?(?:work|edits|stuff|changes|modifications|work in progress)$/gi,
    'stash my changes',
  ],
  // "zip up a and b together", "tar these into one archive": one archive of all named
  [
    /^((?:zip|compress|archive|tar|pack|bundle)\b.*?)\s+(?:all\s+)?(?:together|into (?:one|1|a single) (?:archive|zip|file))$/gi,
    '$1',
  ],
  // "move the tmp files to the trash", "send draft.tmp to the recycle bin": a delete, which
  // keeps what it removes for undo (Atlas's own trash), never a folder that happens to be named trash
  [
    /^(?:move|put|send|throw|drag|drop|toss|chuck|dump)\s+(.+?)\s+(?:(?:in)?to|in)\s+(?:the\s+|my\s+)?(?:trash(?:\s+(?:can|bin))?|recycle\s+bin|recycling\s+bin|rubbish(?:\s+bin)?|wastebasket|waste\s+basket|garbage(?:\s+can)?|bin)$/gi,
    'delete $1',
  ],
  // "make me a zip of src", "build me a tarball of docs": the archive is the verb
  [
    /\b(make|create|build|get)\s+me\s+(?=(?:a|an)\s+(?:zip|tarball|archive|tar|copy|backup|folder|file)\b)/gi,
    '$1 ',
  ],
  // "append done to the end of notes.txt", "add a line at the bottom of todo.txt": content
  [
    /^(append|add|put|write|tack)\s+(.+?)\s+(?:on\s+)?(?:at|to|onto)\s+the\s+(?:very\s+)?(?:end|bottom)\s+of\s+(?:the\s+file\s+)?(_f\d+_)\s*$/gi,
    'append $2 to $3',
  ],
  // prefixes and suffixes, said many ways, become "add the prefix X to ..."
  [new RegExp(`\\bprefix\\s+(${DET}.+?)\\s+with\\s+${PART}`, 'gi'), 'add the prefix $2 to $1'],
  [new RegExp(`\\bsuffix\\s+(${DET}.+?)\\s+with\\s+${PART}`, 'gi'), 'add the suffix $2 to $1'],
  [
    new RegExp(
      `\\b(?:put|add|insert|stick|place|prepend)\\s+${PART}\\s+(?:in front of|before|at the (?:start|beginning|front) of|to the (?:start|beginning|front) of)\\s+`,
      'gi',
    ),
    'add the prefix $1 to ',
  ],
  [
    new RegExp(
      `\\b(?:put|add|insert|stick|place|append|tack)\\s+${PART}\\s+(?:on\\s+)?(?:at|to|onto)\\s+the\\s+end\\s+of\\s+`,
      'gi',
    ),
    'add the suffix $1 to ',
  ],
  // "put a 2024_ prefix on all the photos", "give every log an .old suffix"
  [
    new RegExp(
      `\\b(?:put|add|stick|slap|place)\\s+(?:a|an|the)\\s+${PART}\\s+(prefix|suffix)\\s+(?:on|onto|to|in front of|at the end of)\\s+`,
      'gi',
    ),
    'add the $2 $1 to ',
  ],
  [
    new RegExp(`\\bgive\\s+(.+?)\\s+(?:a|an|the)\\s+${PART}\\s+(prefix|suffix)\\b`, 'gi'),
    'add the $3 $2 to $1',
  ],
  [
    new RegExp(
      `\\bprepend\\s+${PART}\\s+to\\s+(?=(?:(?:the|all|every|each)\\s+)*(?:_ext_\\s+|[a-z0-9]+\\s+)?(?:files?|file\\s?names?|names?)\\b)`,
      'gi',
    ),
    'add the prefix $1 to ',
  ],
  [
    new RegExp(
      `\\bappend\\s+${PART}\\s+to\\s+(?=(?:the\\s+|all\\s+|every\\s+|each\\s+)*(?:file\\s?names?|names?)\\b)`,
      'gi',
    ),
    'add the suffix $1 to ',
  ],
  [
    new RegExp(
      `\\b(rename|name|make|have)\\s+(.+?)\\s+(?:so (?:that )?(?:they|it|each)\\s+|to\\s+)?(?:starts?|begins?)\\s+with\\s+${PART}`,
      'gi',
    ),
    'add the prefix $3 to $2',
  ],
  [
    new RegExp(
      `\\b(rename|name)\\s+(.+?)\\s+(?:so (?:that )?(?:they|it|each)\\s+|to\\s+)ends?\\s+(?:in|with)\\s+${EXT}`,
      'gi',
    ),
    'change the extension of $2 to _ext_',
  ],
  [
    new RegExp(
      `\\b(?:rename|change)\\s+(.+?)\\s+by\\s+(?:adding|putting|prepending|sticking)\\s+${PART}\\s+(?:in front|at the (?:start|beginning|front)|before (?:the|their|each) names?)\\b`,
      'gi',
    ),
    'add the prefix $2 to $1',
  ],
  [
    new RegExp(
      `\\b(?:rename|change)\\s+(.+?)\\s+by\\s+(?:adding|putting|appending|sticking|tacking)\\s+${PART}\\s+(?:(?:at|to|on) the end|after (?:the|their|each) names?)\\b`,
      'gi',
    ),
    'add the suffix $2 to $1',
  ],
  // extension swaps: "turn every .log into .txt", "swap .tmp for .bak", "replace the .log
  // extension with .txt", "give the logs a .old extension"
  [
    new RegExp(
      `\\b(?:turn|convert|swap|switch|change|replace|rename)\\s+(${DET})${EXT}(?:\\s+(?:files?|extensions?|ones))?\\s+(?:in)?to\\s+(?:a\\s+|an\\s+|the\\s+)?${EXT}|\\b(?:turn|convert|swap|switch|change|replace)\\s+(${DET})${EXT}(?:\\s+(?:files?|extensions?|ones))?\\s+(?:for|with|by)\\s+(?:a\\s+|an\\s+|the\\s+)?${EXT}`,
      'gi',
    ),
    'change the extension of $1$2_ext_ files to _ext_',
  ],
  // "turn the .JPG photos in photos into .jpg": words between the two extensions name the files
  [
    new RegExp(
      `\\b(?:turn|convert|switch|change|make)\\s+(${DET})${EXT}\\s+((?:(?!(?:in)?to\\b)\\S+\\s+){1,4}?)(?:in)?to\\s+(?:a\\s+|an\\s+|the\\s+)?${EXT}(?:\\s+(?:files?|ones))?$`,
      'gi',
    ),
    'change the extension of $1_ext_ $2to _ext_',
  ],
  [
    new RegExp(
      `\\b(?:give|make)\\s+(.+?)\\s+(?:have\\s+|use\\s+)?(?:a|an|the)\\s+(?:new\\s+)?${EXT}\\s+extension\\b`,
      'gi',
    ),
    'change the extension of $1 to _ext_',
  ],
  // "strip the prefix IMG_ from the photos", "drop the IMG_ prefix", "take IMG_ off the start
  // of the photo names": the text taken out of each name
  [
    new RegExp(
      `\\b${CUT}\\s+(?:off\\s+)?(?:the\\s+)?(?:(?:prefix|suffix)\\s+${PART}|${PART}\\s+(?:prefix|suffix))\\s+(?:off\\s+)?(?:from|of|off)\\s+(?:the\\s+)?(?:(?:start|beginning|front|end)\\s+of\\s+)?${NAMES}`,
      'gi',
    ),
    'replace $1$2 with nothing in the file names of ',
  ],
  [
    new RegExp(
      `\\b${CUT}\\s+(?:off\\s+)?${PART}\\s+(?:off\\s+|from\\s+)+(?:the\\s+)?(?:(?:start|beginning|front|end)\\s+of\\s+)?(?:the\\s+|each\\s+|every\\s+)?(?:file\\s?names?|names)\\s+(?:of\\s+)?`,
      'gi',
    ),
    'replace $1 with nothing in the file names of ',
  ],
  [
    new RegExp(
      `\\b${CUT}\\s+(?:off\\s+)?${PART}\\s+(?:off\\s+|from\\s+)+(?:the\\s+)?(?:(?:start|beginning|front|end)\\s+of\\s+)?(?:the\\s+|each\\s+|every\\s+|all\\s+)?([\\w]+)\\s+(?:file\\s?names?|names)\\b`,
      'gi',
    ),
    'replace $1 with nothing in the file names of the $2 files',
  ],
];

/**
 * "put them in old.zip", "gather the old logs into week.tar.gz", "stick them into a zip called
 * x.zip": an archive named as where files go is an archive made of them.
 */
const INTO_ARCHIVE =
  /^(?:put|stick|place|gather|collect|throw|stuff|drop|pack|bundle|shove)\s+(.+?)\s+(?:in|into|inside)\s+(?:an?\s+(?:zip|archive|tarball)\s+(?:file\s+)?(?:called|named)\s+)?_f(\d+)_$/i;

/** "make all the .txt files in reports .md files", "make every .md file a .txt file". */
const INTO_EXT =
  /\b(?:make|turn|change|convert)\s+((?:\S+\s+)*?_ext_\s+files?\b.*?)\s+(?:(?:in)?to\s+)?(?:an?\s+)?_ext_\s+files?\b/gi;

/** "in front of each pdf's name", "the txt files' names": the files of that kind ("the machine's name" stays). */
const POSSESSIVE =
  /\b(every|each|all|the|my|these|those)\s+((?:[a-z0-9]+\s+)?[a-z0-9]+?)(?:'s|(s)')\s+(?:file\s?)?names?\b/gi;

/** "turn all the markdown files in docs into .txt": a kind of file said in words, made another. */
const KIND_INTO_EXT =
  /\b(?:turn|convert|make|change|switch)\s+((?:\S+\s+)*?[a-z]+\s+files?\b.*?)\s+(?:in)?to\s+(?:an?\s+)?_ext_(?:\s+files?)?$/gi;

/** "make all the txt files in reports into md files": the kind made is an extension. */
const INTO_KIND =
  /\b(?:make|change|switch)\s+((?:\S+\s+)*?(?:_ext_\s+)?files\b.*?)\s+(?:in)?to\s+\.?([a-z0-9]{1,8})\s+files\b/gi;

/**
 * "rename the files in photos from JPG to jpg": two extensions said bare after "from" and
 * "to" in a rename are extensions, written with their dots before the parser reads the text
 * (without it, "photos" would be the thing renamed, to "JPG").
 */
export function bareExtensions(text: string): string {
  if (!/\b(?:rename|change|convert|switch|swap|turn)\b/i.test(text)) return text;
  return text.replace(
    /\bfrom\s+\.?([a-z0-9]{1,8})\s+(to|into)\s+\.?([a-z0-9]{1,8})\b/gi,
    (all, a: string, to: string, b: string) =>
      FILE_EXTS.has(a.toLowerCase()) && FILE_EXTS.has(b.toLowerCase()) ? `from .${a} ${to} .${b}` : all,
  );
}

/** "the number of files in logs" asks how many; "set the number of workers to 4" does not. */
const NUMBER_OF =
  /\b(?:what is |tell me |give me |show me |get )?(?:the\s+)?(?:total\s+)?(?:number|amount) of\b/gi;
const WRITES =
  /\b(?:set|change|update|make|replace|edit|write|put|save|add|append|increase|decrease|raise|lower)\b/i;

/** `text` with each idiom rewritten into the form the rules read (`files`: see shellHabits). */
export function idioms(text: string, files: readonly string[] = []): string {
  let s = listings(
    discard(
      wanted(copies(verbs(questions(pidPhrases(statedContent(reordered(shellHabits(text, files), files))))))),
    ),
  ).replace(REASON, '');
  if (!WRITES.test(s)) s = s.replace(NUMBER_OF, 'how many');
  const named = REASON_NAMED.exec(s);
  if (named && /_f\d+_/.test(s.slice(0, named.index))) s = s.slice(0, named.index);
  for (const [re, to] of REWRITES) s = s.replace(re, to);
  s = s.replace(INTO_ARCHIVE, (all, what: string, i: string) =>
    /\.(?:zip|tar\.gz|tgz)$/i.test(files[Number(i)] ?? '') ? `archive ${what} into _f${i}_` : all,
  );
  s = s.replace(POSSESSIVE, (all, det: string, what: string, plural = '') => {
    const last = what.split(' ').at(-1)?.toLowerCase() ?? '';
    const kind = last === 'file' || FILE_EXTS.has(last) || KIND_WORDS[last] !== undefined;
    return kind ? `${det} ${what}${plural}` : all;
  });
  // "count the pdfs in docs", "tally up the mp3s": files of a kind counted, not a word looked for
  s = s.replace(
    /\b(?:count|tally)\s+(?:up\s+)?(?:the\s+|all\s+(?:the\s+)?|my\s+)?([a-z][a-z0-9]*s)\b(?!\s+(?:in|of)\s+_f\d+_)/gi,
    (all, plural: string) => {
      const one = plural.toLowerCase().slice(0, -1);
      return FILE_EXTS.has(one) || KIND_WORDS[one] ? `how many ${plural}` : all;
    },
  );
  s = s.replace(INTO_EXT, 'change the extension of $1 to _ext_');
  s = s.replace(KIND_INTO_EXT, (all, what: string) =>
    what.split(' ').some((w) => KIND_WORDS[w] ?? KIND_WORDS[w.replace(/s$/, '')])
      ? `change the extension of ${what} to _ext_`
      : all,
  );
  s = s.replace(INTO_KIND, (all, what: string, ext: string) =>
    FILE_EXTS.has(ext.toLowerCase()) ? `change the extension of ${what} to ${ext}` : all,
  );
  return s.replace(/\s+/g, ' ').trim();
}
