/**
 * Closest requests: when no rule understands a request, rank the rules' example requests by
 * how many content words they share with it (Dice coefficient over light stems), and offer
 * the best of different rules.
 *
 * @example
 * closest('zap the old logs', RULES, 3); // ['delete log files older than 30 days', …]
 */
import { STOPWORDS } from './lexicon.ts';
import type { Rule } from './rule.ts';

/** Words people use for the same thing, folded to one stem. */
const SAME: Record<string, string> = {
  remov: 'delet',
  eras: 'delet',
  trash: 'delet',
  zap: 'delet',
  wip: 'delet',
  rm: 'delet',
  purg: 'delet',
  largest: 'big',
  biggest: 'big',
  huge: 'big',
  heaviest: 'big',
  larg: 'big',
  director: 'folder',
  dir: 'folder',
  compres: 'zip',
  archiv: 'zip',
  pack: 'zip',
  unpack: 'extract',
  unzip: 'extract',
  grep: 'search',
  look: 'search',
  find: 'search',
  locat: 'search',
  ram: 'memory',
  proc: 'process',
  program: 'process',
  app: 'process',
  terminat: 'kill',
  end: 'kill',
  display: 'show',
  list: 'show',
  print: 'show',
  view: 'show',
  ls: 'show',
  log: 'log',
  logs: 'log',
};

export function stem(word: string): string {
  let w = word.toLowerCase().replace(/[^a-z0-9]/g, '');
  for (const suffix of ['ing', 'ies', 'es', 'ed', 's', 'e', 'y']) {
    if (w.length > suffix.length + 2 && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  return SAME[w] ?? w;
}

function bag(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9.]+/)
      .filter((w) => w && !STOPWORDS.has(w))
      .map(stem)
      .filter(Boolean),
  );
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** What to offer when a request shares no word with anything Atlas knows. */
const STARTERS = [
  'list the files here',
  'show the 5 biggest files here',
  'how much memory is free',
  'git status',
];

/** Up to `n` example requests, from different rules, closest to `request` first. */
export function closest(request: string, rules: readonly Rule[], n: number): string[] {
  const words = bag(request);
  const scored = rules.map((rule) => {
    let best = { example: rule.examples[0] ?? '', score: 0 };
    for (const example of rule.examples) {
      const score = dice(words, bag(example));
      if (score > best.score) best = { example, score };
    }
    return best;
  });
  const ranked = scored.filter((s) => s.example !== '').sort((x, y) => y.score - x.score);
  const useful = ranked.filter((s) => s.score > 0);
  if (useful.length === 0) return STARTERS.slice(0, n);
  return useful.slice(0, n).map((s) => s.example);
}
