/**
 * Where a request points and where things go: a folder named by a word ("src", "the docs
 * folder", "downloads", "home", "the parent folder"), the place a request looks in, and the
 * destination after to/into.
 */
import { type Dirent, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { FILE_EXTS } from './lexicon.ts';
import { capture, has, restore, type Utterance } from './parse.ts';
import type { RuleContext } from './rule.ts';

/** Words that name well-known folders of a home directory. */
export const HOME_FOLDERS: Record<string, string> = {
  downloads: 'Downloads',
  download: 'Downloads',
  desktop: 'Desktop',
  documents: 'Documents',
  pictures: 'Pictures',
  photos: 'Pictures',
  music: 'Music',
  videos: 'Videos',
};

/** A directory named by a word or placeholder: `_f0_`, "src", "home", "downloads". */
export function dirNamed(word: string, u: Utterance, c: RuleContext): string | undefined {
  if (/^_f\d+_$/.test(word)) return restore(u, word);
  if (/^_q\d+_$/.test(word)) return restore(u, word);
  if (word === 'home' || word === '~') return '~';
  if (word === 'here' || word === '.') return '.';
  // "unzip a.zip then list the a folder": the folder the previous clause fills, not there yet
  const into = c.previous?.into;
  if (into && basename(into).toLowerCase() === word) return into;
  const exact = c.names().find((n) => n.toLowerCase() === word);
  if (exact && c.isDir(exact)) return exact;
  const known = HOME_FOLDERS[word];
  if (known) {
    if (c.isDir(join(c.home, known))) return `~/${known}`;
    const local = c.names().find((n) => n.toLowerCase() === word);
    if (local) return local;
  }
  // "my videos folder", not here: the home's own
  if (new RegExp(`\\bmy\\s+${literalRe(word)}\\b`).test(u.text)) return homeDir(word, c);
  return undefined;
}

/** A folder of the home named `word` (in any case), as `~/Name`. */
function homeDir(word: string, c: RuleContext): string | undefined {
  let names: string[];
  try {
    names = readdirSync(c.home);
  } catch {
    return undefined;
  }
  const name = names.find((n) => n.toLowerCase() === word.toLowerCase());
  return name && c.isDir(`~/${name}`) ? `~/${name}` : undefined;
}

/**
 * "the docs files", "all the src files": a folder here used as the name of its files is all
 * the files in it (a kind of file keeps its sense: "the log files").
 */
export function folderFiles(text: string, c: RuleContext): string {
  return text.replace(
    /\b(?:all\s+(?:of\s+)?)?(?:the|my|every|all)\s+([\w.-]+)\s+files\b/gi,
    (all, word: string) =>
      !FILE_EXTS.has(word.toLowerCase()) && c.names().some((n) => n === word && c.isDir(n))
        ? `all the files in ${word}`
        : all,
  );
}

/**
 * "the tmp files in the work folder", "move it to my work folder", said in work itself: the
 * folder the request is made in, named with a folder noun, is here (unless a folder of that
 * name is also inside it).
 */
export function currentFolder(text: string, c: RuleContext): string {
  const name = basename(c.cwd);
  if (!/^[\w.-]+$/.test(name) || c.exists(name)) return text;
  const q = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(
    `\\b(in|inside|within|under|from|to|into|onto)\\s+(?:the\\s+|my\\s+|this\\s+|our\\s+)?${q}\\s+(?:folder|directory|dir)\\b`,
    'gi',
  );
  return text.replace(re, '$1 here');
}

/**
 * "my bashrc", "our gitconfig": a start-up file of the home folder said without its dot is
 * that file (when it is there and nothing here has the name).
 */
export function homeFiles(text: string, c: RuleContext): string {
  return text.replace(/\b(?:my|our|your)\s+([a-z][\w-]*)\b(?!\.)/gi, (all, word: string) =>
    /^(?:home|downloads|desktop|documents|pictures|music|videos)$/i.test(word) ||
    c.exists(word) ||
    !c.exists(`~/.${word}`)
      ? all
      : `~/.${word}`,
  );
}

/** A destination and the place it is in: "to the papers folder in my home". */
const WHERE_IT_GOES =
  /(\b(?:to|into|onto)\s+(?:(?:the|a|an|my)\s+)?(?:new\s+)?(?:(?:(?:folder|directory|dir)\s+(?:called|named)\s+)?(?!_ext_)[\w.~-]+\s+(?:folder|directory|dir)|(?:folder|directory|dir)\s+(?:called|named)\s+(?!_ext_)[\w.~-]+|(?!_ext_)[\w.~-]+(?=\s+in\s+(?:my\s+)?home\b)))\s+(?:in|inside|under|within)\s+(?:(?:the|my)\s+)?[\w.~-]+(?:\s+(?:folder|directory|dir))?/g;

const PLACE_WORDS = '(?:in|under|inside|within|from|of|below|beneath|across|throughout)';

/** Where the request points: a directory, '.' by default, '~' for "my home". */
export function place(said: Utterance, c: RuleContext, fallback = '.'): string {
  // "copy the pdfs to the papers folder in my home": that place is where they go, not where from
  const u = { ...said, text: said.text.replace(WHERE_IT_GOES, '$1') };
  if (
    has(u, /\b(?:in|under|across|throughout|of) (?:my |the )?(?:home(?: directory| folder| dir)?|~)(?:\s|$)/)
  )
    return '~';
  if (has(u, /\b(?:on|across) (?:my |the |this )?(?:computer|machine|system|disk|drive)\b/)) return '~';
  if (
    has(
      u,
      /\b(?:in|of|from|under|inside|within|to|into) (?:the |my |this )?parent(?: folder| directory| dir)?\b|\b(?:one|1) (?:folder|directory|level) up\b/,
    )
  )
    return '..';
  const re = new RegExp(
    `\\b${PLACE_WORDS}\\s+(?:the\\s+|my\\s+|this\\s+)?(?:folder\\s+|directory\\s+|dir\\s+)?(_[fq]\\d+_|[\\w.~-]+)(?:\\s+(?:folder|directory|dir))?`,
    'g',
  );
  let found: string | undefined;
  // "my downloads" on its own is a place; "into my Downloads folder" is where things go.
  const bare =
    /(?<!\b(?:to|into|onto)\s+(?:my\s+|the\s+)?)\b(?:my |the )?(downloads|desktop)(?: folder| directory)?\b/.exec(
      u.text,
    ) ??
    // "how big is my videos folder": a folder of the home said with "my", where things are
    /(?<!\b(?:to|into|onto|in|from|under|inside)\s+)\bmy ([\w.-]+) (?:folder|directory|dir)\b/.exec(u.text);
  if (bare) found = dirNamed(bare[1], u, c);
  for (const m of u.text.matchAll(re)) {
    const dir = dirNamed(m[1], u, c);
    if (dir !== undefined && (dir === '.' || dir === '~' || c.isDir(dir) || !c.exists(dir))) {
      if (/^_[fq]\d+_$/.test(m[1]) && !c.isDir(dir)) continue; // a file, not a place
      found = dir;
    }
  }
  return found ?? fallback;
}

/** "up here", "to here", "into this folder": the current directory as where things go. */
const HERE =
  /\b(?:(?:up|over|back|down) here|(?:to|into|onto) here|(?:to|into|onto|in|inside) (?:this|the current|the working) (?:folder|directory|dir))\b|(?<=\S\s+)here$/;

/**
 * Where a named file is: here, or in the folder the request takes it from ("letter.txt
 * from Downloads", "setup.zip in my downloads"), or a start-up file of the home directory
 * ("my .bashrc"), or inside the folder the previous clause fills ("unzip a.zip and show me
 * hello.txt"). A file found nowhere stays as typed, so the tool says it does not exist.
 */
export function located(file: string, u: Utterance, c: RuleContext): string {
  if (file.startsWith('/') || file.startsWith('~')) return file;
  // The place said wins over a file of the same name here: "memo.txt from downloads".
  const from = place(u, c, '.');
  if (from !== '.' && !file.includes('/') && c.isDir(from) && c.exists(join(from, file)))
    return join(from, file);
  if (c.exists(file)) return file;
  // "readme.md" for README.md: the one name here that differs only in case
  const cased = c.names().filter((n) => n.toLowerCase() === file.toLowerCase());
  if (!file.includes('/') && cased.length === 1) return cased[0];
  const home = join('~', file);
  if ((file.startsWith('.') || new RegExp(`\\bmy ${literalRe(file)}`, 'i').test(u.raw)) && c.exists(home))
    return home;
  if (c.previous?.into && !file.includes('/')) return join(c.previous.into, file);
  return below(file, c) ?? file;
}

/** How deep, and through how many folders, a file named but not here is looked for. */
const BELOW_DEPTH = 3;
const BELOW_FOLDERS = 200;

/**
 * "change 42 to 99 in util.js" when util.js is src/util.js: a file named exactly, found once
 * in the folders below (hidden folders and node_modules skipped). Two or more, or none, and
 * the name stays as typed (the tool then says it is not here).
 */
function below(file: string, c: RuleContext): string | undefined {
  if (file.includes('/') || !/\.[a-z0-9]+$/i.test(file)) return undefined;
  const hits: string[] = [];
  let queue = [''];
  let seen = 0;
  for (let depth = 0; depth < BELOW_DEPTH && queue.length > 0 && hits.length < 2; depth++) {
    const next: string[] = [];
    for (const dir of queue) {
      if (++seen > BELOW_FOLDERS) return undefined;
      let entries: Dirent[];
      try {
        entries = readdirSync(resolve(c.cwd, dir), { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        const rel = dir === '' ? e.name : join(dir, e.name);
        if (e.isDirectory()) {
          if (!e.name.startsWith('.') && e.name !== 'node_modules') next.push(rel);
        } else if (dir !== '' && e.name === file) hits.push(rel);
      }
    }
    queue = next;
  }
  return hits.length === 1 ? hits[0] : undefined;
}

/** Whether match `b` starts right after match `a` (only spaces between). */
function follows(text: string, a: RegExpMatchArray, b: RegExpMatchArray): boolean {
  const end = (a.index ?? 0) + a[0].length;
  return /^\s*$/.test(text.slice(end, b.index));
}

function literalRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The destination after to/into/as/in: a placeholder or a word, restored to what was typed. */
export function destination(
  u: Utterance,
  words = '(?:to|into|in|inside|as|under|onto)',
  c?: RuleContext,
): string | undefined {
  if (
    has(
      u,
      /\b(?:up (?:one|1|a) (?:level|folder|directory)|(?:one|1) (?:level|folder|directory) up|(?:to|into) the parent(?: folder| directory| dir)?)\b/,
    )
  )
    return '../';
  // "the pdfs in this folder into a new folder called pdfs": "in this folder" says where the
  // files are when a destination follows it
  const here = HERE.exec(u.text);
  if (
    here &&
    !(
      /^(?:in|inside)\s/.test(here[0]) &&
      /\b(?:to|into|onto)\s+(?!here\b)/.test(u.text.slice(here.index + here[0].length))
    )
  )
    return '.';
  const re = new RegExp(
    `\\b${words}\\s+(?:a\\s+|an\\s+)?(?:the\\s+|my\\s+)?(?:new\\s+)?(?:folder\\s+|directory\\s+|dir\\s+|file\\s+)?(?:(?:called|named)\\s+)?(_[fqg]\\d+_|[\\w.~-]+)(\\s+(?:folder|directory|dir))?`,
    'g',
  );
  let last: RegExpMatchArray | undefined;
  let within: RegExpMatchArray | undefined;
  for (const m of u.text.matchAll(re)) {
    // "into Pictures in my home", "to the videos folder under docs": where the destination is
    if (
      last &&
      within === undefined &&
      /^(?:in|inside|under|within)\b/.test(m[0]) &&
      follows(u.text, last, m)
    ) {
      within = m;
      continue;
    }
    if (
      ['it', 'them', 'there', 'the', 'a', 'folder', 'directory', 'zip', 'tar', 'archive', 'one'].includes(
        m[1],
      ) &&
      !(m[2] && /^[a-z]/.test(m[1]) && !['it', 'them', 'there', 'the', 'a', 'one'].includes(m[1]))
    )
      continue;
    last = m;
    within = undefined;
  }
  if (!last) return undefined;
  const dest = named(last, u, c);
  // A place after the destination: "Pictures in my home" is ~/Pictures, as a folder
  const parent = within && c ? dirNamed(within[1], u, c) : undefined;
  if (parent === undefined || parent === '.' || dest.startsWith('~') || dest.startsWith('.')) return dest;
  return `${join(parent, dest.replace(/\/$/, ''))}/`;
}

function named(last: RegExpMatchArray, u: Utterance, c: RuleContext | undefined): string {
  const token = last[1];
  if (token === 'parent' && last[2]) return '../';
  // "to here", "to my home folder", "to the desktop": places with names of their own
  if (token === 'here') return '.';
  if (token === 'home' || token === '~') return '~';
  const known = c && HOME_FOLDERS[token] ? dirNamed(token, u, c) : undefined;
  if (known?.startsWith('~/')) return `${known}/`;
  // "to my videos folder" when there is none here: the home's
  const mine =
    c && /\bmy\s/.test(last[0]) && !c.names().some((n) => n.toLowerCase() === token)
      ? homeDir(token, c)
      : undefined;
  if (mine) return `${mine}/`;
  if (/^_[fqg]\d+_$/.test(token)) return restore(u, token) + (last[2] ? '/' : '');
  const original = capture(u, new RegExp(`\\b(${token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})\\b`));
  return (original ?? token) + (last[2] ? '/' : '');
}
