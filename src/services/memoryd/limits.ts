/**
 * Every limit and tuning constant of memoryd's engine, in one place (the service's params.ts).
 *
 * @example
 * import { MEMORY_LIMITS } from './limits.ts';
 * if (bytes > MEMORY_LIMITS.TEXT_MAX_BYTES) throw new MemoryError('E_TOO_BIG', '...');
 */

const KiB = 1024;

export const MEMORY_LIMITS = {
  /** Largest memory text: a memory is a fact or a passage, not a document. */
  TEXT_MAX_BYTES: 16 * KiB,
  /** Largest metadata object, serialised as JSON. */
  METADATA_MAX_BYTES: 4 * KiB,
  /** Longest search query. */
  QUERY_MAX_BYTES: 2 * KiB,
  /** Namespace names: short, printable, usable as a path segment. */
  NAMESPACE_MAX_CHARS: 128,
  /** Largest vector dimension a namespace may record. */
  DIMENSION_MAX: 4096,
  /** Most results one search returns. */
  SEARCH_LIMIT_MAX: 100,
  /** Sentences the encoder embeds per call (the Universal Sentence Encoder's sweet spot here). */
  EMBED_BATCH: 32,
  /** Candidates each side of a hybrid search contributes before fusion. */
  FUSION_CANDIDATES: 50,
  /**
   * Memories a vector search keeps after its first stage, the Hamming scan over sign bits, to
   * score by int8 dot product. 1,500 of 100,000 put recall@10 against the exact scan at 0.998
   * on the dev questions (400: 0.972, 1,000: 0.991, 2,000: 0.999, 4,000: 1.0), measured over
   * bench/memory.bench.ts's 100,000-memory store, never on the held-out questions.
   */
  SCAN_POOL: 1500,
  /**
   * Best int8 scores rescored with the exact float32 vectors (a read of each from SQLite). On
   * the dev questions at 100,000 the int8 top 20 always held the exact top 10 (recall@10 against
   * the exact scan was the same for 20, 30 and 50); hits past it keep their int8 rank, and any of
   * them in the answer gets its exact similarity.
   */
  EXACT_RESCORE: 20,
  /** Hamming pool for auto-links: neighbours above AUTO_LINK_MIN_SIMILARITY differ in few sign bits. */
  AUTO_LINK_POOL: 200,
  /**
   * Lexical matches read before keeping a namespace's own: when other namespaces hold more than
   * this share of the best matches, the search falls back to a join (exact, slower).
   */
  LEXICAL_OVERFETCH: 4,
  /**
   * A lexical query whose terms appear in at most this many memories in all is ranked exactly
   * (BM25 over every match); past it, common terms are bounded (LEXICAL_RARE_DF, _COMMON_CAP).
   * Measured at 100,000 memories: the median query's terms reach 680, the 95th percentile's
   * 10,000, where exact ranking cost 8 ms of CPU. 1,500 / 300 / 500 (this, RARE_DF, COMMON_CAP)
   * cost 1.0 ms a query on the dev questions against 2.9 for exact ranking, with the same dev
   * recall (3,000 / 500 / 1,000: 1.7 ms).
   */
  LEXICAL_EXACT_POSTINGS: 1500,
  /** A term in at most this many memories is rare: all its matches are ranked, even in a heavy query. */
  LEXICAL_RARE_DF: 300,
  /** Newest matches of a heavy query's common terms that are scored (their BM25 adds to the rare terms'). */
  LEXICAL_COMMON_CAP: 500,
  /** Terms whose document frequency memoryd keeps counted (each is counted once by FTS5). */
  LEXICAL_DF_CACHE: 20_000,
  /** Writes after which FTS5's segments may be merged into one ... */
  LEXICAL_MERGE_MIN: 1000,
  /** ... once they are also this share of the store (merging rewrites the whole index). */
  LEXICAL_MERGE_SHARE: 0.5,
  /**
   * What covering all of a query's words (or their synonyms) adds to a hybrid candidate's cosine
   * similarity. Tuned on the dev questions only: 0.05 to 0.15 all beat both sides alone, 0.1
   * best (recall@10 0.712 against 0.697 for vectors alone).
   */
  FUSION_COVERAGE_WEIGHT: 0.1,
  /** How far an int8 similarity estimate may be from the exact cosine (measured: about 0.005). */
  FUSION_ESTIMATE_SLACK: 0.01,
  /** WordNet senses per query word whose lemmas expand the query (the most frequent first). */
  SYNONYM_SENSES: 2,
  /** Synonyms added per query word at most. */
  SYNONYMS_PER_WORD: 6,
  /** Link relations: a short printable word such as 'similar', 'cites' or 'part-of'. */
  RELATION_MAX_CHARS: 64,
  /** Deepest neighbourhood graph() returns (links followed from the memory, both directions). */
  GRAPH_DEPTH_MAX: 4,
  /** Most memories one graph() answer holds: a hub memory's neighbourhood is cut here. */
  GRAPH_NODES_MAX: 200,
  /** Longest path graph(…, { to }) looks for when no depth is given, in links. */
  GRAPH_PATH_MAX_LINKS: 6,
  /** Memories a path search visits at most before it answers "no path". */
  GRAPH_PATH_VISIT_MAX: 20_000,
  /** Neighbours a new memory is linked to at most (A-MEM's Zettelkasten links, relation 'similar'). */
  AUTO_LINK_MAX: 3,
  /**
   * Cosine similarity a neighbour needs to be auto-linked. Measured by eval/link-threshold.ts on
   * the dev set: random pairs of memories pass 0.6 1.3% of the time (0.5: 3.4%, 0.7: 0.5%);
   * a memory and the question written apart from it, two phrasings of one fact, 13% (their
   * median is 0.48: a question and a statement score lower than two statements). 0.6 keeps
   * chance links rare while the AUTO_LINK_MAX cap keeps the closest of the rest.
   */
  AUTO_LINK_MIN_SIMILARITY: 0.6,
  /** Half-life of recency weighting, in milliseconds (30 days). */
  RECENCY_HALF_LIFE_MS: 30 * 24 * 3600 * 1000,
  /** An OpenAI-compatible embeddings request gives up after this long. */
  HTTP_TIMEOUT_MS: 30_000,
  /** Texts per OpenAI-compatible embeddings request. */
  HTTP_BATCH: 64,
  /** Tokens an ONNX model reads per text at most (BERT-style models' position limit). */
  ONNX_MAX_TOKENS: 512,
  /** Memories a re-embedding embeds and commits at a time (its progress is stored after each). */
  REEMBED_BATCH: 64,
  /** A re-embedding whose embedder fails waits this long before trying again, doubling each time… */
  REEMBED_RETRY_MS: 1000,
  /** …up to this. */
  REEMBED_RETRY_MAX_MS: 60_000,
} as const;

/**
 * What the memoryd service allows each agent: its own namespace (`agent/<name>`) holds at most
 * this many memories and bytes (writes by agents it shared it with count too), and its writes
 * are paced so that a flood of small ones cannot crowd out other agents. The owner's
 * namespaces have no quota.
 */
export const MEMORYD_QUOTAS = {
  /** Memories in one agent's namespace. */
  ITEMS: 10_000,
  /** Bytes of text and metadata in one agent's namespace (current versions). */
  BYTES: 16 * 1024 * KiB,
  /** Writes per second one agent may make, on average; more wait (backpressure, not an error). */
  WRITES_PER_SEC: 100,
  /** Writes one agent may make at once before the pace applies. */
  WRITE_BURST: 200,
  /** Agents whose pace memoryd remembers; the longest idle are forgotten past it. */
  PACED_AGENTS_MAX: 10_000,
} as const;

/**
 * Letta's tiers as memoryd objects (blocks.ts, recall.ts): core blocks are small named texts
 * handed to the agent's LLM calls, so each has a byte limit and a namespace holds few of them;
 * the recorded conversation is stored in parts no larger than a memory.
 */
export const MEMORY_TIERS = {
  /** A core block's byte limit when it is created without one (Letta's blocks are a few KB). */
  BLOCK_BYTES_DEFAULT: 2 * KiB,
  /** The largest limit a core block may be given: one memory's text. */
  BLOCK_BYTES_MAX: MEMORY_LIMITS.TEXT_MAX_BYTES,
  /** Core blocks in one namespace: all of them go into every LLM call that asks for them. */
  BLOCKS_MAX: 16,
  /** Block labels: a short word usable as a tag in the prompt (`persona`, `human`, `preferences`). */
  LABEL_MAX_CHARS: 64,
  /** Tokens of a request the core blocks may take when the call does not say (about 16 KiB of text). */
  PROMPT_TOKENS_DEFAULT: 4096,
  /** The most a call may give them: the LLM service takes a system prompt of 100,000 characters. */
  PROMPT_TOKENS_MAX: 24_000,
  /** Characters per token in the estimate (the LLM service and the scheduler count the same way). */
  CHARS_PER_TOKEN: 4,
  /** Recorded messages one conversation listing returns at most. */
  CONVERSATION_PAGE_MAX: 200,
  /** Recorded messages one listing returns when it does not say. */
  CONVERSATION_PAGE_DEFAULT: 50,
} as const;
