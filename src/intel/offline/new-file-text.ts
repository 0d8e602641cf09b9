/**
 * A new file's text said first, its name last: "put the text 'version 2' in a new file named
 * VERSION", "write 'hi' into a new file called greeting.txt", "stick 'x' in a fresh file
 * notes.md". Rewritten into the order the write rule reads ("create a file called VERSION
 * containing 'version 2'"), so a name without an extension is still the name, and "put X in
 * Y" is never read as moving X. The shell's "echo TEXT > FILE" (and ">>", which appends) is
 * the same, said the shell's way.
 *
 * @example
 * newFileText('put the text _q0_ in a new file named VERSION'); // 'create a file called VERSION containing _q0_'
 */

const REWRITES: [RegExp, string][] = [
  [
    /^(?:please\s+)?(?:put|write|place|save|store|stick|dump|type|add)\s+(?:the\s+(?:text|words?|line|string|content|contents)\s+)?(_q\d+_|«[^»]*»)\s+(?:in|into|inside|to|on)\s+(?:a|an|one)\s+(?:new|fresh|brand\s+new|empty|blank)\s+file\s+(?:(?:named|called)\s+)?(_f\d+_|[A-Za-z0-9_][\w.-]*)\s*[.!]*$/gi,
    'create a file called $2 containing $1',
  ],
  // "make a new file called VERSION with 'v2' in it"
  [
    /^(?:please\s+)?(?:create|make|add|start)\s+(?:a|an|one)\s+(?:new\s+|fresh\s+)?file\s+(?:named|called)\s+(_f\d+_|[A-Za-z0-9_][\w.-]*)\s+(?:with|holding|having)\s+(?:the\s+(?:text|words?|line|string|content|contents)\s+)?(_q\d+_|«[^»]*»)(?:\s+in\s+it)?\s*[.!]*$/gi,
    'create a file called $1 containing $2',
  ],
];

/** The shell's way: "echo v2 > VERSION" writes the file, "echo 'x' >> todo.txt" adds a line to it. */
const ECHO = /^(?:echo|printf)\s+(?:-[neE]\s+)?(_q\d+_|[^<>|&;]+?)\s*(>>?)\s*(_f\d+_|[\w.-]+)\s*$/i;

/** `text` (one clause, normalised) with a new file's text said first put in the write rule's order. */
export function newFileText(text: string): string {
  let s = text;
  for (const [re, to] of REWRITES) s = s.replace(re, to);
  return s.replace(ECHO, (_m, said: string, op: string, file: string) => {
    const content = /^_q\d+_$/.test(said) ? said : `«${said}»`;
    if (op === '>>') return `append ${content} to ${file}`;
    return /^_f\d+_$/.test(file)
      ? `write ${content} to ${file}`
      : `create a file called ${file} containing ${content}`;
  });
}
