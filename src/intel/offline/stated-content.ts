/**
 * A file's wanted content said as its state: "config.json should only contain {}", "make
 * todo.txt just say done", "notes.txt must be exactly hello", "i want x.txt to only hold y". Each
 * is said again as "replace the contents of F with Y", which the write rule reads as writing Y
 * (and asks when Y is missing), never as an empty file. A limit word (only, just, exactly,
 * nothing but) is needed: "notes.txt should contain milk" may mean adding it, and stays as said.
 * Applied to one normalised clause, where file names are placeholders (_f0_).
 *
 * @example
 * statedContent('_f0_ should only contain {}');  // 'replace the contents of _f0_ with {}'
 */

const LIMIT = '(?:only|just|exactly|precisely|simply|solely|nothing\\s+but|nothing\\s+except)';
const HOLD = '(?:contain|say|read|hold|have|be|consist\\s+of|show)';
const HOLDS = '(?:contains|says|reads|holds|has|is|consists\\s+of|shows)';
const MODAL = '(?:should|must|shall|has\\s+to|needs?\\s+to|ought\\s+to|is\\s+to|is\\s+supposed\\s+to|will)';
const SAID = `(?:to\\s+)?(?:(${LIMIT})\\s+)?(?:to\\s+)?${HOLD}\\s*:?(?:\\s+|$)(?:(${LIMIT})\\s*:?(?:\\s+|$))?`;
const LEAD = '^(?:(?:please|pls|plz|now|ok|okay|so)\\s*,?\\s+)*';

const FORMS: RegExp[] = [
  // "config.json should only contain {}", "notes.txt must be exactly hello"
  new RegExp(
    `${LEAD}(?:the\\s+file\\s+)?(_f\\d+_)\\s+${MODAL}\\s+(?:now\\s+|from\\s+now\\s+on\\s+)?${SAID}`,
    'i',
  ),
  // "make todo.txt just say done", "have config.json contain only {}", "get x.txt to say only y"
  new RegExp(`${LEAD}(?:make|have|let|get)\\s+(?:the\\s+file\\s+)?(_f\\d+_)\\s+${SAID}`, 'i'),
  // "i want config.json to only contain {}", "i'd like todo.txt to say just done"
  // "make sure config.json only contains {}", "ensure todo.txt says just done"
  new RegExp(
    `${LEAD}(?:make\\s+sure|ensure)\\s+(?:that\\s+)?(?:the\\s+file\\s+)?(_f\\d+_)\\s+${SAID.replace(`(?:to\\s+)?${HOLD}`, HOLDS)}`,
    'i',
  ),
  new RegExp(
    `${LEAD}(?:i\\s+(?:want|need|would\\s+like)|i'd\\s+like|we\\s+(?:want|need))\\s+(?:the\\s+file\\s+)?(_f\\d+_)\\s+${SAID}`,
    'i',
  ),
];

/** The only thing in a file, said first: "the only thing in config.json should be {}". */
const ONLY_THING = new RegExp(
  `${LEAD}(?:the\\s+)?only\\s+(?:thing|text|content|line)\\s+in\\s+(_f\\d+_)\\s+${MODAL}\\s+be\\s+`,
  'i',
);

/** `text` with a file's wanted content said as a replacement of its whole text. */
export function statedContent(text: string): string {
  const only = ONLY_THING.exec(text);
  if (only) return `replace the contents of ${only[1]} with ${text.slice(only[0].length)}`;
  for (const form of FORMS) {
    const m = form.exec(text);
    // a limit word says the whole text: without one, "should contain" may mean adding it
    if (m && (m[2] !== undefined || m[3] !== undefined))
      return `replace the contents of ${m[1]} with ${text.slice(m[0].length)}`;
  }
  return text;
}
