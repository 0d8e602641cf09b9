/**
 * Hybrid ranking: reciprocal rank fusion of the lexical and vector lists, where each side's
 * vote for a memory is weighted by how much that side knows about it. A lexical hit that shares
 * one word of four with the query votes a quarter as loudly as one that matches them all, so a
 * distractor that merely shares a word cannot outvote the vector side's best hit, and an empty
 * lexical side leaves the vector order exactly as it was.
 *
 * @example
 * const scores = fuse([{ id: 1, weight: 1 }], [{ id: 2, weight: 0.25 }], 20);
 */

export interface Vote {
  id: number;
  /** 0 to 1: how sure this side is about this memory. */
  weight: number;
}

/** Fused score per id from two ranked lists (best first). */
export function fuse(vector: Vote[], lexical: Vote[], k: number): Map<number, number> {
  const scores = new Map<number, number>();
  const add = (list: Vote[]) =>
    list.forEach((v, rank) => {
      scores.set(v.id, (scores.get(v.id) ?? 0) + v.weight / (k + rank + 1));
    });
  add(vector);
  add(lexical);
  return scores;
}

/** Multiplier for recency (halves every `halfLifeMs`) and importance; 1 when both weights are 0. */
export function boost(
  m: { updatedAt: number; importance: number },
  now: number,
  options: { recencyWeight: number; importanceWeight: number; halfLifeMs: number },
): number {
  const age = Math.max(0, now - m.updatedAt);
  const recency = 0.5 ** (age / options.halfLifeMs);
  return (1 + options.recencyWeight * recency) * (1 + options.importanceWeight * m.importance);
}
