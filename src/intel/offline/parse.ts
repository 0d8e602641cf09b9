/**
 * Turns a request into an Utterance: normalised text in which quoted strings, URLs, file
 * names and host names are replaced by placeholders (_q0_, _u0_, _f0_, _h0_), plus the slots
 * the rules need: counts, sizes, ages, extensions. Deterministic and fast (no I/O except
 * `known`, a callback that says whether a name exists in the current directory).
 *
 * @example
 * const u = parse('delete the 3 biggest .log files older than 2 weeks', () => false);
 * u.count;      // 3
 * u.exts;       // ['log']
 * u.olderThan;  // '2w'
 */

import { bareExtensions, idioms } from './idioms.ts';
import { kinds } from './kinds.ts';
import { FILE_EXTS, KIND_WORDS, NUMBER_WORDS, SIZE_UNITS, TIME_UNITS } from './lexicon.ts';
import { readSed, type SedReading } from './sed.ts';
import { spelledOut } from './spelling.ts';
import { correct, lemma } from './typos.ts';
import { FILLER } from './vocabulary.ts';

export interface Utterance {
  raw: string;
  /** Normalised text, original case (for capturing names and content). */
  norm: string;
  /** `norm` in lowercase: what rules match against. */
  text: string;
  quoted: string[];
  files: string[];
  urls: string[];
  hosts: string[];
  /** Name globs (report*, *draft*). */
  globs: string[];
  exts: string[];
  count?: number;
  minSize?: number;
  maxSize?: number;
  olderThan?: string;
  newerThan?: string;
  /** Refers back: them, it, those, these. */
  pronoun: boolean;
  /** Words read as the lexicon word they are a typo of ("delte" as "delete"). */
  corrected: { from: string; to: string }[];
  /** A sed expression said: how to replace, or why it cannot be done exactly (sed.ts). */
  sed?: SedReading;
}

export interface ParseOptions {
  /** Whether a name exists in the current directory (a file name is never a typo). */
  known?: (name: string) => boolean;
  /** Whether a bare word names something here ("draft" for draft.txt): never corrected either. */
  isName?: (word: string) => boolean;
}

/** Words with a slash that are not paths. */
const NOT_PATHS = new Set([
  'and/or',
  'either/or',
  'tcp/udp',
  'tcp/ip',
  'read/write',
  'input/output',
  'on/off',
  'yes/no',
  'i/o',
  'w/',
  'w/o',
]);

const QUOTE = /(^|[\s(=:,])(?:"([^"]*)"|'([^']*)'|`([^`]*)`|“([^”]*)”|‘([^’]*)’)(?=$|[\s),.;:!?])/g;
const URL = /\b(?:https?|ftp):\/\/[^\s"'<>]+/gi;
const BARE_URL =
  /(?<=^|\s)(?:(?:localhost|\d{1,3}(?:\.\d{1,3}){3}|(?:[a-z0-9-]+\.)+[a-z]{2,24}):\d{1,5}(?:\/[^\s"'<>]*)?|(?:localhost|\d{1,3}(?:\.\d{1,3}){3})\/[^\s"'<>]*|www\.(?:[a-z0-9-]+\.)+[a-z]{2,24}(?:\/[^\s"'<>]*)?)/gi;
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$/i;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const NAME_EXT = /^[\w@+-][\w.@+-]*\.([a-z0-9]{1,12})$/i;

export function parse(raw: string, options: ParseOptions | ((name: string) => boolean) = {}): Utterance {
  const o = typeof options === 'function' ? { known: options } : options;
  const known = o.known ?? (() => false);
  const u: Utterance = {
    raw,
    norm: '',
    text: '',
    quoted: [],
    files: [],
    urls: [],
    hosts: [],
    globs: [],
    exts: [],
    pronoun: false,
    corrected: [],
  };
  const sed = readSed(` ${raw.trim()} `);
  if (sed.sed) u.sed = sed.sed;
  let s = sed.text;
  s = spelledOut(s);
  // "my .bashrc", "our .gitconfig": the file in the home folder, never a new one here (nor the
  // extension "bashrc")
  s = s.replace(/(\s)(?:my|our|your)\s+(?:own\s+)?(\.[A-Za-z_][\w.-]*)(?=[\s,;:!?]|\.\s)/gi, '$1~/$2');
  s = s.replace(QUOTE, (_m, lead: string, ...g: (string | undefined)[]) => {
    const value = g.slice(0, 5).find((x) => x !== undefined) ?? '';
    u.quoted.push(value);
    return `${lead} _q${u.quoted.length - 1}_ `;
  });
  s = s.replace(URL, (m) => {
    const url = m.replace(/[.,;:!?)]+$/, '');
    u.urls.push(url);
    return ` _u${u.urls.length - 1}_ ${m.slice(url.length)}`;
  });
  // "curl 127.0.0.1:8080/hello", "fetch localhost:3000", "www.example.com/page": an address
  // without its scheme is still one (plain http for this machine's own addresses).
  s = s.replace(BARE_URL, (m) => {
    const url = m.replace(/[.,;:!?)]+$/, '');
    const local = /^(?:localhost|127\.|\[::1\])/i.test(url);
    u.urls.push(`${local ? 'http' : 'https'}://${url}`);
    return ` _u${u.urls.length - 1}_ ${m.slice(url.length)}`;
  });
  const tokens = bareExtensions(s).split(/\s+/).filter(Boolean);
  const out: string[] = [];
  for (const token of tokens) {
    // Only the verb of the request is read through its inflection ("zipping the docs"); "the
    // files I downloaded" keeps a word that narrows what is meant, and the request asks.
    const leading = out.every((w) => FILLER.has(w.toLowerCase().replace(/[,;:!?.]+$/, '')));
    out.push(spell(classify(token, u, known), u, o.isName, leading));
  }
  let norm = out.join(' ');
  norm = norm.replace(/\b([a-z]+)\b/gi, (w) => {
    const n = NUMBER_WORDS[w.toLowerCase()];
    return n === undefined ? w : String(n);
  });
  norm = norm.replace(/\ba (\d+)\b/gi, '$1').replace(/\b(\d+) (\d+)\b/g, (m, a: string, b: string) => {
    // "twenty five" -> 25, "a hundred" -> 100
    const x = Number(a);
    const y = Number(b);
    return x >= 20 && x % 10 === 0 && y < 10 ? String(x + y) : m;
  });
  // "zero-byte", "0 byte", "blank" files are the empty ones: a state the selection filters on,
  // never a minimum size of 0 nor a word dropped ("blank lines" and "blanks" keep their sense)
  norm = norm
    .replace(/\b0[- ]?(?:bytes?|b|kb|length|sized?)\b/gi, 'empty')
    .replace(/\bblank\b(?!\s+(?:lines?|spaces?|characters?|chars?|space))/gi, 'empty');
  // «…»: text a rewrite marked as looked for (questions.ts), quoted like text the person quoted
  u.norm = idioms(norm.replace(/\s+/g, ' ').trim(), u.files).replace(/«([^»]*)»/g, (_m, t: string) => {
    u.quoted.push(restore(u, t.trim()));
    return `_q${u.quoted.length - 1}_`;
  });
  u.text = u.norm.toLowerCase();
  slots(u);
  return u;
}

/** Replaces one token by a placeholder when it is a file, host, glob or extension. */
function classify(token: string, u: Utterance, known: (name: string) => boolean): string {
  if (/^_[qu]\d+_$/.test(token)) return token;
  // "todo.txt's new name": the possessive is not part of the name
  const m = /^(.*?)((?:'s|’s)?(?:[,;:!?]*|\.))$/.exec(token)!;
  let core = m[1];
  let tail = m[2];
  if (/^(?:'s|’s)/.test(tail) && !NAME_EXT.test(core)) {
    core = `${core}${tail.slice(0, 2)}`;
    tail = tail.slice(2);
  }
  if (core === '') return token;
  // "notes.txt." at the end of a sentence: the last dot is punctuation.
  if (tail === '.' && !NAME_EXT.test(`${core}.`)) tail = '';
  else if (tail === '.') {
    core = `${core}`;
    tail = '';
  }
  const lower = core.toLowerCase();
  // "a tar.gz archive" names a format, not a file called tar.gz.
  if (/^(?:tar\.(?:gz|bz2|xz))$/.test(lower) && !known(core)) return token;
  if (/^\.[\w-]+$/.test(core) && known(core)) {
    u.files.push(core); // ".hidden" here is a file, not the extension "hidden"
    return `_f${u.files.length - 1}_${tail}`;
  }
  const ext = /^\*?\.([a-z0-9][a-z0-9.]{0,11})$/i.exec(core);
  if (ext) {
    addExt(u, ext[1].toLowerCase());
    return `_ext_${tail}`;
  }
  if (/[*?]/.test(core) && /[\w]/.test(core)) {
    u.globs.push(core);
    return `_g${u.globs.length - 1}_${tail}`;
  }
  if (core.includes('/') || core.startsWith('~') || core.startsWith('./') || core.startsWith('../')) {
    if (NOT_PATHS.has(lower) && !known(core)) return token; // "and/or", "tcp/udp"

    u.files.push(core.replace(/[,;:!?]+$/, ''));
    return `_f${u.files.length - 1}_${tail}`;
  }
  if (IPV4.test(core)) {
    u.hosts.push(core);
    return `_h${u.hosts.length - 1}_${tail}`;
  }
  const named = NAME_EXT.exec(core);
  if (named && !/^\d+(\.\d+)?$/.test(core) && !/^\d+(\.\d+)?[a-z]+$/i.test(core)) {
    const e = named[1].toLowerCase();
    if (known(core) || FILE_EXTS.has(e) || !HOST.test(core)) {
      u.files.push(core);
      return `_f${u.files.length - 1}_${tail}`;
    }
    u.hosts.push(lower);
    return `_h${u.hosts.length - 1}_${tail}`;
  }
  if (/^\.[\w-]+$/.test(core) && known(core)) {
    u.files.push(core);
    return `_f${u.files.length - 1}_${tail}`;
  }
  return token;
}

/** A plain word the lexicon lacks, read as the one known word it is a typo of. */
function spell(token: string, u: Utterance, isName?: (word: string) => boolean, leading = false): string {
  const m = /^([A-Za-z]+)([,;:!?.]*)$/.exec(token);
  if (!m) return token;
  const to = (leading ? lemma(m[1]) : undefined) ?? correct(m[1]);
  if (to === undefined || isName?.(m[1].toLowerCase())) return token;
  u.corrected.push({ from: m[1], to });
  return `${to}${m[2]}`;
}

function addExt(u: Utterance, e: string): void {
  if (!u.exts.includes(e)) u.exts.push(e);
}

const NUM = '(\\d+(?:\\.\\d+)?|an?|one)';
const UNIT = `(${Object.keys(TIME_UNITS)
  .filter((k) => k.length > 1)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;

function duration(n: string, unit: string): string {
  const value = n === 'a' || n === 'an' || n === 'one' || n === undefined ? '1' : n;
  return `${value}${TIME_UNITS[unit]}`;
}

const SIZE_UNIT = Object.keys(SIZE_UNITS)
  .filter((k) => k.length > 1)
  .sort((a, b) => b.length - a.length)
  .join('|');
const SIZE_VALUE = `(?:(\\d+(?:\\.\\d+)?)\\s*(${SIZE_UNIT})\\b|(\\d+(?:\\.\\d+)?)([kmgt])\\b)`;
const SIZE_MIN =
  '(?:over|above|more than|bigger than|larger than|greater than|heavier than|at least|exceeding|>=?|min(?:imum)?(?: of)?)';
const SIZE_MAX =
  '(?:under|below|less than|smaller than|lighter than|at most|up to|no more than|<=?|max(?:imum)?(?: of)?)';
const SIZE_BETWEEN = new RegExp(`between\\s+(\\d+(?:\\.\\d+)?)\\s*(${SIZE_UNIT})?\\s+and\\s+${SIZE_VALUE}`);
const SIZE_ONE = new RegExp(`(?:(${SIZE_MIN})|(${SIZE_MAX}))?\\s*(?:a size of\\s+)?${SIZE_VALUE}`, 'g');
const AGE_SPAN = new RegExp(`\\b${NUM}\\s*${UNIT}\\b`, 'g');
const OLDER = [
  new RegExp(
    `\\b(?:older than|more than|over|at least|longer than)\\s+${NUM}\\s*${UNIT}\\b(?!\\s+(?:of|ago))`,
  ),
  new RegExp(`\\b(?:older than|more than|over|at least)\\s+${NUM}\\s*${UNIT}\\s+(?:old|ago)\\b`),
  new RegExp(
    `\\bnot (?:been )?(?:modified|changed|touched|used|accessed|opened|edited|updated)\\s+(?:in|for|since|during)\\s+(?:the\\s+)?(?:last\\s+|past\\s+)?${NUM}?\\s*${UNIT}\\b`,
  ),
  new RegExp(`\\b${NUM}\\s*${UNIT}\\s+old\\b`),
  new RegExp(
    `\\b(?:modified|changed|edited|updated|created)\\s+(?:more than\\s+|over\\s+)?${NUM}\\s*${UNIT}\\s+ago\\b`,
  ),
];
const NEWER = new RegExp(
  `\\b(?:newer than|younger than|less than|within|in the (?:last|past)|during the (?:last|past)|over the (?:last|past)|from the (?:last|past)|in the previous|since)\\s+${NUM}?\\s*${UNIT}\\b`,
);

function slots(u: Utterance): void {
  const t = u.text;
  u.pronoun = /\b(them|they|it|its|their|those|these|that one|the same ones?)\b/.test(t);
  sizes(u);
  ages(u);
  kinds(u);
  // Counts: "top 5", "5 biggest", "first 10", "10 files"; not a size or an age.
  const scrubbed = t
    .replace(
      /\d+(?:\.\d+)?\s*(?:[kmgt]i?b|bytes?|[kmg]\b|megs?|gigs?|kilobytes?|megabytes?|gigabytes?)/g,
      ' ',
    )
    .replace(AGE_SPAN, ' ')
    .replace(/\b(?:pid|process|port|id)\s+\d+/g, ' ');
  const count =
    /\b(?:top|first|last|latest|newest|oldest|biggest|largest|smallest)\s+(\d+)\b/.exec(scrubbed) ??
    /\b(\d+)\s+(?:\w+\s+)?(?:biggest|largest|heaviest|fattest|smallest|tiniest|newest|latest|oldest|most|recent|recently|files|lines|commits|entries|items|results|processes|folders|directories|matches)\b/.exec(
      scrubbed,
    );
  if (count) u.count = Number(count[1]);
  // "the newest pdf", "the biggest image": one, of that kind
  const one =
    /(?:\bthe |^)(?:single |one )?(?:newest|latest|oldest|biggest|largest|smallest|most recent) ([a-z0-9]+)\b(?!\s+(?:files|ones))/.exec(
      t,
    );
  if (
    one &&
    u.count === undefined &&
    (one[1] === 'file' || one[1] === 'one' || KIND_WORDS[one[1]] || FILE_EXTS.has(one[1]))
  ) {
    u.count = 1;
    if (one[1] !== 'file' && one[1] !== 'one') for (const e of KIND_WORDS[one[1]] ?? [one[1]]) addExt(u, e);
  }
}

function sizes(u: Utterance): void {
  const bytes = (m: RegExpExecArray, i: number) =>
    Math.round(Number(m[i] ?? m[i + 2]) * SIZE_UNITS[(m[i + 1] ?? m[i + 3]).toLowerCase()]);
  const between = SIZE_BETWEEN.exec(u.text);
  if (between) {
    const hiUnit = between[4] ?? between[6];
    const lo = Number(between[1]) * SIZE_UNITS[(between[2] ?? hiUnit).toLowerCase()];
    u.minSize = Math.round(lo);
    u.maxSize = bytes(between, 3);
    return;
  }
  const re = new RegExp(SIZE_ONE);
  for (let m = re.exec(u.text); m; m = re.exec(u.text)) {
    const n = bytes(m, 3);
    if (!Number.isFinite(n)) continue;
    if (m[2]) u.maxSize = n;
    else u.minSize = n;
  }
}

function ages(u: Utterance): void {
  const t = u.text;
  for (const re of OLDER) {
    const m = re.exec(t);
    if (m) {
      u.olderThan = duration(m[1], m[2]);
      break;
    }
  }
  if (!u.olderThan) {
    if (
      /\bnot (?:been )?(?:modified|changed|touched|used|edited)\s+(?:in|for)\s+(?:a\s+)?(?:long time|ages|a while)\b/.test(
        t,
      )
    )
      u.olderThan = '90d';
  }
  const newer = NEWER.exec(t);
  if (newer) u.newerThan = duration(newer[1], newer[2]);
  else if (/\b(?:today|this morning|since midnight)\b/.test(t)) u.newerThan = '1d';
  else if (/\byesterday\b/.test(t)) u.newerThan = '2d';
  else if (/\b(?:this|last|past) week\b/.test(t) && !/\bolder\b/.test(t)) u.newerThan = '1w';
  else if (/\b(?:this|last|past) month\b/.test(t) && !/\bolder\b/.test(t)) u.newerThan = '1mo';
  else if (/\b(?:this|last|past) year\b/.test(t) && !/\bolder\b/.test(t)) u.newerThan = '1y';
  else if (/\b(?:this|last|past) hour\b/.test(t)) u.newerThan = '1h';
  if (
    u.olderThan &&
    u.newerThan &&
    /\bolder\b|\bnot (?:been )?modified\b/.test(t) &&
    !/\bnewer|within|last\b/.test(t)
  )
    u.newerThan = undefined;
}

/** Whether the text matches. */
export function has(u: Utterance, re: RegExp): boolean {
  return re.test(u.text);
}

/** The first capture group of `re` on the text, in the request's original case. */
export function capture(u: Utterance, re: RegExp): string | undefined {
  const flags = re.flags.includes('d') ? re.flags : `${re.flags}d`;
  const m = new RegExp(re.source, flags).exec(u.text);
  if (!m || m[1] === undefined) return undefined;
  const [start, end] = m.indices![1]!;
  return u.norm.length === u.text.length ? u.norm.slice(start, end) : m[1];
}

/** Puts quoted strings, file names, URLs and hosts back into a captured phrase. */
export function restore(u: Utterance, phrase: string): string {
  return phrase
    .replace(/_q(\d+)_/g, (_m, i: string) => u.quoted[Number(i)] ?? '')
    .replace(/_f(\d+)_/g, (_m, i: string) => u.files[Number(i)] ?? '')
    .replace(/_u(\d+)_/g, (_m, i: string) => u.urls[Number(i)] ?? '')
    .replace(/_h(\d+)_/g, (_m, i: string) => u.hosts[Number(i)] ?? '')
    .replace(/_g(\d+)_/g, (_m, i: string) => u.globs[Number(i)] ?? '');
}
