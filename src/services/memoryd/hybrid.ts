/**
 * One hybrid search over a namespace: the vector side (quantised stages, exact rescoring), the
 * lexical side (bounded FTS5 BM25 over the WordNet-widened query), fusion by score (cosine plus
 * a bonus for covering the query's words), and rows read for the answer only. The engine
 * validates the arguments and resolves the namespace.
 *
 * @example
 * const hits = await searchNamespace({ store, lexical, vectors, wordnet, embedder, now }, ns, 'yearly audit', 10, 'hybrid', {});
 */
import type { Embedder } from './embedder.ts';
import { boost, fuse } from './fusion.ts';
import { coverage, lexicalQuery } from './lexical.ts';
import type { LexicalHit, LexicalSearch } from './lexical-search.ts';
import { MEMORY_LIMITS } from './limits.ts';
import type { Memory, MemoryStore, Namespace } from './store.ts';
import { checkVector, type MemoryKind } from './validate.ts';
import type { VectorHit, VectorStore } from './vectors.ts';
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
  /** Whether memory `id` is in the namespace; by default, whether its vector index holds it. */
  holds?: (id: number) => boolean;
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

  // The query is embedded (by an HTTP provider, perhaps) while the lexical side runs.
  const embedding =
    mode === 'lexical'
      ? undefined
      : options.vector
        ? Promise.resolve([options.vector])
        : deps.embedder.embed([query]);
  // Should the lexical side throw first, the embedding's failure is not left unhandled.
  embedding?.catch(() => {});
  const lexicalHits: LexicalHit[] = [];
  const lq =
    mode === 'vector' ? undefined : lexicalQuery(query, options.expand === false ? undefined : deps.wordnet);
  if (lq) {
    const index = deps.vectors.index(ns);
    const holds = deps.holds ?? ((id: number) => index.has(id));
    lexicalHits.push(...deps.lexical.search(ns, lq.groups, depth, holds));
  }
  const vectorHits: VectorHit[] = [];
  let queryVector: Float32Array | undefined;
  if (embedding) {
    queryVector = (await embedding)[0];
    checkVector(queryVector, ns.dimension, ns.name, ns.model);
    vectorHits.push(
      ...(options.exact
        ? deps.vectors.exact(ns, queryVector, depth)
        : deps.vectors.search(ns, queryVector, depth)),
    );
  }
  const similarity = new Map(vectorHits.map((h) => [h.id, h.similarity]));
  const estimatedIds = new Set(vectorHits.filter((h) => h.estimated).map((h) => h.id));

  let scores: Map<number, number>;
  if (mode === 'vector') scores = similarity;
  else if (mode === 'lexical') scores = new Map(lexicalHits.map((h) => [h.id, h.score]));
  else {
    const ids = [...new Set([...similarity.keys(), ...lexicalHits.map((h) => h.id)])];
    // Lexical-only candidates need a similarity too: the int8 estimate (exact for the reference).
    const missing = ids.filter((id) => !similarity.has(id));
    const found = options.exact
      ? deps.vectors.similarities(queryVector!, missing)
      : deps.vectors.index(ns).estimate(queryVector!, missing);
    for (const [id, s] of found) {
      similarity.set(id, s);
      if (!options.exact) estimatedIds.add(id);
    }
    // Coverage adds at most FUSION_COVERAGE_WEIGHT: a candidate whose similarity lies further
    // below the limit-th best cannot reach the answer, so its text is not read (the reads are
    // most of fusion's cost). Kind filters and boosts reorder later: then every text is read.
    const sims = ids.map((id) => similarity.get(id) ?? 0).sort((a, b) => b - a);
    const reorders = options.kinds || options.recencyWeight || options.importanceWeight;
    const floor =
      reorders || sims.length <= limit
        ? Number.NEGATIVE_INFINITY
        : sims[limit - 1] - MEMORY_LIMITS.FUSION_COVERAGE_WEIGHT - MEMORY_LIMITS.FUSION_ESTIMATE_SLACK;
    const contenders = ids.filter((id) => (similarity.get(id) ?? 0) >= floor);
    const texts = deps.lexical.texts(contenders);
    scores = fuse(
      contenders.map((id) => ({
        id,
        similarity: similarity.get(id) ?? 0,
        coverage: coverage(lq!, texts.get(id) ?? ''),
      })),
      MEMORY_LIMITS.FUSION_COVERAGE_WEIGHT,
    );
  }
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
    const lexicalRank = lexicalHits.findIndex((h) => h.id === id);
    const vectorRank = vectorHits.findIndex((h) => h.id === id);
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
