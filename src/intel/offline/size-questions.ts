/**
 * Questions about size in the words people use: a size said in words ("half a meg", "a gig
 * and a half", "over a meg"), how many bytes a file is, which of two is bigger, what some
 * files weigh in total, and what is eating the space. Each becomes the form the rules read
 * ("0.5 meg", "how big is F", "size of A and B", "how much space do X take", "what is
 * taking up space in X"), keeping every file, kind and place said. Applied to one clause, normalised.
 *
 * @example
 * sizeQuestions('anything over half a meg in here');       // 'anything over 0.5 meg in here'
 * sizeQuestions('which one is bigger, _f0_ or _f1_?');    // 'size of _f0_ and _f1_'
 */

const UNIT = '(k|kb|kib|kilobytes?|m|mb|mib|megs?|megabytes?|g|gb|gib|gigs?|gigabytes?|t|tb|tib|terabytes?)';
/** A thing whose size is asked: a file, a folder said as one, "the docs folder". */
const THING = '(_f\\d+_|(?:the\\s+|my\\s+)?[\\w.-]+\\s+(?:folder|directory|dir)|the\\s+[\\w-]+\\s+file)';
const BIGGER = '(?:bigger|larger|heavier|huger|smaller|lighter|tinier|fatter)';

const REWRITES: [RegExp, string][] = [
  // sizes in words: "half a meg", "a quarter of a gig", "a meg and a half", "1 and a half gigs"
  [
    new RegExp(`\\b(?:a\\s+|one\\s+|1\\s+)?half\\s+(?:a\\s+|an\\s+|of\\s+a\\s+|1\\s+)?${UNIT}\\b`, 'gi'),
    '0.5 $1',
  ],
  [
    new RegExp(`\\b(?:a\\s+|one\\s+|1\\s+)?quarter\\s+(?:of\\s+)?(?:a\\s+|an\\s+|1\\s+)?${UNIT}\\b`, 'gi'),
    '0.25 $1',
  ],
  [new RegExp(`\\b(?:a|an|one|1)\\s+${UNIT}\\s+and\\s+a\\s+half\\b`, 'gi'), '1.5 $1'],
  [new RegExp(`\\b(\\d+)\\s+${UNIT}\\s+and\\s+a\\s+half\\b`, 'gi'), '$1.5 $2'],
  [new RegExp(`\\b(\\d+)\\s+and\\s+a\\s+half\\s+${UNIT}\\b`, 'gi'), '$1.5 $2'],
  [new RegExp(`\\ba\\s+couple\\s+(?:of\\s+)?${UNIT}\\b`, 'gi'), '2 $1'],
  [
    new RegExp(
      `\\b(over|above|under|below|than|least|most|exceeding|past|up\\s+to)\\s+(?:a|an|one|1)\\s+${UNIT}\\b`,
      'gi',
    ),
    '$1 1 $2',
  ],
  // "anything in here bigger than a gig", "stuff in docs over 1 mb": the files there of that size
  [
    /^(?:is\s+there\s+|are\s+there\s+)?(?:anything|something|stuff|things|any\s+files?)\s+(in\s+here|here|(?:in|inside|under)\s+(?:the\s+|my\s+)?(?:_f\d+_|[\w.~-]+)(?:\s+(?:folder|directory|dir))?)\s+(?=(?:that\s+(?:is|are|s)\s+|which\s+(?:is|are)\s+)?(?:bigger|larger|smaller|heavier|lighter|over|under|above|below|more|less|at\s+least|at\s+most)\b)/gi,
    'files $1 ',
  ],
  // "how many bytes is report.pdf", "how many kb does big.bin take": the file's size
  [
    new RegExp(
      `^(?:so\\s+)?how\\s+many\\s+(?:bytes|${UNIT})\\s+(?:is|are|does|do)\\s+${THING}(?:\\s+(?:take(?:\\s+up)?|use|weigh|have|occupy))?(?:\\s+on\\s+disk)?\\s*\\?*$`,
      'gi',
    ),
    'how big is $2',
  ],
  // "is report.pdf over 100k", "is big.bin bigger than a meg": its size, which says
  [
    /^(?:is|are)\s+(_f\d+_)\s+(?:over|above|under|below|bigger|larger|smaller|heavier|lighter|more|less|at\s+least|at\s+most)\b(?!.*_f\d+_).*$/gi,
    'how big is $1',
  ],
  [
    /^(?:what\s+is\s+)?(?:the\s+)?(?:size|byte\s+count|number\s+of\s+bytes)\s+of\s+(_f\d+_)\s+in\s+bytes\s*\?*$/gi,
    'how big is $1',
  ],
  // "which one is bigger, A or B?", "is A bigger than B", "compare the sizes of A and B"
  [
    new RegExp(
      `^(?:so\\s+)?(?:which|what)\\s+(?:one\\s+|1\\s+|file\\s+|folder\\s+|of\\s+(?:the|these)\\s+(?:two\\s+)?)?(?:is|s)\\s+(?:the\\s+)?${BIGGER}\\s*[,:;-]?\\s*${THING}\\s+or\\s+${THING}\\s*\\?*$`,
      'gi',
    ),
    'size of $1 and $2',
  ],
  [
    new RegExp(
      `^(?:which|what)\\s+(?:is|s)\\s+(?:the\\s+)?${BIGGER}\\s+(?:of\\s+)?${THING}\\s+(?:or|and)\\s+${THING}\\s*\\?*$`,
      'gi',
    ),
    'size of $1 and $2',
  ],
  [
    new RegExp(`^(?:is|are)\\s+${THING}\\s+${BIGGER}\\s+than\\s+${THING}\\s*\\?*$`, 'gi'),
    'size of $1 and $2',
  ],
  [
    new RegExp(
      `^compare\\s+(?:the\\s+)?(?:sizes?\\s+of\\s+)?${THING}\\s+(?:and|with|to|vs\\.?|versus)\\s+${THING}(?:\\s+by\\s+size|\\s+sizes?)?\\s*\\?*$`,
      'gi',
    ),
    'size of $1 and $2',
  ],
  // "how much do the mp3 files weigh (in total)", "how heavy are the pdfs": what they take
  [
    /^how\s+much\s+(?:do|does)\s+(.+?)\s+weigh(?:\s+(?:in\s+total|altogether|all\s+together|together|combined|total))?\s*\?*$/gi,
    'how much space do $1 take',
  ],
  [
    /^how\s+(?:heavy|big|large)\s+are\s+(?:all\s+)?(.+?)(?:\s+(?:in\s+total|altogether|all\s+together|together|combined|total))\s*\?*$/gi,
    'how much space do $1 take',
  ],
  [/^how\s+heavy\s+are\s+(.+?)\s*\?*$/gi, 'how much space do $1 take'],
  [
    /^(?:what\s+is\s+|what\s+s\s+|tell\s+me\s+|give\s+me\s+|show\s+)?(?:the\s+)?(?:combined|total|overall|summed|cumulative)\s+(?:size|weight|disk\s+usage)\s+of\s+(.+?)\s*\?*$/gi,
    'how much space do $1 take',
  ],
  // "what's eating the space in this folder", "what is hogging disk space here", "what takes
  // up the most room in docs": what takes space there, each entry largest first (files.usage)
  [
    /^(?:what|which\s+files?)\s+(?:is|are|s)?\s*(?:eating|hogging|using|taking(?:\s+up)?|filling(?:\s+up)?|chewing\s+up|gobbling\s+up)\s+(?:all\s+|so\s+much\s+|the\s+most\s+|up\s+)?(?:of\s+)?(?:the\s+|my\s+)?(?:disk\s+)?(?:space|room|storage|disk)(?:\s+(?:on\s+disk|on\s+the\s+disk))?(\s+(?:in|inside|under)\s+.+?|\s+here)\s*\?*$/gi,
    'what is taking up space$1',
  ],
  [
    /^(?:what|which\s+files?)\s+(?:takes?|uses?|eats?|hogs?|occupies)\s+(?:up\s+)?(?:the\s+)?most\s+(?:disk\s+)?(?:space|room|storage)(\s+(?:in|inside|under)\s+.+?|\s+here)\s*\?*$/gi,
    'what is taking up space$1',
  ],
];

/** `text` (one clause, normalised) with a question about size in the form the rules read. */
export function sizeQuestions(text: string): string {
  let s = text;
  for (const [re, to] of REWRITES) s = s.replace(re, to);
  return s;
}
