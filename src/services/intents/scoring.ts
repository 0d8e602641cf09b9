/**
 * The router's pure scoring pieces: what a registration is known by (its words, its keywords),
 * the meaning signal of a message against its examples, the counterexamples' pull, how alike two
 * registrations read, and the bounded cache of messages' scores.
 */
import { Lru } from './cache.ts';
import { dot } from './dot.ts';
import { contentWords } from './keywords.ts';
import { INTENT_LIMITS } from './limits.ts';
import type { Entry, Registration, Scored } from './routes.ts';

export const round = (x: number) => Math.round(x * 1000) / 1000;

/** Every word a registration is known by: its name, description, examples and tags. */
export const wordsOf = (reg: Registration) =>
  [reg.intent.replace(/[-_.]/g, ' '), reg.description, ...reg.examples, ...(reg.tags ?? [])].join(' ');

/** The words that say what a registration is for: its name, description and tags (not its examples). */
export const keywordsOf = (reg: Registration) =>
  contentWords([reg.intent.replace(/[-_.]/g, ' '), reg.description, ...(reg.tags ?? [])].join(' '));

/** The cosine of `q` with each of `vectors`. */
export const similarities = (q: Float32Array, vectors: readonly Float32Array[]) =>
  vectors.map((v) => dot(q, v));

/** The meaning signal of one text: its closest examples' similarity (the closest third, at least two) beside the description's. */
export function meaningOf(sims: readonly number[], description: number): number {
  // the closest few, by insertion into a short sorted list (this runs for every handler on every message)
  const { EXAMPLES_AVERAGED, EXAMPLES_AVERAGED_SHARE } = INTENT_LIMITS;
  const n = Math.min(
    sims.length,
    Math.max(EXAMPLES_AVERAGED, Math.ceil(EXAMPLES_AVERAGED_SHARE * sims.length)),
  );
  const closest: number[] = [];
  for (const sim of sims) {
    if (closest.length === n && sim <= closest[n - 1]) continue;
    let at = closest.length === n ? n - 1 : closest.length;
    while (at > 0 && closest[at - 1] < sim) {
      closest[at] = closest[at - 1];
      at--;
    }
    closest[at] = sim;
  }
  const examples = closest.reduce((a, b) => a + b, 0) / n;
  const share = sims.length / (sims.length + INTENT_LIMITS.DESCRIPTION_AS_EXAMPLES);
  return share * examples + (1 - share) * description;
}

/**
 * How much closer `q` is to the registration's closest counterexample than to its closest
 * example (0 when it is not; `sims` are its examples' similarities): what the handler's author
 * said it does not do, it does not get.
 */
export function counterOf(q: Float32Array, e: Entry, sims: readonly number[]): number {
  if (e.counterexamples.length === 0) return 0;
  let against = -1;
  for (const v of e.counterexamples) against = Math.max(against, dot(q, v));
  return Math.max(0, against - Math.max(...sims));
}

/** How alike two registrations read: their descriptions' similarity and their examples' closest matches, both ways. */
export function alikeness(e: Entry, o: Entry): number {
  const closest = (from: Float32Array[], to: Float32Array[]) =>
    from.reduce((sum, v) => sum + Math.max(...to.map((w) => dot(v, w))), 0) / from.length;
  const examples = (closest(e.examples, o.examples) + closest(o.examples, e.examples)) / 2;
  return (dot(e.description, o.description) + examples) / 2;
}

/**
 * A cache of messages' scores sized to hold at most SCORES_CACHED_MAX scores in all: each message
 * keeps one per registration, and a thousand registrations must not make it hold millions.
 */
export const scoreCache = (registrations: number) =>
  new Lru<string, Scored[]>(
    Math.max(
      1,
      Math.min(
        INTENT_LIMITS.EMBED_CACHE_ENTRIES,
        Math.floor(INTENT_LIMITS.SCORES_CACHED_MAX / registrations),
      ),
    ),
  );
