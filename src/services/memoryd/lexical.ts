/**
 * The lexical side of a query: its content words, each widened with WordNet synonyms, as an
 * FTS5 expression; and how much of the query a text covers (how much the lexical side knows
 * about that text, which weights it in fusion).
 *
 * @example
 * const q = lexicalQuery('which colleague looks after the yearly audit', wordnet);
 * q.match;   // '("colleague" OR "co-worker" ...) OR ("yearly" OR "annual" ...) OR ...'
 */
import type { WordNet } from './wordnet.ts';

// Words that carry no topic: matching them says nothing about what a memory is about.
const STOPWORDS = new Set(
  `a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having
he her here hers herself him himself his how i if in into is it its itself just let me more most my myself
no nor not now of off on once only or other our ours ourselves out over own same she should so some such
than that the their theirs them themselves then there these they this those through to too under until up
very was we were what when where which while who whom whose why will with would you your yours yourself
yourselves tell know remember get got anything something someone thing things one ever`.split(/\s+/),
);

export interface LexicalQuery {
  /** One group per content word: the word first, then its synonyms. */
  groups: string[][];
  /** FTS5 MATCH expression, or '' when the query has no content words. */
  match: string;
}

export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? [];
}

function quote(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/** Content words of `query`, expanded with synonyms when `wordnet` is given. */
export function lexicalQuery(query: string, wordnet?: WordNet): LexicalQuery {
  const seen = new Set<string>();
  const groups: string[][] = [];
  for (const w of words(query)) {
    if (STOPWORDS.has(w) || seen.has(w) || w.length < 2) continue;
    seen.add(w);
    groups.push([w, ...(wordnet?.synonyms(w) ?? [])]);
  }
  const match = groups.map((g) => `(${g.map(quote).join(' OR ')})`).join(' OR ');
  return { groups, match };
}

/** Crude stem for coverage checks: FTS5's porter stemmer does the real matching. */
function stem(w: string): string {
  return w.replace(/(ies|es|s|ed|ing|ly)$/, '').slice(0, 6);
}

/** Share of the query's word groups that `text` mentions (a word or one of its synonyms), 0 to 1. */
export function coverage(q: LexicalQuery, text: string): number {
  if (q.groups.length === 0) return 0;
  const have = new Set(words(text).map(stem));
  const lower = text.toLowerCase();
  let hit = 0;
  for (const g of q.groups) {
    if (g.some((t) => (t.includes(' ') ? lower.includes(t) : have.has(stem(t))))) hit++;
  }
  return hit / q.groups.length;
}
