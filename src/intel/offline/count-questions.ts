/**
 * Counting questions with the place or the program as the subject: "how many .log files does
 * the logs folder have", "how many pdf files has docs got", "how many subfolders does this
 * folder have" (the folders directly in it, as "what subfolders are in docs" lists them), "how
 * many mailsyncd are running", "how many instances of node are there". Each becomes the form the
 * rules read ("how many _ext_ files in the logs folder", "how many folders nonrecursively
 * folders in this folder", "find the mailsyncd processes"), keeping every kind and place said.
 *
 * @example
 * countQuestions('how many _ext_ files does the logs folder have'); // 'how many _ext_ files in the logs folder'
 */

/** What is counted: files of a kind said or not, folders, entries. */
const COUNTED =
  '((?:_ext_\\s+|[a-z0-9]+\\s+)?(?:files?|documents?|scripts?|pictures?|photos?|images?)|[a-z0-9]+s|folders|directories|dirs|sub-?folders|sub-?directories|subdirs|items|entries|things)';
const HOLDS = '(?:have|has|contain|contains|hold|holds|got|include|includes|store|stores)';
/** A running program's name: a word that is no kind of thing counted. */
const PROGRAM = '(?!files?\\b|folders?\\b|directories\\b|lines?\\b|words?\\b|people\\b|users?\\b)([\\w.-]+)';
const RUNNING =
  '(?:running|up|alive|active|going|open|started|live)(?:\\s+(?:right\\s+)?now|\\s+at\\s+the\\s+moment|\\s+currently)?';

const REWRITES: [RegExp, string][] = [
  // "how many .log files does the logs folder have", "how many md files has docs got"
  [
    new RegExp(
      `^how\\s+many\\s+${COUNTED}\\s+(?:does|do|did|has|have|is|are)\\s+(?:there\\s+)?((?:the\\s+|my\\s+|this\\s+|that\\s+)?(?:_f\\d+_|[\\w.~-]+)(?:\\s+(?:folder|directory|dir))?)\\s+(?:${HOLDS}|got)(?:\\s+in\\s+(?:it|there|total))?\\s*\\?*$`,
      'gi',
    ),
    'how many $1 in $2',
  ],
  // "how many subfolders does this folder have" (read above as "in this folder"), "count the
  // subdirectories of src": the folders directly in it
  [
    /^(?:how\s+many|count(?:\s+up)?(?:\s+the)?|number\s+of)\s+(?:sub[-\s]?folders|sub[-\s]?directories|subdirs)(?:\s+(?:are|is)(?:\s+there)?|\s+there\s+are)?(?:\s+(?:in|of|inside|under))?(?=\s|\?|$)/gi,
    'how many folders nonrecursively in',
  ],
  // "how many mailsyncd are running", "how many node processes are up", "how many instances of
  // sleep are there": the processes of that program
  [
    new RegExp(
      `^how\\s+many\\s+(?:instances\\s+of\\s+|cop(?:ies|y)\\s+of\\s+|processes\\s+(?:of|called|named)\\s+)?${PROGRAM}(?:\\s+(?:processes|process|instances|copies|workers|daemons))?\\s+(?:are|is)\\s+(?:there\\s+)?${RUNNING}\\s*\\?*$`,
      'gi',
    ),
    'find the $1 processes',
  ],
  [
    new RegExp(
      `^how\\s+many\\s+(?:instances|copies|copy|processes)\\s+(?:of|called|named)\\s+${PROGRAM}\\s+(?:are\\s+there|do\\s+(?:i|we)\\s+have|exist)(?:\\s+${RUNNING})?\\s*\\?*$`,
      'gi',
    ),
    'find the $1 processes',
  ],
  [
    new RegExp(
      `^how\\s+many\\s+${PROGRAM}\\s+(?:processes|instances)\\s+(?:are\\s+there|do\\s+(?:i|we)\\s+have|exist)\\s*\\?*$`,
      'gi',
    ),
    'find the $1 processes',
  ],
];

/** `text` (one clause, normalised) with a counting question in the form the rules read. */
export function countQuestions(text: string): string {
  let s = text;
  for (const [re, to] of REWRITES) s = s.replace(re, to);
  // with nothing after "in": where the person is
  return s.replace(
    /^how many folders nonrecursively in\s*(?:here|\?*)?\s*$/i,
    'how many folders here nonrecursively',
  );
}
