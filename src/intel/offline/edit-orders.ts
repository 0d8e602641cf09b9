/**
 * A text edit said in any order: the file first ("notes.txt: every foo becomes baz", "in
 * README.md change database to datastore", "todo.txt - report should say summary"), the file
 * last ("foo should become bar in notes.txt"), what the text is ("update the heading '# Project'
 * in README.md to '# Atlas demo'"), and the change as an arrow ("database -> datastore"). Each
 * is rewritten into the one form the replace rule reads, "replace «a» with «b» in F", with the
 * two texts quoted so no word of theirs is read as a request of its own.
 *
 * Only a file is a place here: a folder said first ("in docs/, rename guide to manual") is left
 * as it was, and the request is read (or asked about) as before, never as an edit of every file
 * in the folder.
 *
 * @example
 * editOrders('_f0_: every foo becomes baz', ['notes.txt']); // 'replace «foo» with «baz» in _f0_'
 */

/** A file said as the place: a named file with an extension, or one named by its kind. */
const FILE = '(_f\\d+_|the\\s+(?!file\\b)[a-z][\\w-]*\\s+file|the\\s+readme)';
/** A text to find or write: quoted, or one to four plain words (no name, no quote, no colon). */
const TEXT = '(_q\\d+_|(?!_[fq]\\d+_)[^\\s«»:;,]+(?:\\s+(?!_[fq]\\d+_)[^\\s«»:;,]+){0,3}?)';
/** What the text is: "the heading", "the word", "the line". */
const NOUN =
  '(?:the\\s+)?(?:(?:word|words|text|string|phrase|heading|header|title|line|sentence|name|label|link|url|address|email|entry|typo|spelling)\\s+)';
const EVERY =
  '(?:(?:every|each|all(?:\\s+the)?|any)\\s+)?(?:(?:occurrences?|instances?|mentions?)\\s+of\\s+)?';
const BECOMES =
  '(?:becomes?|->|-->|=>|→|should\\s+(?:be|become|read|say)|must\\s+(?:be|become|read|say)|(?:needs?|has|have|ought)\\s+to\\s+(?:be|become|read|say)|is\\s+(?:now|to\\s+be)|(?:will|shall)\\s+be|turns?\\s+into|goes\\s+to|is\\s+replaced\\s+(?:by|with)|should\\s+be\\s+(?:changed|replaced|turned)\\s+(?:to|with|by|into))';
const VERB =
  '(?:change|changes|replace|swap|switch|substitute|turn|rename|updated?|edit|fix|correct|amend|modify|alter|reword|make)';
/** "to" after a verb of change; "say" and "read" after make ("make report say summary"). */
const INTO = '(?:to|with|for|into|by|->|=>|→|so\\s+(?:that\\s+)?it\\s+(?:says|reads)|say|read)';
/** Words of politeness and manner that say nothing about the edit. */
const TAIL =
  '(?:\\s+(?:instead|everywhere|throughout|for\\s+me|please|pls|plz|thanks|thx|thank\\s+you|in\\s+(?:the\\s+)?(?:whole\\s+)?file))*\\s*[.!]*$';
const LEAD_PLACE = `^(?:(?:please|pls|plz|can\\s+you|could\\s+you)\\s+)?(?:(?:fix|correct|change|updated?|edit|amend|tweak|modify)\\s+(?:the\\s+(?:wording|words?|text|spelling|typos?|contents?|file)\\s+)?(?:in|of)\\s+|(?:everywhere\\s+|throughout\\s+)?(?:in|inside|within|for|on)\\s+(?:the\\s+file\\s+)?)?${FILE}`;

/** The edit itself, with the file said before it: "A becomes B", "change A to B", "make A say B". */
const EDITS: RegExp[] = [
  new RegExp(`^${EVERY}${NOUN}?${TEXT}\\s+${BECOMES}\\s+${TEXT}${TAIL}`, 'i'),
  new RegExp(`^${VERB}\\s+${EVERY}${NOUN}?${TEXT}\\s+${INTO}\\s+${TEXT}${TAIL}`, 'i'),
];

/** The file said last, or between the texts: "every Bob becomes Alice in notes.txt". */
const PLACE_LAST: RegExp[] = [
  // "could you make 'A' read 'B' in notes.txt", "please turn foo into bar in notes.txt"
  new RegExp(
    `^(?:(?:can|could|would)\\s+you\\s+|please\\s+|pls\\s+)?(?:make|turn|have)\\s+${EVERY}${NOUN}?${TEXT}\\s+(?:read|say|into|become)\\s+${TEXT}\\s+(?:in|inside|within)\\s+${FILE}${TAIL}`,
    'i',
  ),
  new RegExp(`^${EVERY}${NOUN}?${TEXT}\\s+(?:in|inside|of)\\s+${FILE}\\s+${BECOMES}\\s+${TEXT}${TAIL}`, 'i'),
  new RegExp(
    `^${EVERY}${NOUN}?${TEXT}\\s+${BECOMES}\\s+${TEXT}\\s+(?:in|inside|within)\\s+${FILE}${TAIL}`,
    'i',
  ),
  new RegExp(
    `^${VERB}\\s+${EVERY}${NOUN}${TEXT}\\s+(?:in|inside|of)\\s+${FILE}\\s+(?:to|into|so\\s+(?:that\\s+)?it\\s+(?:says|reads))\\s+${TEXT}${TAIL}`,
    'i',
  ),
  new RegExp(
    `^${VERB}\\s+${EVERY}${NOUN}${TEXT}\\s+(?:to|into)\\s+${TEXT}\\s+(?:in|inside|of)\\s+${FILE}${TAIL}`,
    'i',
  ),
];

/** "change the name to x": a key said with "the" (not a kind of text). */
const SETTING =
  /^(?:change|update|switch|set)\s+the\s+(?!(?:word|words|text|string|phrase|heading|header|title|line|sentence|label|typo|spelling)\b)[\w.-]+\s+(?:to|into)\s/i;

function settingsFile(place: string, files: readonly string[]): boolean {
  const m = /^_f(\d+)_$/.exec(place);
  return m !== null && /\.(?:json|ya?ml|toml|ini|env|conf|cfg|properties)$/i.test(files[Number(m[1])] ?? '');
}

/** "A" as it goes into the replace rule: a quoted placeholder as it is, other words quoted. */
const quote = (t: string) => (/^_q\d+_$/.test(t) ? t : `«${t}»`);

/** "all foo's", "every TODOs": the plural of the text is the text. */
const singular = (t: string, s: string) =>
  /\b(?:every|each|all|any)\s+/i.test(s) ? t.replace(/^([^\s']+)(?:'s|s')$/i, '$1') : t;

/** A file placeholder that names a file (it has an extension), not a folder. */
function fileLike(place: string, files: readonly string[]): boolean {
  const m = /^_f(\d+)_$/.exec(place);
  if (!m) return true;
  const name = files[Number(m[1])] ?? '';
  return /\.[A-Za-z0-9]{1,12}$/.test(name) && !name.endsWith('/');
}

/**
 * The whole file given a new text: "replace all of config.json with {}", "swap the entire
 * contents of todo.txt for 'done'", "replace config.json's contents with {}". Read as the one
 * form the write rule reads, never as a swap of the words "of config.json".
 */
const WHOLE =
  /^(?:replace|overwrite|swap(?:\s+out)?|substitute)\s+(?:(?:all|the\s+whole|the\s+entirety|everything|the\s+entire\s+(?:text|contents?))\s+(?:of|in)\s+(_f\d+_)|(_f\d+_)(?:'s|s)?\s+(?:whole\s+|entire\s+)?(?:contents?|text))\s+(?:with|for|by)\s+/i;

/** "chop the last line off notes.txt", "trim the first 2 lines of x": lines taken out (text-line-ends.ts). */
const CHOP =
  /^(?:chop|trim|lop|snip|cut|shave|knock)(?:\s+off)?\s+(?=(?:the\s+)?(?:very\s+)?(?:last|final|bottom|trailing|first|top|leading)\s+(?:\d+\s+)?lines?\b)/i;

/** "the final 4 lines", "the top line": which end, in the two words the rule reads. */
const LINE_END =
  /(?<=^(?:remove|delete|erase|drop|cut|strip|get\s+rid\s+of|take\s+out|clear|wipe)\s+(?:off\s+|out\s+)?(?:the\s+)?(?:very\s+)?)(?:final|bottom|trailing|top|leading|opening)(?=\s+(?:\d+\s+)?lines?\b)/i;

/** `text` (one clause, normalised) with a text edit said in another order as "replace «a» with «b» in F". */
export function editOrders(text: string, files: readonly string[] = []): string {
  const s = text
    .trim()
    .replace(WHOLE, (_m, a?: string, b?: string) => `replace the contents of ${a ?? b} with `)
    .replace(CHOP, 'remove ')
    .replace(LINE_END, (end: string) => (/^(?:final|bottom|trailing)$/i.test(end) ? 'last' : 'first'));
  if (s !== text.trim()) return s;
  const out = (a: string, b: string, place: string) =>
    constrains(a) || constrains(b)
      ? undefined
      : fileLike(place, files)
        ? `replace ${quote(singular(a, s))} with ${quote(b)} in ${place}`
        : undefined;
  const lead = new RegExp(`${LEAD_PLACE}(?:\\s*[:,;]\\s*|\\s+[-–—]+\\s+|\\s+)(.+)$`, 'i').exec(s);
  if (lead) {
    const rest = lead[2].replace(/^(?:please|pls|plz)\s+/i, '');
    // "in app.json change the name to x": a setting of a settings file (text-edit.ts), not a swap
    if (SETTING.test(rest) && settingsFile(lead[1], files)) return text;
    for (const re of EDITS) {
      const m = re.exec(rest);
      if (m && !isVerbOfFiles(m[1])) return out(m[1], m[2], lead[1]) ?? text;
    }
  }
  for (const re of PLACE_LAST) {
    const m = re.exec(s);
    if (!m) continue;
    // the file is the second group in "A in F becomes B" and the third in "A becomes B in F"
    const [a, x, y] = [m[1], m[2], m[3]];
    const fileSecond = /^_f\d+_$|^the\s/i.test(x) && !/^_f\d+_$|^the\s/i.test(y);
    const r = fileSecond ? out(a, y, x) : out(a, x, y);
    if (r && !isVerbOfFiles(a)) return r;
  }
  return text;
}

/**
 * Unquoted words that narrow an edit ("except the first", "only on line 3", "in the header")
 * are no part of the text: a text holding one is not rewritten, and the request is asked about.
 */
function constrains(t: string): boolean {
  return (
    !/^_q\d+_$/.test(t) &&
    /\b(?:except|excluding|but|only|unless|not|if|when|where|after|before|in|on|at|from|within|line|lines|first|last|once|twice|times|header|heading|footer|top|bottom|too|also|everywhere)\b/i.test(
      t,
    )
  );
}

/** "move", "copy", "delete" as the text to change: a request about files, never an edit. */
function isVerbOfFiles(a: string): boolean {
  return /^(?:move|mv|copy|cp|delete|remove|rm|rename|zip|unzip|archive|send|put|add|append|write|create|make)\b/i.test(
    a,
  );
}
