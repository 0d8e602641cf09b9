/**
 * Offline rules that write a file's text: write (create or replace) and append. The text is
 * quoted, or follows "containing", "with the text", "that says", as typed.
 */
import { join } from 'node:path';
import { capture, has, restore, type Utterance } from '../parse.ts';
import { place, type Rule } from '../rule.ts';
import { program } from './files-program.ts';
import { drafts } from './files-shared.ts';

const SAYS =
  /\b(?:containing|that (?:says|reads|contains)|which (?:says|reads|contains)|saying|with the (?:text|content|contents|words?|line)|with (?:text|content|contents))\s+(\S.*)$/i;

/** The text to write: quoted, or what follows the verb up to " to <file>". */
function content(u: Utterance): string | undefined {
  const q = capture(
    u,
    /\b(?:with|containing|saying|that says|reading|content|contents|text|line|write|append|add|put|save)\s+(_q\d+_)/,
  );
  if (q) return restore(u, q);
  if (u.quoted.length > 0) return u.quoted[0];
  // "config.json should only contain {}", said again as a replacement of its whole text
  const whole = capture(u, /\breplace the (?:contents?|text) of _f\d+_ with\s+(\S.*)$/);
  if (whole) return restore(u, whole).trim();
  // "containing hello world", "with the text good morning", "that says buy eggs": the rest, as typed.
  const said = SAYS.exec(u.raw);
  if (said && u.files.length > 0) {
    // "add a line saying hello to notes.txt": the file is where it goes, not what it says
    const file = u.files[u.files.length - 1].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return said[1]
      .replace(
        new RegExp(`\\s+(?:to|into|in|at the end of)\\s+(?:the\\s+)?(?:file\\s+)?${file}[.!]?$`, 'i'),
        '',
      )
      .trim();
  }
  // "new file ideas.txt: build a boat": the text after the file's name and a colon
  const colon =
    u.files.length > 0
      ? new RegExp(`${u.files[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:\\s+(\\S.*)$`, 'i').exec(u.raw)
      : null;
  if (colon) return colon[1].trim();
  const after =
    u.files.length > 0
      ? new RegExp(`${u.files[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+with\\s+(\\S.*)$`, 'i').exec(
          u.raw,
        )
      : null;
  // "notes.txt with hello in it": what it holds, without "in it"
  if (after) return after[1].replace(/\s+in it[.!]?$/i, '').trim();
  const words = capture(
    u,
    /\b(?:write|append|add|put|save)\s+(?:(?:the|a|an)\s+(?:new\s+)?(?:line|text|words?|sentence|note)\s+(?:saying\s+)?)?(.+?)\s+(?:to|into|in|at the end of|onto)\s+(?:the\s+(?:end\s+of\s+)?)?(?:(?:a|an|the)\s+(?:new\s+)?)?(?:file\s+)?(?:(?:named|called)\s+)?_f\d+_/,
  );
  return words === undefined ? undefined : restore(u, words);
}

/** "a file named placeholder": the name of a file made, said without an extension. */
function bareName(u: Utterance): string | undefined {
  if (u.files.length > 0) return undefined;
  // "a file called VERSION containing 'v2'": a name, then what the file says (quoted)
  const name =
    u.quoted.length > 0
      ? capture(u, /\bfile\s+(?:called|named)\s+([a-z0-9][\w.-]*)\s+containing\s+_q\d+_\s*$/i)
      : capture(u, /\bfile\s+(?:called|named)\s+([a-z0-9][\w.-]*)\s*$/i);
  return name && !/^(?:in|into|with|containing|that|which)$/i.test(name) ? name : undefined;
}

const write: Rule = {
  id: 'files.write',
  examples: [
    "write 'hello' to greeting.txt",
    "create a file called todo.txt containing 'buy milk'",
    'create an empty file notes.md',
  ],
  score(u) {
    if (has(u, /\b(?:append|add)\b/) && !has(u, /\b(?:create|new|make)\b.*\bfile\b/)) return 0;
    if (has(u, /\b(?:folder|directory|dir|mkdir)\b/) && !has(u, /\bfile\b/)) return 0;
    if (has(u, /\btouch\b/) && u.files.length > 0) return 9;
    if (
      has(u, /\b(?:write|overwrite|save|put|store)\b/) &&
      (u.quoted.length > 0 || content(u)) &&
      u.files.length > 0
    )
      return 9;
    if (
      has(
        u,
        /\b(?:create|make|new|add|write)\b.*\b(?:files?|scripts?|programs?)\b|\b(?:create|make) _f\d+_/,
      ) &&
      (u.files.length > 0 || u.quoted.length > 0)
    )
      return u.files.length > 0 && SAYS.test(u.raw) ? 9 : 8; // what it says may name anything
    if (has(u, /\breplace the (?:contents?|text) of\b/)) return 9;
    // "create an empty file named placeholder", "make a file called LICENSE": a name without an extension
    if (has(u, /\b(?:create|make|new|add|touch)\b/) && bareName(u)) return 8;
    return 0;
  },
  build(u, c) {
    // "touch a.md b.md", "create empty files x.txt, y.txt and z.txt": each one, empty
    if (u.files.length > 1 && content(u) === undefined && has(u, /\btouch\b|\bempty\b|\bfiles\b/))
      return drafts(
        `Create ${u.files.join(', ')}`,
        u.files.map((f) => {
          const path = f.includes('/') ? f : join(place(u, c), f);
          return { tool: 'files', action: 'write', args: { path, content: '' }, why: `create ${path}` };
        }),
      );
    let path =
      u.files[0] ??
      (u.quoted.length > 1 ? u.quoted[0] : has(u, /\b(?:called|named)\s+_q0_/) ? u.quoted[0] : undefined) ??
      bareName(u);
    if (!path)
      return { clarify: 'What should the file be called? For example: create a file called notes.txt' };
    // "a file notes.txt in the docs folder": the place it goes
    const where = path.includes('/') ? '.' : place(u, c);
    if (where !== '.') path = join(where, path);
    let text = content(u);
    if (text === path) text = u.quoted[1];
    // a whole new text was said to be wanted: never an empty file in its place
    if (text === undefined && has(u, /\breplace the (?:contents?|text) of\b/) && !has(u, /\bempty\b/))
      return {
        clarify: `What should ${path} contain? Nothing was changed; say it, for example: make ${path} say only 'done'`,
      };
    if (has(u, /\bempty\b|\btouch\b/) || text === undefined) text = '';
    if (text !== '' && has(u, /\b(?:line|newline)\b/) && !text.endsWith('\n')) text += '\n';
    text = program(path, u.raw) ?? text;
    return drafts(`Write ${path}`, [
      { tool: 'files', action: 'write', args: { path, content: text }, why: `write ${path}` },
    ]);
  },
};

const append: Rule = {
  id: 'files.append',
  examples: ["append 'buy bread' to todo.txt", "add the line 'done' to the end of notes.txt"],
  score(u, c) {
    if (!has(u, /\b(?:append|add|tack)\b/)) return 0;
    if (has(u, /\b(?:git|stage|index|package|npm|apt|dependency|folder|directory|branch)\b/)) return 0;
    // "add 'call mom' to it": the file the previous clause named
    const it =
      u.files.length === 0 &&
      has(u, /\b(?:to|onto) (?:it|that file|the end of it)\b/) &&
      c.previous?.paths.length === 1;
    if (u.files.length === 0 && !it) return 0;
    return content(u) !== undefined ? 9 : 0;
  },
  build(u, c) {
    const path = u.files[u.files.length - 1] ?? c.previous?.paths[0];
    if (!path) return { clarify: "Add it to which file? For example: append 'buy bread' to todo.txt" };
    const text = content(u) ?? '';
    return drafts(`Add to ${path}`, [
      { tool: 'files', action: 'append', args: { path, content: text }, why: `append to ${path}` },
    ]);
  },
};

export { append, write };
