/**
 * Retrieval quality over a labelled question set: recall@3, recall@10 and mean reciprocal
 * rank of the one memory that answers each question.
 *
 * @example
 * const q = await measure(set.dev, (question, i) => engine.search('eval', question, { vector: qv[i] }), idOf);
 */

export interface Quality {
  recallAt3: number;
  recallAt10: number;
  mrr: number;
  questions: number;
}

/** `search` returns memory ids best first; `answerId` maps a question to its answer's id. */
export async function measure<Q>(
  questions: Q[],
  search: (q: Q) => Promise<number[]>,
  answerId: (q: Q) => number,
): Promise<Quality> {
  let r3 = 0;
  let r10 = 0;
  let rr = 0;
  for (const q of questions) {
    const ids = await search(q);
    const rank = ids.indexOf(answerId(q)) + 1;
    if (rank >= 1 && rank <= 3) r3++;
    if (rank >= 1 && rank <= 10) r10++;
    if (rank >= 1) rr += 1 / rank;
  }
  const n = questions.length || 1;
  return { recallAt3: r3 / n, recallAt10: r10 / n, mrr: rr / n, questions: questions.length };
}
