/**
 * Offline rules for the files tool that change things: mkdir, copy, move and rename, delete,
 * organise (writing a file is files-write.ts, archives files-archive.ts).
 */
import { readdirSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { contentsOf } from '../contents.ts';
import { capture, has, restore, type Utterance } from '../parse.ts';
import {
  type Build,
  destination,
  dirNamed,
  named,
  place,
  type Rule,
  type RuleContext,
  recursion,
  resolveWord,
  sourcesOf,
  withSources,
} from '../rule.ts';
import { FILLER } from '../vocabulary.ts';
import { DELETE, drafts, NOT_FILES, SHOW } from './files-shared.ts';

const mkdir: Rule = {
  id: 'files.mkdir',
  examples: ['create a folder called backup', 'make directories src/utils', 'mkdir reports'],
  score(u) {
    if (has(u, /\bmkdir\b/)) return 9;
    if (has(u, /\b(?:a|an|new|empty) file\b/) && u.files.length > 0) return 0; // "a file x.txt in the docs folder"
    if (
      has(u, /\b(?:create|make|add|new|set up)\b/) &&
      has(u, /\b(?:folders?|directory|directories|dirs?)\b/)
    ) {
      // "archive-2024" is a name, not the verb archive
      return has(u, /(?<![\w-])(?:zip|archive|compress|copy|move|put)(?![\w-])/) ? 5 : 9;
    }
    return 0;
  },
  build(u, c) {
    const names: string[] = [];
    names.push(...u.files.filter((n) => !n.startsWith('-')), ...u.quoted);
    if (names.length === 0) {
      // "red, green and blue"; after mkdir, as a shell takes them: "mkdir red green blue"
      const sep = has(u, /^mkdir\b/)
        ? '\\s*,\\s*(?:and\\s+)?|\\s+and\\s+|\\s+'
        : '\\s*,\\s*(?:and\\s+)?|\\s+and\\s+';
      const list = `([\\w.-]+(?:(?:${sep})(?!(?:in|inside|under|within|then)\\b)[\\w.-]+)*)`;
      const after =
        capture(u, new RegExp(`\\b(?:called|named)\\s+${list}`)) ??
        capture(
          u,
          new RegExp(
            `\\b(?:folders?|directory|directories|dir|mkdir)\\s*[:,]?\\s+(?!(?:called|named|in|inside|under|within|at|for|with|to|into|and|then)\\b)${list}`,
          ),
        );
      const items = after?.split(new RegExp(sep)).filter((w) => w && !['called', 'named', 'and'].includes(w));
      // "a" is an article, except as one name of a list ("folders a, b and c").
      if (items)
        names.push(...(items.length > 1 ? items : items.filter((w) => !['a', 'an', 'the'].includes(w))));
      // "make a backup folder": the word before the noun is its name.
      const before = capture(
        u,
        /\b(?:create|make|add|set up)\s+(?:a|an|the)\s+(?:new\s+)?([\w.-]+)\s+(?:folder|directory|dir)\b/,
      );
      if (names.length === 0 && before && !['new', 'empty', 'folder'].includes(before)) names.push(before);
    }
    if (names.length === 0)
      return { clarify: 'What should the folder be called? For example: create a folder called backup' };
    const base = u.files.length > 0 ? '' : place(u, c, '');
    return drafts(
      `Create ${names.join(', ')}`,
      names.map((n) => ({
        tool: 'files',
        action: 'mkdir',
        args: { path: base ? join(base, n) : n },
        why: `create ${n}/`,
      })),
    );
  },
};

function folderLike(dest: string, c: RuleContext): string {
  if (dest.endsWith('/')) return dest;
  if (c.isDir(dest)) return `${dest}/`;
  if (!c.exists(dest) && extname(dest) === '') return `${dest}/`;
  return dest;
}

/**
 * "cp README.md docs/", "mv draft.tmp draft.txt", "copy notes.txt docs": the command form,
 * where the last of two or more operands, with no preposition, is where they go.
 */
function operand(u: Utterance, c: RuleContext): string | undefined {
  const words = u.text.split(' ');
  if (!/^(?:cp|mv|copy|move|duplicate)$/.test(words[0] ?? '')) return undefined;
  const operands = words.slice(1).filter((w) => !/^-[a-z]+$/.test(w));
  const last = operands.at(-1);
  // "move it there", "copy notes.txt back": words of the language, not operands
  if (operands.length < 2 || !last || !/^(?:_f\d+_|[\w.~-]+)$/.test(last) || FILLER.has(last))
    return undefined;
  // every operand before the last names something here
  if (!operands.slice(0, -1).every((w) => /^_f\d+_$/.test(w) || resolveWord(w, c).length === 1))
    return undefined;
  if (/^_f\d+_$/.test(last)) return restore(u, last);
  const dir = dirNamed(last, u, c);
  if (dir && c.isDir(dir)) return dir;
  // a new name for one thing: "cp -r src src-copy"
  return operands.length === 2 && !c.exists(last)
    ? capture(u, new RegExp(`\\b(${last.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})$`))
    : undefined;
}

/**
 * "copy every .js file to js-backup" where the .js files are all in src/: a copy of a kind of
 * file that has none where the request looks, but some below, takes those below (a copy
 * changes nothing of theirs). Said "here only" or "top-level", it stays flat.
 */
export function deepen(find: Record<string, unknown>, u: Utterance, c: RuleContext): void {
  if (find.recursive !== false || recursion(u, true) === false || !Array.isArray(find.ext)) return;
  const exts = find.ext as string[];
  const path = typeof find.path === 'string' ? find.path : '.';
  const dir = resolve(c.cwd, path.startsWith('~') ? join(c.home, path.slice(1)) : path);
  const ofKind = (n: string) => exts.some((e) => n.toLowerCase().endsWith(`.${e}`));
  try {
    if (readdirSync(dir).some(ofKind)) return;
  } catch {
    return;
  }
  find.recursive = true;
}

function transfer(action: 'move' | 'copy'): Rule {
  const verb =
    action === 'move'
      ? /\b(?:move|mv|relocate|transfer|shift|bring)\b|\b(?:put|stick|throw|shove|toss|chuck|dump)\b(?! a copy\b)(?=.*\b(?:in|into|inside)\b)/
      : // "back up" is a verb; "the backup folder" is not
        /\b(?:copy|cp|(?:make|put|place|leave|save|keep|create) a copy of|(?:make|take|create) a backup of|duplicate)\b|(?<!\b(?:the|a|my|in|to|into|from|of) )\bback ?up\b(?! (?:folder|directory|dir|files?)\b)/;
  return {
    id: `files.${action}`,
    examples:
      action === 'move'
        ? ['move all pdfs into docs', 'move notes.txt to archive/', 'put the images in a folder called pics']
        : ['copy report.pdf to backup/', 'back up notes.txt', 'copy all csv files into data'],
    score(u) {
      if (!has(u, verb) || has(u, NOT_FILES)) return 0;
      if (action === 'copy' && has(u, /\bduplicates\b|\bduplicate files\b|\bidentical\b|\bgit clone\b/))
        return 0;
      return 8;
    },
    build(u, c) {
      let dest = destination(
        u,
        action === 'copy' ? '(?:to|into|in|inside|as|under|onto|called|named)' : undefined,
        c,
      );
      dest ??= operand(u, c);
      if (
        !dest &&
        has(u, /\b(?:into|to|in|inside) (?:it|there|that (?:folder|directory))\b|\bthere$/) &&
        c.previous?.paths.length === 1
      )
        dest = c.previous.paths[0];
      const backup = action === 'copy' && has(u, /\bback ?up\b/) && !dest;
      const dupe = action === 'copy' && has(u, /\bduplicate\b/) && !dest;
      if (!dest && !backup && !dupe)
        return { clarify: `Where to? For example: ${action} notes.txt to archive/` };
      const skip = dest ? [dest.replace(/\/$/, ''), dest.replace(/\/$/, '').toLowerCase()] : [];
      const exclude = dest && dest !== '.' && dest !== '~' ? [dest.replace(/\/$/, '')] : [];
      const src = sourcesOf(u, c, { skip, exclude });
      if ('clarify' in src) return src;
      // "put the pdfs in the reports directory": the destination is not where they are chosen
      if (src.find && dest && String(src.find.path).replace(/\/+$/, '') === dest.replace(/\/+$/, ''))
        src.find.path = '.';
      if (action === 'copy' && src.find) deepen(src.find, u, c);
      // One directory to a new name is a copy (or move) of the directory itself, not into it.
      const single = src.args.paths as string[] | undefined;
      const wholeDir = single?.length === 1 && c.isDir(single[0]) && dest !== undefined && !c.exists(dest);
      if (dest && dest !== '.' && dest !== '~' && !wholeDir) dest = folderLike(dest, c);
      if (backup || dupe) {
        const paths = (src.args.paths as string[] | undefined) ?? [];
        if (paths.length !== 1)
          return { clarify: `Where should the copies go? For example: copy them to backup/` };
        const p = paths[0];
        const ext = extname(p);
        dest = backup ? `${p}.bak` : `${p.slice(0, p.length - ext.length)}-copy${ext}`;
      }
      const what = action === 'move' ? 'Move' : 'Copy';
      return drafts(
        `${what} to ${dest}`,
        withSources(src, { tool: 'files', action, args: { to: dest }, why: `${action} to ${dest}` }),
      );
    },
  };
}

const rename: Rule = {
  id: 'files.move:rename',
  examples: ['rename notes.txt to notes-old.txt', 'rename the folder drafts to archive'],
  score(u) {
    if (!has(u, /\brename\b|\bchange the name of\b/)) return 0;
    // "rename all files in photos to …" is about many files, never the folder they are in
    if (u.files.length === 0 && has(u, /\b(?:all|every|each|these|those)\s+(?:the\s+)?(?:\w+\s+)?files?\b/))
      return 0;
    return 9;
  },
  build(u, c) {
    const to = destination(u, '(?:to|as|into)');
    if (!to) return { clarify: 'Rename it to what? For example: rename notes.txt to notes-old.txt' };
    // "rename whatever is inside shortcut": many things, each its own new name; never the link
    const inside = contentsOf(u, c);
    if (inside)
      return 'clarify' in inside
        ? inside
        : {
            clarify: `Rename which of what is in ${inside.dir}? Nothing was changed; name the file to rename`,
          };
    const src = named(u, c, [to, to.toLowerCase()]);
    if (src.ambiguous)
      return { clarify: `Which '${src.ambiguous.word}' do you mean: ${src.ambiguous.options.join(', ')}?` };
    const from = src.paths[0] ?? (c.previous?.paths.length === 1 ? c.previous.paths[0] : undefined);
    if (!from) return { clarify: 'Rename which file? For example: rename notes.txt to notes-old.txt' };
    const target = to.includes('/') ? to : join(dirname(from), to);
    return drafts(`Rename ${from} to ${target}`, [
      { tool: 'files', action: 'move', args: { paths: [from], to: target }, why: `rename ${from}` },
    ]);
  },
};

/** "empty the logs folder": the folder whose contents go (the folder stays). */
function emptied(u: Utterance, c: RuleContext): string | undefined {
  if (!/^(?:empty|clear|clean) /.test(u.text)) return undefined;
  const word = capture(
    u,
    /^(?:empty|clear out|clean out)\s+(?:the\s+|my\s+)?([\w.~-]+|_f\d+_)(?:\s+(?:folder|directory|dir))?$/,
  );
  if (!word) return undefined;
  const dir = dirNamed(word.toLowerCase(), u, c) ?? (/^_f\d+_$/.test(word) ? restore(u, word) : undefined);
  return dir && dir !== '.' && dir !== '~' && c.isDir(dir) ? dir : undefined;
}

/** The drafts that delete what is in `dir`, and leave `dir`. */
function emptying(dir: string): Build {
  return drafts(`Empty ${dir}`, [
    {
      tool: 'files',
      action: 'find',
      args: { path: dir, type: 'any', recursive: false, hidden: true },
      why: `what is in ${dir}`,
    },
    { tool: 'files', action: 'delete', args: {}, why: 'move it into the undo store', fromDraft: 0 },
  ]);
}

const remove: Rule = {
  id: 'files.delete',
  examples: [
    'delete notes.txt',
    'remove all .tmp files',
    'delete log files older than 30 days',
    'delete empty folders',
  ],
  score(u, c) {
    if (has(u, NOT_FILES)) return 0;
    // "clean up the tmp files" deletes them; "clean up this folder" is organising it.
    if (has(u, /^clean (?:up|out)\b/) && u.exts.length > 0 && !has(u, /\b(?:into|by) \w+/)) return 8;
    if (emptied(u, c)) return 9;
    if (!has(u, DELETE)) return 0;
    // "discard changes to notes.txt", "throw away my edits": git's word for undoing edits, never
    // a delete of the file
    if (
      has(
        u,
        /\b(?:discard|throw away|throw out|drop|remove|delete|get rid of|wipe)\s+(?:all\s+)?(?:the\s+|my\s+|our\s+|your\s+)?(?:local\s+|uncommitted\s+|unstaged\s+|recent\s+|pending\s+)?(?:changes|edits|modifications)\b/,
      )
    )
      return 0;
    if (has(u, /\bduplicates?\b/)) return 0;
    if (has(u, /\b(?:lines?|occurrences|text|words?)\b/) && !has(u, /\bfiles?\b/)) return 0;
    return 8;
  },
  build(u, c) {
    const dir = emptied(u, c);
    if (dir) return emptying(dir);
    const inside = contentsOf(u, c);
    if (inside && 'clarify' in inside) return inside;
    if (inside && !inside.files) return emptying(inside.dir);
    if (
      has(u, /\beverything\b/) &&
      u.exts.length === 0 &&
      !u.olderThan &&
      !u.newerThan &&
      u.minSize === undefined
    ) {
      const where = place(u, c);
      return {
        clarify: `Delete every file in ${where}? Say exactly what, for example: delete all files in ${where === '.' ? 'this folder' : where}`,
        suggestions: [`delete all files in ${where === '.' ? 'this folder' : where}`],
      };
    }
    const src = sourcesOf(u, c, {
      type: has(u, /\bempty (?:folders?|director(?:y|ies)|dirs?)\b/) ? 'dir' : 'file',
    });
    if ('clarify' in src) return { clarify: `Delete what? ${src.clarify}` };
    return drafts(
      'Delete files',
      withSources(src, { tool: 'files', action: 'delete', args: {}, why: 'move them into the undo store' }),
    );
  },
};

const organise: Rule = {
  id: 'files.organise',
  examples: [
    'organise this folder by file type',
    'sort my downloads into folders by date',
    'tidy up this directory',
  ],
  score(u) {
    if (has(u, /\b(?:organi[sz]e|tidy|declutter|arrange)\b/)) return 9;
    if (
      has(u, /\b(?:sort|group|file|clean up)\b/) &&
      has(u, /\binto (?:sub)?folders\b|\bby (?:type|kind|extension|date|month|year)\b/)
    )
      return has(u, SHOW) && !has(u, /\binto\b/) ? 3 : 9;
    return 0;
  },
  build(u, c) {
    const by = has(u, /\b(?:date|month|year|time|modified|when)\b/) ? 'date' : 'type';
    const obj = named(u, c).paths.find((p) => c.isDir(p));
    const path = obj ?? place(u, c);
    return drafts(`Organise ${path} by ${by}`, [
      { tool: 'files', action: 'organise', args: { path, by }, why: `sort files into folders by ${by}` },
    ]);
  },
};

export const moveRule = transfer('move');
export const copyRule = transfer('copy');
export { mkdir, organise, remove, rename };
