/**
 * Files a request names: placeholders, quoted names and words that match names here ("delete
 * draft" for draft.txt), "the archive folder", the one file of a kind ("the json file", "the
 * zip in Downloads"), a stem said with its kind ("the old log", "the python helper"), "the
 * copy" just made, and a name in the place said or one folder down.
 */
import { readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { FILE_EXTS, KIND_WORDS } from './lexicon.ts';
import type { Utterance } from './parse.ts';
import { located, place } from './places.ts';
import { expand, type RuleContext } from './rule.ts';
import { COMMON, FILLER } from './vocabulary.ts';

/** Files the request names: placeholders and words matching names in cwd. */
export function named(
  u: Utterance,
  c: RuleContext,
  skip: readonly string[] = [],
): { paths: string[]; ambiguous?: { word: string; options: string[] } } {
  const paths: string[] = [];
  const skipped = (p: string) => skip.includes(p) || skip.includes(p.replace(/\/+$/, ''));
  // "to the videos folder in my home" skips ~/videos/, and so the words videos (and docs
  // in "to the backup dir under docs")
  const skipWord = new Set(
    skip.flatMap((x) => [x.toLowerCase(), ...x.toLowerCase().split('/').filter(Boolean)]),
  );
  // "copy config.json to config.bak and replace http with https in the copy": what was just made
  if (
    c.previous?.chained &&
    c.previous.paths.length > 0 &&
    /\bthe (?:copy|copies|duplicate|backup|new (?:file|one|copy))\b/.test(u.text)
  )
    return { paths: c.previous.paths };
  for (const f of u.files) if (!skipped(f)) paths.push(located(f, u, c));
  for (const q of u.quoted) {
    if (!skip.includes(q) && q !== '' && !q.includes('\n') && c.exists(q)) paths.push(q);
  }
  if (paths.length > 0) return { paths };
  // "the archive folder": a directory here, even when its name is also a word of requests.
  const placed = new RegExp(`\\b${PLACED} $`);
  for (const m of u.text.matchAll(/\b([a-z0-9][\w.-]*) (?:folder|directory|dir)\b/g)) {
    if (FILLER.has(m[1]) || /^(?:new|parent|current|empty|same)$/.test(m[1])) continue;
    // "the summary in the reports folder": where the thing is, named below if nothing in it is
    if (placed.test(u.text.slice(0, m.index)) && contentBefore(u.text.slice(0, m.index))) continue;
    const dir = c.names().find((n) => n.toLowerCase() === m[1] && !skip.includes(n));
    if (dir && c.isDir(dir)) paths.push(dir);
  }
  if (paths.length > 0) return { paths: [...new Set(paths)] };
  const kindNamed = ofKind(u, c);
  if (kindNamed) return kindNamed;
  const paired = stemAndKind(u, c);
  if (paired) return paired;
  // Bare words: "delete draft" when draft.txt is here, "the guide in docs", "the server log".
  const words = u.text.split(' ').filter((w) => /^[a-z0-9][\w-]*$/.test(w) && w.length > 1);
  const filtered =
    u.olderThan !== undefined ||
    u.newerThan !== undefined ||
    u.minSize !== undefined ||
    u.maxSize !== undefined;
  const where = place(u, c, '.');
  let placeWord = false;
  for (const w of words) {
    if (COMMON.has(w) || skipWord.has(w)) continue;
    // "the guide in docs": docs is where the guide is, not a second thing to act on
    if (where !== '.' && w === where.toLowerCase() && new RegExp(`\\b${PLACED} ${w}\\b`).test(u.text)) {
      placeWord = true;
      continue;
    }
    // ".JPG photos": the extension said is the kind and the word only names it, unless a folder
    // here has that name too: then which one is meant is asked
    if (new RegExp(`_ext_ ${w}\\b`).test(u.text) && (KIND_WORDS[w] ?? kindOf(w))) {
      const dir = c.names().find((n) => n.toLowerCase() === w && c.isDir(n));
      if (dir) return { paths, ambiguous: { word: w, options: [`the folder ${dir}/`, `the ${w} here`] } };
      continue;
    }
    // "delete logs older than a month", "zip all the logs": the kind of file, not the folder logs.
    const kind = kindOf(w);
    if (
      kind?.every((e) => u.exts.includes(e)) &&
      (filtered || u.text.includes(`all the ${w}`) || u.text.includes(`all ${w}`))
    )
      continue;
    // "the dup files", "both guide files": the files whose names start with that stem
    if (new RegExp(`\\b${w} files\\b`).test(u.text) && !kind) {
      const stems = stemmed(w, where, c);
      if (stems.length >= 2) {
        if (new RegExp(`\\bboth ${w} files\\b`).test(u.text) && stems.length !== 2)
          return { paths, ambiguous: { word: `both ${w} files`, options: stems } };
        paths.push(...stems);
        continue;
      }
    }
    // A name in the place said comes first, then one here, then one of its kind a folder down.
    const into = c.previous?.into;
    let hits = into && basename(into).toLowerCase() === w ? [into] : inPlace(w, where, c);
    if (hits.length === 0) hits = resolveWord(w, c);
    if (hits.length === 0) hits = oneDown(w, u, c);
    // "open the guide" when it is docs/guide.md: the one file of that stem a folder down
    if (hits.length === 0 && new RegExp(`\\b(?:the|my) ${w}$`).test(u.text)) hits = stemDown(w, c);
    if (hits.length === 1) paths.push(hits[0]);
    else if (hits.length > 1) return { paths, ambiguous: { word: w, options: hits } };
  }
  // The place is what is named when nothing in it is: "count the lines of code in src".
  if (placeWord && paths.length === 0 && c.isDir(where)) paths.push(where);
  return { paths: [...new Set(paths)] };
}

/**
 * "the old log", "the python helper", "the data csv": a stem and its kind said together name
 * the one file of that stem and kind, here first, else found once in the folders below.
 */
function stemAndKind(u: Utterance, c: RuleContext): ReturnType<typeof named> | undefined {
  const words = u.text.split(' ');
  for (let i = 0; i + 1 < words.length; i++) {
    // "the empty txt files": a kind of file in the plural is a selection, not one name
    if (/^(?:files|ones|documents|scripts)\b/.test(words[i + 2] ?? '')) continue;
    for (const [stemWord, kindWord] of [
      [words[i], words[i + 1]],
      [words[i + 1], words[i]],
    ]) {
      const exts = extsOf(kindWord);
      if (!exts || !/^[a-z0-9][\w-]*$/.test(stemWord) || FILLER.has(stemWord)) continue;
      if (/^(?:files?|folders?)$/.test(stemWord)) continue;
      const names = exts.map((e) => `${stemWord}.${e}`);
      const here = c.names().filter((n) => names.includes(n.toLowerCase()) && !c.isDir(n));
      if (here.length === 1) return { paths: here };
      if (here.length > 1)
        return { paths: [], ambiguous: { word: `${stemWord} ${kindWord}`, options: here } };
      const deeper = names.flatMap((n) => stemBelow(n, c));
      if (deeper.length === 1) return { paths: deeper };
    }
  }
  return undefined;
}

/** A file of this exact name (any case) in the folders up to three levels below, when one. */
function stemBelow(name: string, c: RuleContext): string[] {
  const out: string[] = [];
  let level = [''];
  for (let depth = 0; depth < 3 && out.length < 2; depth++) {
    const next: string[] = [];
    for (const dir of level)
      for (const n of dir === '' ? c.names() : namesIn(dir, c)) {
        const rel = dir === '' ? n : join(dir, n);
        if (n.startsWith('.') || n === 'node_modules') continue;
        if (c.isDir(rel)) next.push(rel);
        else if (dir !== '' && n.toLowerCase() === name) out.push(rel);
      }
    level = next.slice(0, 200);
  }
  return out.length === 1 ? out : [];
}

/** Whether a phrase names something of its own before its place ("the summary in …"). */
function contentBefore(text: string): boolean {
  return text
    .split(' ')
    .some((w) => /^[a-z0-9][\w-]*$/.test(w) && w.length > 1 && !COMMON.has(w) && !FILLER.has(w));
}

/** The extensions a kind word means: "log" → log, "json" → json, "image" → jpg, png, … */
function extsOf(word: string): readonly string[] | undefined {
  return KIND_WORDS[word] ?? (FILE_EXTS.has(word) ? [word] : undefined);
}

function ofExt(path: string, exts: readonly string[]): boolean {
  return exts.some((e) => path.toLowerCase().endsWith(`.${e}`));
}

/** Names of a directory other than cwd (a place the request names), or none. */
function namesIn(dir: string, c: RuleContext): string[] {
  try {
    return readdirSync(resolve(c.cwd, expand(dir, c.home)));
  } catch {
    return [];
  }
}

/**
 * "the json file", "the log file": the one file here of that kind. Several make it ambiguous
 * (the person is asked which); none names nothing.
 */
function ofKind(u: Utterance, c: RuleContext): ReturnType<typeof named> | undefined {
  // "the pdf" alone too, unless an earlier clause gave "the zip" its meaning (what it packed)
  // "the contents of the zip in Downloads": the first "the X" that is a kind of file
  // (after "zip the logs", "the zip" is the archive just made, not one that was here)
  const kindsAlone = [
    ...u.text.matchAll(/\bthe ([a-z0-9]+)(?=$|[\s,.!?])(?! (?:files?|folders?|directory|dir)\b)/g),
  ].filter(
    (x) =>
      extsOf(x[1]) !== undefined && !(c.previous?.chained && /^(?:zip|tar|tgz|archive|tarball)$/.test(x[1])),
  );
  const kindOfAlone = kindsAlone[0];
  const fileOfKind = /\bthe ([a-z0-9]+) file\b(?!s|\s+names?\b)/.exec(u.text);
  // "the csv and the pdf": one file of each kind, each said alone
  if (
    !fileOfKind &&
    kindsAlone.length > 1 &&
    /^(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+)$/.test(between(u.text, kindsAlone))
  ) {
    const each = kindsAlone.map((x) =>
      ofKind(
        { ...u, text: u.text.replace(/\bthe ([a-z0-9]+)\b/g, (w, k: string) => (k === x[1] ? w : k)) },
        c,
      ),
    );
    if (each.every((e) => e && e.paths.length === 1)) return { paths: each.flatMap((e) => e?.paths ?? []) };
    const unclear = each.find((e) => e?.ambiguous);
    if (unclear) return unclear;
  }
  const m = fileOfKind ?? kindOfAlone;
  const exts = m ? extsOf(m[1]) : undefined;
  if (!m || !exts) return undefined;
  // alone, only an extension is one file ("the pdf"); "the music" is all of it
  if (!m[0].endsWith(' file') && !FILE_EXTS.has(m[1])) return undefined;
  // "the pdf in docs", "the zip in Downloads": the one of that kind in the place said
  const where = place(u, c, '.');
  const inside = where !== '.' && c.isDir(where);
  // after "show me the files in Downloads", "the jpg" is the one that listing showed
  const shown =
    c.previous && !c.previous.chained && !inside ? c.previous.paths.filter((p) => ofExt(p, exts)) : [];
  if (shown.length === 1) return { paths: shown };
  const hits = (inside ? namesIn(where, c) : c.names())
    .filter((n) => exts.some((e) => n.toLowerCase().endsWith(`.${e}`)))
    .map((n) => (inside ? join(where, n) : n))
    .filter((n) => !c.isDir(n));
  if (hits.length === 1) return { paths: hits };
  if (hits.length > 1) return { paths: [], ambiguous: { word: m[1], options: hits } };
  return undefined;
}

/** The text between the first and the last of several matches ("the csv and the pdf": " and "). */
function between(text: string, ms: RegExpExecArray[] | RegExpMatchArray[]): string {
  let out = '';
  for (let i = 1; i < ms.length; i++) {
    const a = ms[i - 1];
    const b = ms[i];
    out = text.slice((a.index ?? 0) + a[0].length, b.index);
    if (!/^(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+)$/.test(out)) return out;
  }
  return out;
}

const PLACED = '(?:in|inside|within|from|under)(?: the| my)?';
const stem = (n: string) => n.toLowerCase().replace(/\.[^.]*$/, '');

/** A name in the folder the request points to: "the guide in docs" is docs/guide.md. */
function inPlace(word: string, where: string, c: RuleContext): string[] {
  if (where === '.' || where.toLowerCase() === word || !c.isDir(where)) return [];
  return namesIn(where, c)
    .filter((n) => n.toLowerCase() === word || stem(n) === word)
    .map((n) => join(where, n));
}

/** Said with its kind ("the server log"), a file of that kind one folder down ("logs/server.log"). */
function oneDown(word: string, u: Utterance, c: RuleContext): string[] {
  const kind = new RegExp(`\\b${word} ([a-z0-9]+)\\b`).exec(u.text);
  const exts = kind ? extsOf(kind[1]) : undefined;
  if (!exts) return [];
  const out: string[] = [];
  for (const dir of c.names()) {
    if (dir.startsWith('.') || !c.isDir(dir)) continue;
    for (const n of namesIn(dir, c))
      if (stem(n) === word && exts.some((e) => n.toLowerCase().endsWith(`.${e}`))) out.push(join(dir, n));
  }
  return out;
}

function stemDown(word: string, c: RuleContext): string[] {
  const out: string[] = [];
  for (const dir of c.names()) {
    if (dir.startsWith('.') || dir === 'node_modules' || !c.isDir(dir)) continue;
    for (const n of namesIn(dir, c)) if (stem(n) === word) out.push(join(dir, n));
  }
  return out.length === 1 ? out : [];
}

function kindOf(word: string): readonly string[] | undefined {
  return word.endsWith('s') ? KIND_WORDS[word.slice(0, -1)] : undefined;
}

/** Names in cwd that a word means: the exact name, or one name whose stem it is. */
/** Files in `where` whose names start with `stem` and a separator ("dup" for dup-a.txt). */
function stemmed(stem: string, where: string, c: RuleContext): string[] {
  let names: string[];
  try {
    names = where === '.' ? c.names() : readdirSync(resolve(c.cwd, expand(where, c.home)));
  } catch {
    return [];
  }
  const re = new RegExp(`^${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:[-_. ]|$)`, 'i');
  return names
    .filter((n) => re.test(n.replace(/\.[^.]+$/, '')) || re.test(n))
    .map((n) => (where === '.' ? n : join(where, n)))
    .filter((p) => !c.isDir(p))
    .sort();
}

export function resolveWord(word: string, c: RuleContext): string[] {
  const names = c.names();
  const exact = names.filter((n) => n.toLowerCase() === word);
  if (exact.length > 0) return exact;
  return names.filter((n) => {
    const lower = n.toLowerCase();
    const dot = lower.indexOf('.', 1);
    return dot > 0 && lower.slice(0, dot) === word;
  });
}
