/**
 * A copy given its own name: "copy notes.txt as notes-old.txt", "duplicate todo.txt and call
 * it todo2.txt", "clone config.json under the name config.bak.json", "make a copy of notes.txt
 * called n.txt", "i need a copy of todo.txt named t.txt". Rewritten into "copy X to Y", the
 * order the copy rule reads, so the new name is the copy's and never a file looked for. Only
 * one named file is copied this way; many files given one name are left as said (and ask).
 *
 * @example
 * copies('duplicate _f0_ and call it _f1_');   // 'copy _f0_ to _f1_'
 */

/** The one file copied: a named file (a placeholder by now). */
const ONE = '((?:the\\s+)?(?:file\\s+)?_f\\d+_)';
/** The copy's name: a name, a quoted name or one plain word. */
const NEW = '(_f\\d+_|_q\\d+_|[\\w.-]+)';
const COPY = '(?:copy|cp|duplicate|dupe|clone|back\\s*up|backup)';
/** "as", "under the name", "and call it", ", name the copy": what gives the copy its name. */
const NAMING =
  '(?:as|named|called|under\\s+the\\s+(?:new\\s+)?name(?:\\s+of)?|with\\s+the\\s+(?:new\\s+)?name|\\s*,?\\s*(?:and\\s+)?(?:then\\s+)?(?:name|call|rename)\\s+(?:it|the\\s+(?:copy|duplicate|new\\s+one|new\\s+file|backup))(?:\\s+(?:to|as))?)';
/** Words that may close it: politeness, and the copy's place when that is beside the original. */
const CLOSE =
  '(?:\\s+(?:please|pls|plz|thanks|for\\s+me|next\\s+to\\s+it|beside\\s+it|alongside(?:\\s+it)?|in\\s+the\\s+same\\s+(?:folder|directory|place)))*\\s*[.!]*$';
/** "make a copy of", "i need a duplicate of", "save a backup of". */
const A_COPY_OF =
  '(?:(?:make|create|save|keep|take|put|give\\s+me|get\\s+me|i\\s+(?:need|want|would\\s+like)|we\\s+(?:need|want))\\s+(?:me\\s+)?(?:a|an|one|another)\\s+(?:extra\\s+|new\\s+|second\\s+|more\\s+)?(?:copy|duplicate|backup|clone)\\s+of)';

const NAMED_COPIES: RegExp[] = [
  new RegExp(`^${COPY}\\s+${ONE}\\s+${NAMING}\\s+${NEW}${CLOSE}`, 'i'),
  new RegExp(`^${A_COPY_OF}\\s+${ONE}\\s+${NAMING}\\s+${NEW}${CLOSE}`, 'i'),
];

/** `text` with a copy given its own name rewritten as "copy X to Y". */
export function copies(text: string): string {
  const plain = text.replace(
    /^(?:(?:please|pls|plz|kindly)\s+|(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+)?)+/i,
    '',
  );
  for (const re of NAMED_COPIES) {
    const m = re.exec(plain);
    if (m) return `copy ${m[1]} to ${m[2]}`;
  }
  return text;
}
