/**
 * A place said by reference in a later clause: "clean up shortcut, get rid of the old stuff in
 * there", "open docs and delete everything inside it", "logs: remove the old files from that
 * folder", "go to src and wipe its contents". In a request that deletes or changes, the reference
 * is the place named earlier in the request (a folder, or a link to one: the link is followed by
 * the tools, within the roots, and never changed itself), said again by name; when no place was
 * named before it, the request asks. It is never dropped, so the action never falls back to the
 * current folder. Where things go ("move the pdfs into it", "put them there") and a file said
 * before ("wipe todo.txt and write 'x' in it") keep their own readings.
 *
 * @example
 * placeReferences('clean up shortcut, get rid of the old stuff in there', isDir);
 * // { text: 'clean up shortcut, get rid of the old stuff in shortcut' }
 */

/** "in there", "inside it", "from that folder", "its contents", "the stuff there". */
const REFERENCE =
  /\b(in|inside|within|from|out\s+of|under)\s+(?:there|it|that\s+(?:folder|directory|dir|place|one|link|location)|the\s+same\s+(?:folder|directory|place))\b|\b(?:its|it's)\s+(?:contents?|entries|files|stuff)\b|(?<=\b(?:files?|stuff|things|everything|anything|ones|all|[a-z]+s)\s+)(there)\b(?!\s+(?:is|are|was|were)\b)/gi;

/** Verbs of a change a place narrows: what it deletes, empties, rewrites or takes from. */
const CHANGES =
  /\b(?:delete|del|remove|rm|erase|trash|wipe|purge|clear|clean|empty|get\s+rid\s+of|discard|nuke|shred|destroy|move|mv|rename|replace|overwrite|edit|change|chmod|compress|zip)\b/i;
/** Verbs whose "in it" or "there" is where things go, not where they are taken from. */
const PLACES_INTO =
  /\b(?:move|mv|put|place|copy|cp|drop|save|stick|write|add|append|create|make|extract|unzip)\b/i;
/** Words that end a clause before a reference. */
const CLAUSE = /[,;:.]\s+|\s+(?:and|then|and\s+then|after\s+that)\s+/gi;

export interface Resolved {
  text: string;
}

/**
 * `request` with each place reference of a change said as the place named before it, or the
 * question to ask when no place was; undefined when there is no such reference.
 */
export function placeReferences(
  request: string,
  isDir: (name: string) => boolean,
  isFile: (name: string) => boolean,
): Resolved | { clarify: string } | undefined {
  // quoted text is what is written or looked for, never a place
  const masked = request.replace(
    /(^|\s)(["'`])(?:(?!\2).)*\2(?=$|[\s,.;:!?])/g,
    (m, lead: string) => lead + 'x'.repeat(m.length - lead.length),
  );
  let text = request;
  let shift = 0;
  for (const m of masked.matchAll(REFERENCE)) {
    const at = m.index ?? 0;
    const clauseStart = lastBoundary(masked.slice(0, at));
    const clause = masked.slice(clauseStart, at + m[0].length);
    if (!CHANGES.test(clause)) continue;
    const prep = (m[1] ?? '').toLowerCase().replace(/\s+/g, ' ');
    // "move the pdfs into it", "put the logs in there": where things go
    if (PLACES_INTO.test(clause) && !/^(?:from|out of)$/.test(prep)) continue;
    const place = namedBefore(masked.slice(0, clauseStart), request, isDir, isFile);
    // "unzip a.zip and delete the readme in there": where it unpacks, which is not said by name
    if (place === 'archive')
      return {
        clarify: `Which folder is "${m[0]}" in "${request}"? An archive was named before it, not a folder, so nothing was changed; name the folder it unpacks into`,
      };
    if (place === 'file') continue;
    if (place === undefined)
      return {
        clarify: `Which folder is "${m[0]}" in "${request}"? No folder was named before it, so nothing was changed; name it, for example: delete the old files in logs`,
      };
    const said = /^it'?s\b/i.test(m[0])
      ? `the contents of ${place}`
      : m[2] !== undefined
        ? `in ${place}`
        : `${prep || 'in'} ${place}`;
    text = text.slice(0, at + shift) + said + text.slice(at + shift + m[0].length);
    shift += said.length - m[0].length;
  }
  if (text === request) return undefined;
  // "go to logs and delete the old files in there": going there was only how the place was said
  return { text: text.replace(GO_THERE, '') };
}

/** A first clause that only goes to a place ("open docs and …", "cd logs, then …"). */
const GO_THERE =
  /^(?:(?:please|pls|plz|now|ok|so)\s*,?\s+)*(?:go|cd|open|enter|navigate|head|switch|jump)\s+(?:(?:into|inside|in|to|over\s+to)\s+)?(?:the\s+|my\s+)?[\w.~/-]+(?:\s+(?:folder|directory|dir))?\s*(?:[,;]\s*|\s+)(?:and\s+|then\s+|and\s+then\s+)?(?=\S)/i;

/**
 * `text` with each place reference said as `place` ("." is said as here), for a request
 * reworded elsewhere (goals/frame.ts) whose place was named in a part it dropped; undefined
 * when `text` has no reference.
 */
export function sayPlace(text: string, place: string): string | undefined {
  let found = false;
  const said = text.replace(REFERENCE, (m, prep: string | undefined, there: string | undefined) => {
    found = true;
    if (place === '.') return /^it'?s\b/i.test(m) ? 'everything here' : 'here';
    if (/^it'?s\b/i.test(m)) return `the contents of ${place}`;
    return there !== undefined ? `in ${place}` : `${(prep ?? 'in').toLowerCase()} ${place}`;
  });
  return found ? said : undefined;
}

/** Where the clause holding position `before.length` starts. */
function lastBoundary(before: string): number {
  let start = 0;
  for (const b of before.matchAll(CLAUSE)) start = (b.index ?? 0) + b[0].length;
  return start;
}

/**
 * The nearest folder named in `before` (a name here, a path, "my Downloads"), 'file' when the
 * nearest thing named is a file (a reference to it, not to a place), undefined when none is.
 */
function namedBefore(
  before: string,
  request: string,
  isDir: (name: string) => boolean,
  isFile: (name: string) => boolean,
): string | 'file' | 'archive' | undefined {
  const words = request.slice(0, before.length).split(/\s+/);
  for (let i = words.length - 1; i >= 0; i--) {
    const word = words[i].replace(/^[("'`]+|[)"'`,;:!?]+$/g, '').replace(/\.$/, '');
    if (word === '' || /^(?:the|a|folder|directory|dir|up|out|clean|tidy)$/i.test(word)) continue;
    if (/^(?:my|our)$/i.test(words[i - 1] ?? '')) {
      const home = [`~/${word}`, `~/${word[0].toUpperCase()}${word.slice(1)}`].find((h) => isDir(h));
      if (home) return home;
    }
    if (isDir(word)) return word;
    const cased = [word, word.toLowerCase()].find((w) => isDir(w));
    if (cased) return cased;
    if (/[./]/.test(word) && isFile(word))
      return /\.(?:zip|tar\.gz|tgz|tar)$/i.test(word) ? 'archive' : 'file';
  }
  return undefined;
}
