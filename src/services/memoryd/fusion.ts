/**
 * Hybrid ranking by score: a candidate's cosine similarity to the query (what the vector side
 * knows about it) plus up to `weight` for how much of the query it covers (what the lexical side
 * knows: the share of the query's words, or one of their synonyms, that it contains). Every
 * candidate of either side is scored the same way, so a vector hit that also holds the query's
 * words rises, a lexical hit that shares one word of four gains a quarter of the bonus and
 * needs a similarity close to the best to pass them, and when the query's words appear nowhere
 * the order is the vector order exactly. Reciprocal rank fusion, which this replaced, threw the
 * similarities away and let rank 1 of a weak lexical list count like rank 1 of the vector list.
 *
 * @example
 * const scores = fuse([{ id: 1, similarity: 0.62, coverage: 0 }, { id: 2, similarity: 0.58, coverage: 1 }], 0.1);
 */

export interface Candidate {
  id: number;
  /** Cosine similarity to the query, -1 to 1. */
  similarity: number;
  /** 0 to 1: the share of the query's word groups the memory's text contains. */
  coverage: number;
}

/** Fused score per id. */
export function fuse(candidates: Candidate[], weight: number): Map<number, number> {
  return new Map(candidates.map((c) => [c.id, c.similarity + weight * c.coverage]));
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
