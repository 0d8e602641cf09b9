/**
 * Typo-tolerant lookup: a word the lexicon does not know is read as the one lexicon word it
 * is closest to ("shwo" → "show", "mvoe" → "move", "delte" → "delete"), by Damerau-Levenshtein
 * distance (optimal string alignment), but only when exactly one word is that close. A typo
 * never becomes a destructive verb unless it keeps that verb's first letter and is one edit
 * away: "fill" is not read as "kill", nor "mode" as "remove".
 *
 * @example
 * correct('delte');   // 'delete'
 * correct('shwo');    // 'show'
 * correct('nginx');   // undefined (nothing close enough)
 */
import { DESTRUCTIVE_WORDS, isKnownWord, lexiconWords } from './vocabulary.ts';

/** Typos of words too short to correct by distance, seen often enough to know. */
const SHORT_TYPOS: Record<string, string> = {
  teh: 'the',
  hte: 'the',
  adn: 'and',
  nad: 'and',
  fo: 'of',
  ot: 'to',
  hw: 'how',
  hwo: 'how',
};

/** A word this short is corrected only by doubling one of its letters ("kil" is "kill"). */
const DOUBLED_MIN_LENGTH = 3;

/** Shorter words are too easily one edit from another word to be corrected safely. */
const MIN_TYPO_LENGTH = 4;

/** Candidates grouped by length, built once: a lookup compares only lengths within one. */
let byLength: Map<number, string[]> | undefined;

function ofLength(length: number): readonly string[] {
  if (!byLength) {
    byLength = new Map();
    for (const w of lexiconWords()) {
      if (w.length < MIN_TYPO_LENGTH || !/^[a-z]+$/.test(w)) continue;
      const list = byLength.get(w.length) ?? [];
      list.push(w);
      byLength.set(w.length, list);
    }
  }
  return byLength.get(length) ?? [];
}

/** Optimal string alignment distance, or `limit + 1` as soon as it must exceed `limit`. */
export function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      row.push(d);
      if (d < best) best = d;
    }
    if (best > limit) return limit + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length];
}

/**
 * Whether two different words are exactly one edit apart (a letter changed, added, dropped,
 * or two neighbours swapped): `distance(a, b, 1) === 1` in one pass, for the lexicon scan.
 */
function oneEdit(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (i === a.length) return false;
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length < b.length ? a.slice(i) === b.slice(i + 1) : a.slice(i + 1) === b.slice(i);
}

/**
 * The lexicon word `word` is a typo of, when exactly one is one edit away; else undefined.
 * One edit only: two turn real words the lexicon lacks into words it has ("important" into
 * "importing").
 */
export function correct(word: string): string | undefined {
  const w = word.toLowerCase();
  const short = SHORT_TYPOS[w];
  if (short) return short;
  if (w.length < DOUBLED_MIN_LENGTH || !/^[a-z]+$/.test(w) || isKnownWord(w)) return undefined;
  // A doubled letter typed once ("kil", "tel", "adress"): the word with that letter doubled.
  const doubled = new Set<string>();
  for (let i = 0; i < w.length; i++) {
    const d = w.slice(0, i + 1) + w.slice(i);
    if (isKnownWord(d)) doubled.add(d);
  }
  if (doubled.size === 1) return [...doubled][0];
  if (w.length < MIN_TYPO_LENGTH) return undefined;
  // A key pressed twice ("ziip", "lisst", "coppy"): the word with one of the pair left out,
  // also when that word is shorter than the lexicon scan reaches.
  for (let i = 1; i < w.length; i++)
    if (w[i] === w[i - 1] && isKnownWord(w.slice(0, i) + w.slice(i + 1)))
      return w.slice(0, i) + w.slice(i + 1);
  const close: string[] = [];
  for (let l = w.length - 1; l <= w.length + 1; l++)
    for (const c of ofLength(l)) if (oneEdit(w, c)) close.push(c);
  // Two words as close are ambiguous, unless only one has the same letters swapped ("stauts"
  // is "status", not "starts"): swapped neighbours are the commonest slip.
  // Nor when only one keeps the first letter ("seach" is "search", not "each"; "rname" is
  // "rename", not "name"): a slip rarely touches the first letter.
  const swapped = close.filter((c) => sameLetters(c, w));
  const initial = close.filter((c) => c[0] === w[0]);
  const to =
    close.length === 1
      ? close[0]
      : swapped.length === 1
        ? swapped[0]
        : initial.length === 1
          ? initial[0]
          : undefined;
  if (to === undefined) return close.length === 0 ? swappedAndDropped(w) : undefined;
  // "wording" is the word "word" inflected, never a slip for "working"
  const stem = lemma(w);
  if (stem !== undefined && to !== stem) return undefined;
  // Four letters are one substitution from too many words ("long" and "song"): only a swap or
  // a missing letter ("shwo", "fles") is read as a typo.
  if (w.length === MIN_TYPO_LENGTH && w.length === to.length && !sameLetters(w, to)) return undefined;
  if (DESTRUCTIVE_WORDS.has(to) && to[0] !== w[0]) return undefined;
  return to;
}

/** Two slips at once ("rnmae"): too far for one edit; read only in this narrow shape. */
const TWO_SLIPS_MIN_LENGTH = 5;

/**
 * Two neighbours swapped and one letter left out ("rnmae" for "rename"): the first letter
 * kept, and exactly one lexicon word fits. Never a destructive word, whose slips must be slighter.
 */
function swappedAndDropped(w: string): string | undefined {
  if (w.length < TWO_SLIPS_MIN_LENGTH) return undefined;
  const found = new Set<string>();
  for (let i = 1; i + 1 < w.length; i++) {
    const swapped = w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
    for (const c of ofLength(w.length + 1))
      if (c[0] === w[0] && oneEdit(swapped, c) && !DESTRUCTIVE_WORDS.has(c)) found.add(c);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

function sameLetters(a: string, b: string): boolean {
  return a.length === b.length && [...a].sort().join('') === [...b].sort().join('');
}

/**
 * The lexicon word `word` is an inflection of: "zipping" → "zip", "moving" → "move",
 * "copied" → "copy", "deletes" → "delete". Only for words the lexicon lacks, so "containing"
 * or "named" keep their own meaning.
 */
export function lemma(word: string): string | undefined {
  const w = word.toLowerCase();
  if (w.length < 5 || !/^[a-z]+$/.test(w) || isKnownWord(w)) return undefined;
  const stems: string[] = [];
  for (const [suffix, endings] of INFLECTIONS) {
    if (!w.endsWith(suffix)) continue;
    const stem = w.slice(0, -suffix.length);
    for (const e of endings) stems.push(stem + e);
    // "zipping": a doubled last consonant
    if (stem.length > 2 && stem.at(-1) === stem.at(-2)) stems.push(stem.slice(0, -1));
  }
  return stems.find((s) => s.length >= 2 && isKnownWord(s));
}

const INFLECTIONS: [string, string[]][] = [
  ['ing', ['e', '']],
  ['ied', ['y']],
  ['ies', ['y']],
  ['ed', ['e', '']],
  ['es', ['']],
  ['s', ['']],
];
