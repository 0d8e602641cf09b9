/**
 * Nothing a person writes is dropped from a request that changes something. Every word of
 * such a clause must be covered: filler or a word the rules know, or carried into the plan's
 * arguments (a name, a place, content); and every constraint the parser read (an age, a
 * size, a kind of file, a count, a named file, a folder) must reach an argument. What is not
 * covered makes the translator ask instead of acting on less than was said: "delete all files
 * in the parent folder" never deletes the files of the current one, and "delete logs older
 * then 7 days" never deletes the newer logs too.
 *
 * @example
 * uncovered(parse('delete the blurry photos'), drafts, c); // 'blurry'
 */
import { KIND_WORDS, NUMBER_WORDS, SIZE_UNITS, TIME_UNITS } from './lexicon.ts';
import type { Utterance } from './parse.ts';
import type { Draft } from './rule.ts';
import { emptyState } from './selection.ts';
import { FILLER, isKnownWord } from './vocabulary.ts';

/** Words after in/from/to that do not name a folder ("in the last 7 days", "in their name"). */
const NOT_PLACES = new Set([
  'last',
  'past',
  'previous',
  'current',
  'same',
  'working',
  'subfolders',
  'subdirectories',
  'name',
  'names',
  'filename',
  'filenames',
  'bulk',
  'order',
  'place',
  'total',
  'case',
  'sequence',
  'turn',
  'one',
  'front',
  'end',
  'whole',
  'entire',
  'top',
  'level',
  'folder',
  'folders',
  'directory',
  'directories',
  'dir',
  'new',
  'files',
  'file',
  'here',
  'there',
  // times: "files from yesterday", "in the morning"
  'yesterday',
  'today',
  'tonight',
  'morning',
  'afternoon',
  'evening',
  'midnight',
  'week',
  'month',
  'year',
  'now',
  // tools and places that are not folders: "add it to git", "switch to branch fix"
  'git',
  'npm',
  'apt',
  'index',
  'staging',
  'repo',
  'repository',
  'branch',
  'stash',
  'system',
  'computer',
  'machine',
  'disk',
  'background',
  'project',
  'dependencies',
  'deps',
  // states and copies, not folders: "get rid of the empty folder", "in the copy"
  'empty',
  'copy',
  'copies',
  'duplicate',
  'original',
  'originals',
  // characters and cases of names: "turn the spaces into underscores"
  'underscores',
  'underscore',
  'dashes',
  'dash',
  'hyphens',
  'hyphen',
  'spaces',
  'space',
  'dots',
  'dot',
  'periods',
  'lowercase',
  'uppercase',
  'capitals',
]);

/** Every string and number in the drafts' arguments, lowercased, and the words in them. */
function argumentText(drafts: readonly Draft[]): {
  text: string;
  values: string[];
  words: Set<string>;
  numbers: number[];
  /** Words of the text a plan writes (a file's content, a commit message). */
  written: Set<string>;
} {
  const parts: string[] = [];
  const numbers: number[] = [];
  const visit = (v: unknown) => {
    if (typeof v === 'string') parts.push(v.toLowerCase());
    else if (typeof v === 'number') numbers.push(v);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  for (const d of drafts) visit(d.args);
  const values = parts.map((p) => p.replace(/\/+$/, ''));
  const text = parts.join('\n');
  const words = new Set(text.split(/[^a-z0-9]+/).filter(Boolean));
  const written = new Set<string>();
  for (const d of drafts)
    for (const key of ['content', 'message'])
      if (typeof d.args[key] === 'string')
        for (const w of (d.args[key] as string).toLowerCase().split(/[^a-z0-9]+/)) if (w) written.add(w);
  // A path covers its whole name and each of its parts ("docs/archive-2024").
  for (const p of parts) for (const part of [p, ...p.split('/')]) words.add(part.replace(/\/+$/, ''));
  for (const n of numbers) words.add(String(n));
  return { text, values, words, numbers, written };
}

const anyArg = (drafts: readonly Draft[], key: string) => drafts.some((d) => d.args[key] !== undefined);

/**
 * The word or phrase of `u` that the drafts do not account for, or undefined. `command`: `u`
 * is a plain shell command a tool stands for ("mkdir -p a/b"), whose options the tool covers.
 */
export function uncovered(
  u: Utterance,
  drafts: readonly Draft[],
  command = false,
  isDir: (name: string) => boolean = () => false,
): string | undefined {
  const args = argumentText(drafts);
  const slot = slotDropped(u, drafts, args);
  if (slot) return slot;
  // "the empty txt files": a state of the files that only a filter on it covers
  // ("the empty text file" that is named empty.txt is that file)
  if (emptyState(u) && !anyArg(drafts, 'empty') && !args.words.has('empty')) return 'empty';
  const tokens = u.text.split(' ');
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i].replace(/^[("'`]+|[)"'`,;:!?.]+$/g, '').replace(/'s$/, '');
    if (word === '' || /^_(?:[fqughx]\d+|ext)_$/.test(word) || !/[a-z0-9]/.test(word)) continue;
    if (command && /^--?[a-z]/.test(word)) continue;
    if (!wordCovered(word, tokens[i + 1] ?? '', u, args)) return word;
  }
  return placeDropped(u, args, isDir);
}

function slotDropped(
  u: Utterance,
  drafts: readonly Draft[],
  args: ReturnType<typeof argumentText>,
): string | undefined {
  if (u.olderThan && !anyArg(drafts, 'olderThan')) return `older than ${u.olderThan}`;
  if (u.newerThan && !anyArg(drafts, 'newerThan')) return `within ${u.newerThan}`;
  if (u.minSize !== undefined && !anyArg(drafts, 'minSize')) return 'the minimum size';
  if (u.maxSize !== undefined && !anyArg(drafts, 'maxSize')) return 'the maximum size';
  // Only a name being made: "delete the logs" with a logs folder here still asks which.
  const made = drafts
    .filter((d) => d.tool === 'files' && (d.action === 'mkdir' || d.action === 'write'))
    .map((d) => String(d.args.path ?? ''));
  const narrowed = narrowedKind(u, drafts);
  for (const e of u.exts) {
    if (narrowed(e)) continue;
    const inExt = drafts.some(
      (d) => d.args.ext === e || (Array.isArray(d.args.ext) && (d.args.ext as string[]).includes(e)),
    );
    // A named file of that kind ("the log file app.log") also covers it; a path that merely
    // contains it does not.
    if (
      !inExt &&
      !args.values.some((v) => v.endsWith(`.${e}`) || v.endsWith(`.${e}*`)) &&
      !made.some((v) => namedFor(v, e) || sameKind(v, e))
    )
      return `.${e}`;
  }
  // "make three folders: red, green and blue": a count of things made is the number made
  const made1 = drafts.length === u.count && drafts.every((d) => d.action === drafts[0].action);
  if (u.count !== undefined && !made1 && !args.numbers.includes(u.count) && !args.words.has(String(u.count)))
    return String(u.count);
  for (const name of [...u.files, ...u.quoted, ...u.globs, ...u.urls, ...u.hosts]) {
    const lower = name.toLowerCase().replace(/\/+$/, '');
    // "holiday-1.jpg, holiday-2.jpg and so on": the later names of a series the plan numbers
    if (lower !== '' && !args.text.includes(lower) && !inSeries(lower, args.values)) return name;
  }
  return undefined;
}

/**
 * ".JPG to .jpg for the pictures": a kind of file said in words ("pictures") is covered by a
 * selection of some of its extensions, said too: the plan acts on less than the kind, never
 * on anything outside it.
 */
function narrowedKind(u: Utterance, drafts: readonly Draft[]): (ext: string) => boolean {
  // the extensions a selection keeps (a rename's own ext is what the files become)
  const chosen = drafts.flatMap((d) => (Array.isArray(d.args.ext) ? (d.args.ext as string[]) : []));
  if (chosen.length === 0 || !chosen.every((e) => u.exts.includes(e))) return () => false;
  const kinds = u.text
    .split(' ')
    .map((w) => KIND_WORDS[w] ?? KIND_WORDS[w.replace(/s$/, '')])
    .filter((k): k is readonly string[] => k !== undefined && chosen.every((e) => k.includes(e)));
  return (ext) => kinds.some((k) => k.includes(ext));
}

/** "a bash script run.sh": a file made of the kind said covers it (bash and sh are one kind). */
function sameKind(made: string, ext: string): boolean {
  const own = /\.([a-z0-9]+)$/i.exec(made)?.[1]?.toLowerCase();
  if (!own) return false;
  return own === ext || Object.values(KIND_WORDS).some((k) => k.includes(ext) && k.includes(own));
}

/** "mkdir backups": a new name that is itself the word of a kind covers that kind. */
function namedFor(value: string, ext: string): boolean {
  const base = value.toLowerCase().split('/').at(-1) ?? '';
  const kind = KIND_WORDS[base] ?? KIND_WORDS[base.replace(/s$/, '')];
  return kind?.includes(ext) ?? false;
}

/** Whether `name` is another member of a numbered series an argument starts ("x-1" for "x-2"). */
function inSeries(name: string, values: readonly string[]): boolean {
  const shape = (n: string) => n.replace(/\d+(?=\D*$)/, '#');
  return /\d/.test(name) && values.some((v) => /\d/.test(v) && shape(v) === shape(name));
}

function wordCovered(
  word: string,
  next: string,
  u: Utterance,
  args: ReturnType<typeof argumentText>,
): boolean {
  // "a script that says it is not done": a word of the text written, not an exclusion
  if (NEGATIONS.test(word)) return negationRead(word, u) || args.written.has(word);
  if (args.words.has(word)) return true;
  if (/^\d+(?:\.\d+)?$/.test(word)) return numberCovered(Number(word), next, u, args);
  const unit = /^\d+(?:\.\d+)?([a-z]+)$/.exec(word);
  if (unit) {
    if (SIZE_UNITS[unit[1]] !== undefined) return u.minSize !== undefined || u.maxSize !== undefined;
    if (TIME_UNITS[unit[1]] !== undefined) return u.olderThan !== undefined || u.newerThan !== undefined;
    return false;
  }
  // "$HOME", "a.b", "#1": a word with punctuation carried as typed into an argument
  if (/[^a-z0-9]/.test(word) && args.text.includes(word)) return true;
  // kill -9: the signal it names must be the one sent
  if (/^-(?:9|kill)$/.test(word)) return args.words.has('kill');
  if (/^-(?:15|term)$/.test(word)) return args.words.has('term');
  if (QUALIFIERS.test(word) && !ranked(u, args)) return false;
  // "delete most of the tmp files", "some of the logs": part of a selection, which one unsaid
  if (PARTIAL.test(word) && u.count === undefined && !ranked(u, args)) return false;
  // "the edited txt files": which edit is meant is only said by an age, or "by date modified"
  if (EDITED.test(word) && !ranked(u, args) && !/\bdate\b/.test(args.text)) return false;
  if (word.includes('-') || word.includes('/'))
    return word.split(/[-/]/).every((w) => w === '' || isKnownWord(w));
  return isKnownWord(word);
}

/**
 * Words that exclude ("but not app.log", "except the pdfs", "keep the newest"): the plan has
 * no way to leave things out, so a change that says one asks, unless the parser read it as
 * part of an age or a size ("not modified in 30 days", "no more than 1 MB").
 */
const NEGATIONS =
  /^(?:not|no|never|except|excepting|excluding|exclude|but|without|keep|keeping|leave|leaving|besides|unless|apart|aside|spare|skip|skipping|ignore|ignoring)$/;

/** Whether `word` is one of the words that exclude. */
export function excludes(word: string): boolean {
  return NEGATIONS.test(word);
}

function negationRead(word: string, u: Utterance): boolean {
  if (word === 'not')
    return (
      u.olderThan !== undefined &&
      /\bnot (?:been )?(?:modified|changed|touched|used|accessed|opened|edited|updated)\b/.test(u.text)
    );
  if (word === 'no') return u.maxSize !== undefined && /\bno (?:more|bigger|larger) than\b/.test(u.text);
  return false;
}

/**
 * Words that narrow a selection ("the recent logs", "the big files"): covered only when the
 * plan sorts, limits or filters by age or size.
 */
const QUALIFIERS =
  /^(?:recent|recently|big|bigger|biggest|large|larger|largest|huge|small|smaller|smallest|tiny|old|older|oldest|newer|newest|latest|fresh|stale|first|last)$/;

/** Words that say part of a selection without saying which part. */
const PARTIAL = /^(?:most|half|several|some|few|majority|portion|bunch|handful)$/;

/** Words that say files were changed, with no time: covered only by an age or a date. */
const EDITED = /^(?:edited|modified|updated|touched|accessed|opened)$/;

function ranked(u: Utterance, args: ReturnType<typeof argumentText>): boolean {
  return (
    u.olderThan !== undefined ||
    u.newerThan !== undefined ||
    u.minSize !== undefined ||
    u.maxSize !== undefined ||
    /\b(?:mtime|size)\b/.test(args.text)
  );
}

/** A number is a count, an age or a size the parser read, or part of an argument. */
function numberCovered(
  n: number,
  next: string,
  u: Utterance,
  args: ReturnType<typeof argumentText>,
): boolean {
  if (u.count === n) return true;
  if (n === 1 && /^(?:level|folder|directory)$/.test(next) && args.text.includes('..')) return true; // up one level
  for (const [w, value] of Object.entries(NUMBER_WORDS)) if (value === n && args.words.has(w)) return true;
  const unit = next.replace(/[,;:!?.]+$/, '');
  if (TIME_UNITS[unit] !== undefined)
    return [u.olderThan, u.newerThan].some((d) => d !== undefined && Number.parseFloat(d) === n);
  if (SIZE_UNITS[unit] !== undefined) return u.minSize !== undefined || u.maxSize !== undefined;
  return false;
}

/** "in the archive folder", "from backups": a place that names no argument was dropped. */
function placeDropped(
  u: Utterance,
  args: ReturnType<typeof argumentText>,
  isDir: (name: string) => boolean,
): string | undefined {
  const re =
    /\b(in|from|inside|under|within|into|to|onto|of)\s+(?:the |my |this |that |a |an |our |your )?(?:new )?(_[fq]\d+_|[a-z][\w.~-]*)(\s+(?:folder|directory|dir|subfolder)\b)?/g;
  for (const match of u.text.matchAll(re)) {
    const m = [match[0], match[2], match[3]];
    // "get rid of", "a copy of", "I want to delete": only with a folder noun are these places
    if (['of', 'to', 'onto'].includes(match[1]) && !m[2]) continue;
    const word = m[1];
    if (/^_[fq]\d+_$/.test(word)) continue; // named files are checked as slots
    if (NOT_PLACES.has(word) || FILLER.has(word)) continue;
    // "in documents" is a kind of file, unless a folder of that name is here ("in docs")
    if (!m[2] && (KIND_WORDS[word] || KIND_WORDS[word.replace(/s$/, '')] || TIME_UNITS[word]) && !isDir(word))
      continue;
    if (word === 'home' && args.text.includes('~')) continue;
    if (word === 'parent' && args.text.includes('..')) continue;
    if (args.words.has(word) || args.text.includes(word)) continue;
    // A known word after a preposition that names no folder here ("in archive") is still a place.
    if (!m[2] && !isPlaceLike(word, u)) continue;
    return m[2] ? `the ${word} folder` : word;
  }
  return undefined;
}

/** Whether a word after "in"/"from" reads as a folder: it is not a verb of the request itself. */
function isPlaceLike(word: string, u: Utterance): boolean {
  return !u.text.startsWith(`${word} `) && !/^(?:it|them|there|all|every|each|any|some)$/.test(word);
}
