/**
 * One hybrid search over a namespace: the vector side (quantised stages, exact rescoring), the
 * lexical side (FTS5 BM25 over the WordNet-widened query), weighted reciprocal rank fusion, and
 * rows read for the answer only. The engine validates the arguments and resolves the namespace.
 *
 * @example
 * const hits = await searchNamespace({ store, vectors, wordnet, embedder, now }, ns, 'yearly audit', 10, 'hybrid', {});
 */
import type { Embedder } from './embedder.ts';
import { boost, fuse, type Vote } from './fusion.ts';
import { coverage, lexicalQuery } from './lexical.ts';
import type { LexicalSearch } from './lexical-search.ts';
import { MEMORY_LIMITS } from './limits.ts';
import type { Memory, MemoryStore, Namespace } from './store.ts';
import { checkVector, type MemoryKind } from './validate.ts';
import type { VectorStore } from './vectors.ts';
import type { WordNet } from './wordnet.ts';

export interface SearchOptions {
  limit?: number;
  /** 'hybrid' (default) fuses both sides. */
  mode?: 'hybrid' | 'lexical' | 'vector';
  /** Widen the lexical side with WordNet synonyms (default true). */
  expand?: boolean;
  /** The query's vector, when the caller embeds it. */
  vector?: Float32Array;
  /** Score the vector side by an exact scan instead of quantised candidates (the reference). */
  exact?: boolean;
  kinds?: MemoryKind[];
  /** 0 (default) ignores age; 1 doubles a brand-new memory's score against an old one. */
  recencyWeight?: number;
  /** 0 (default) ignores importance; 1 doubles an importance-1 memory's score. */
  importanceWeight?: number;
}

export interface SearchHit extends Memory {
  score: number;
  /** Cosine similarity to the query, when the vector side found it. */
  similarity?: number;
  lexicalRank?: number;
  vectorRank?: number;
}

export interface SearchDeps {
  store: MemoryStore;
  lexical: LexicalSearch;
  vectors: VectorStore;
  wordnet: WordNet;
  embedder: Embedder;
  now: () => number;
}

export async function searchNamespace(
  deps: SearchDeps,
  ns: Namespace,
  query: string,
  limit: number,
  mode: 'hybrid' | 'lexical' | 'vector',
  options: SearchOptions,
): Promise<SearchHit[]> {
  const depth = Math.max(limit, MEMORY_LIMITS.FUSION_CANDIDATES);

  const vectorVotes: Vote[] = [];
  const similarity = new Map<number, number>();
  const estimatedIds = new Set<number>();
  let queryVector: Float32Array | undefined;
  if (mode !== 'lexical') {
    const q = options.vector ?? (await deps.embedder.embed([query]))[0];
    checkVector(q, ns.dimension, ns.name, ns.model);
    queryVector = q;
    const hits = options.exact ? deps.vectors.exact(ns, q, depth) : deps.vectors.search(ns, q, depth);
    for (const h of hits) {
      vectorVotes.push({ id: h.id, weight: 1 });
      similarity.set(h.id, h.similarity);
      if (h.estimated) estimatedIds.add(h.id);
    }
  }
  const lexicalVotes: Vote[] = [];
  if (mode !== 'vector') {
    const lq = lexicalQuery(query, options.expand === false ? undefined : deps.wordnet);
    const index = deps.vectors.index(ns);
    const hits = deps.lexical.search(ns, lq.groups, depth, (id) => index.has(id));
    const texts = mode === 'lexical' ? undefined : deps.lexical.texts(hits.map((h) => h.id));
    for (const h of hits)
      lexicalVotes.push({ id: h.id, weight: texts ? coverage(lq, texts.get(h.id) ?? '') : 1 });
  }

  const scores = fuse(vectorVotes, lexicalVotes, MEMORY_LIMITS.RRF_K);
  const now = deps.now();
  const weights = {
    recencyWeight: options.recencyWeight ?? 0,
    importanceWeight: options.importanceWeight ?? 0,
    halfLifeMs: MEMORY_LIMITS.RECENCY_HALF_LIFE_MS,
  };
  // Without filters or boosts the order is known before any row is read: read only the answer.
  let ids = [...scores.keys()];
  if (!options.kinds && weights.recencyWeight === 0 && weights.importanceWeight === 0) {
    const order = (id: number) => [scores.get(id) ?? 0, similarity.get(id) ?? 0];
    ids = ids
      .map((id) => ({ id, key: order(id) }))
      .sort((a, b) => b.key[0] - a.key[0] || b.key[1] - a.key[1])
      .slice(0, limit)
      .map((x) => x.id);
  }
  // Similarities past the exactly rescored head are estimates: make the answer's exact.
  const estimated = ids.filter((id) => estimatedIds.has(id));
  if (queryVector && estimated.length > 0)
    for (const [id, s] of deps.vectors.similarities(queryVector, estimated)) similarity.set(id, s);
  const rows = deps.store.getMany(ns, ids);
  const hits: SearchHit[] = [];
  for (const id of ids) {
    const score = scores.get(id) ?? 0;
    const m = rows.get(id);
    if (!m || (options.kinds && !options.kinds.includes(m.kind))) continue;
    const lexicalRank = lexicalVotes.findIndex((v) => v.id === id);
    const vectorRank = vectorVotes.findIndex((v) => v.id === id);
    hits.push({
      ...m,
      score: score * boost(m, now, weights),
      similarity: similarity.get(id),
      lexicalRank: lexicalRank < 0 ? undefined : lexicalRank + 1,
      vectorRank: vectorRank < 0 ? undefined : vectorRank + 1,
    });
  }
  return hits.sort((a, b) => b.score - a.score || (b.similarity ?? 0) - (a.similarity ?? 0)).slice(0, limit);
}
