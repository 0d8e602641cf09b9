/**
 * memoryd's engine: memories in one SQLite file, versioned, searchable by words (FTS5 BM25
 * with WordNet synonyms) and by meaning (sentence vectors: a SIMD scan over sign bits, int8
 * scoring of the pool, exact rescoring of the short list), fused, and linked into a graph.
 * The memoryd service wraps this with capabilities, quotas and audit.
 *
 * @example
 * const memory = new MemoryEngine({ path: join(home, 'memory.db') });
 * const [m] = await memory.put('alice', [{ text: 'Dana handles the annual audit' }]);
 * const hits = await memory.search('alice', 'which colleague looks after the yearly audit');
 * memory.close();
 */
import type { DatabaseSync } from 'node:sqlite';
import { type CheckReport, checkStores } from './check.ts';
import { diffMemories, type MemoryDiff } from './diff.ts';
import { type Embedder, SentenceEncoder } from './embedder.ts';
import { MemoryError, modelMismatch } from './errors.ts';
import { type SearchHit, type SearchOptions, searchNamespace } from './hybrid.ts';
import { type KindPage, ofKind } from './kinds.ts';
import { LexicalSearch } from './lexical-search.ts';
import { MEMORY_LIMITS } from './limits.ts';
import { checkRelation, checkWeight, type Link, LinkStore } from './links.ts';
import { type ReembedJob, ReembedStore } from './reembed.ts';
import { embedQuery, searchableDuringReembedding, startReembedding, stepReembedding } from './reembedding.ts';
import { openMemoryDb } from './schema.ts';
import { type Memory, MemoryStore, type Namespace, notFound, type Usage } from './store.ts';
import {
  checkDepth,
  checkMemoryInput,
  checkNamespace,
  checkSearch,
  checkVector,
  checkVersion,
  type MemoryInput,
  type MemoryKind,
} from './validate.ts';
import { VectorStore } from './vectors.ts';
import { WordNet } from './wordnet.ts';

export interface MemoryEngineOptions {
  /** The database file (created if missing); ':memory:' for a private one. */
  path: string;
  /** Embeds texts when the caller gives no vectors; the offline sentence encoder by default. */
  embedder?: Embedder;
  wordnet?: WordNet;
  now?: () => number;
}

export type { SearchHit, SearchOptions } from './hybrid.ts';

export interface GraphOptions {
  /** Links to follow from the memory, both directions (1 to GRAPH_DEPTH_MAX; default 1). */
  depth?: number;
  /** Find the shortest path to this memory instead of the neighbourhood. */
  to?: number;
}

export interface MemoryExport {
  namespace: string;
  memories: Memory[];
  links: Link[];
}

export class MemoryEngine {
  readonly embedder: Embedder;
  readonly #db: DatabaseSync;
  readonly #store: MemoryStore;
  readonly #links: LinkStore;
  readonly #lexical: LexicalSearch;
  readonly #vectors: VectorStore;
  readonly #reembed: ReembedStore;
  readonly #wordnet: WordNet;
  readonly #now: () => number;

  constructor(options: MemoryEngineOptions) {
    this.#now = options.now ?? Date.now;
    this.#db = openMemoryDb(options.path);
    this.#store = new MemoryStore(this.#db, { now: this.#now });
    this.#links = new LinkStore(this.#db, { now: this.#now });
    this.#lexical = new LexicalSearch(this.#db);
    this.#vectors = new VectorStore(this.#db);
    this.#reembed = new ReembedStore(this.#db);
    this.embedder = options.embedder ?? new SentenceEncoder();
    this.#wordnet = options.wordnet ?? new WordNet();
  }

  /** Creates namespace `name` for vectors of `model`, or checks that it already holds them. */
  namespace(name: string, vectors: { model: string; dimension: number } = this.embedder): Namespace {
    return this.#store.ensureNamespace(checkNamespace(name), vectors.model, vectors.dimension);
  }

  /** Every namespace with its model, memory count and bytes stored. */
  namespaces(): (Namespace & Usage)[] {
    return this.#store.namespaces();
  }

  /** Memories in `namespace` and bytes of their text and metadata (current versions); zeros if it is new. */
  usage(namespace: string): Usage {
    const ns = this.#store.namespace(checkNamespace(namespace));
    return ns ? this.#store.usage(ns) : { count: 0, bytes: 0 };
  }

  /**
   * Stores memories, embedding them in batches unless `options.vectors` gives one per memory
   * (then `options.model` names their model; a new namespace records it). Each new memory is
   * linked ('similar', weight = cosine) to its nearest memories already in the namespace, at
   * most AUTO_LINK_MAX of them at AUTO_LINK_MIN_SIMILARITY or above, unless `options.link` is
   * false: finding neighbours scans the namespace once per memory, which an agent's put never
   * notices beside embedding its text, but which dominates a bulk import of given vectors (an
   * export being restored brings its own links).
   */
  async put(
    namespace: string,
    inputs: MemoryInput[],
    options: { vectors?: Float32Array[]; model?: string; link?: boolean } = {},
  ): Promise<Memory[]> {
    checkNamespace(namespace);
    if (!Array.isArray(inputs))
      throw new MemoryError('E_BAD_ARGUMENT', 'Memories must be an array of { text }');
    const checked = inputs.map(checkMemoryInput);
    const given = options.vectors;
    if (given && given.length !== checked.length) {
      throw new MemoryError(
        'E_BAD_ARGUMENT',
        `Got ${given.length} vectors for ${checked.length} memories; pass one per memory`,
      );
    }
    // Embedded first: a model that loads on first use (ONNX) knows its name and dimension after
    const vectors = given ?? (await this.embedder.embed(checked.map((m) => m.text)));
    const { ns, next } = given
      ? this.#target(
          namespace,
          options.model ?? this.embedder.model,
          given[0]?.length ?? this.embedder.dimension,
          false,
        )
      : this.#target(namespace, this.embedder.model, this.embedder.dimension, true);
    const into = next ?? ns;
    for (const v of vectors) checkVector(v, into.dimension, ns.name, into.model);
    const memories = this.#transaction(ns, () => {
      const memories = this.#store.insertRows(ns, checked);
      for (const [i, { id }] of memories.entries()) {
        // During a re-embedding a new memory gets the new model's vector, and no auto-links
        // (its neighbours' vectors are of the old model until the switch)
        if (next) {
          this.#reembed.stage(ns, id, vectors[i]);
          continue;
        }
        // One at a time, so a batch links to its own earlier memories as single puts would.
        this.#vectors.put(ns, id, vectors[i]);
        if (options.link === false) continue;
        for (const n of this.#vectors.neighbours(ns, vectors[i], id)) {
          this.#links.put(ns, { from: id, to: n.id, relation: 'similar', weight: n.similarity });
        }
      }
      return memories;
    });
    this.#lexical.written(memories.length);
    return memories;
  }

  /** Writes a new version of memory `id` (fields not given keep their value). */
  async update(
    namespace: string,
    id: number,
    patch: Partial<MemoryInput>,
    vector?: Float32Array,
  ): Promise<Memory> {
    const ns = this.#existing(namespace);
    const current = this.#store.get(ns, id);
    if (!current) throw notFound(ns, id);
    const next = checkMemoryInput({
      text: patch.text ?? current.text,
      kind: patch.kind ?? current.kind,
      metadata: patch.metadata ?? current.metadata,
      importance: patch.importance ?? current.importance,
    });
    const textChanged = next.text !== current.text;
    const v = vector ?? (textChanged ? (await this.embedder.embed([next.text]))[0] : undefined);
    const job = this.#reembed.get(ns);
    // The embedder's vector goes where its model lives: the namespace's, or the re-embedding's
    const staged = v !== undefined && vector === undefined && job?.model === this.embedder.model;
    if (v && !staged && vector === undefined && this.embedder.model !== ns.model)
      throw modelMismatch(ns, this.embedder.model, this.embedder.dimension);
    if (v) checkVector(v, staged ? job!.dimension : ns.dimension, ns.name, staged ? job!.model : ns.model);
    const m = this.#transaction(ns, () => {
      const m = this.#store.updateRow(ns, id, next);
      if (v && staged) this.#reembed.stage(ns, id, v);
      else if (v) this.#vectors.put(ns, id, v);
      return m;
    });
    this.#lexical.written(1);
    return m;
  }

  /** Memory `id` now, or as it read at time `asOf` (ms since the epoch). */
  get(namespace: string, id: number, asOf?: number): Memory | undefined {
    const ns = this.#store.namespace(checkNamespace(namespace));
    return ns ? this.#store.get(ns, id, asOf) : undefined;
  }

  /** Memories of `kind` in `namespace`, oldest first (core blocks, the recorded conversation). */
  ofKind(namespace: string, kind: MemoryKind, page?: KindPage): Memory[] {
    const ns = this.#store.namespace(checkNamespace(namespace));
    return ns ? ofKind(this.#store, ns, kind, page) : [];
  }

  /** The stored vector of memory `id` (to re-index, export or compare). */
  vector(namespace: string, id: number): Float32Array | undefined {
    const ns = this.#existing(namespace);
    return this.#store.get(ns, id) ? this.#vectors.get(id) : undefined;
  }

  /** Every version of memory `id`, oldest first. */
  history(namespace: string, id: number): Memory[] {
    return this.#store.history(this.#existing(namespace), id);
  }

  /** What changed from version `fromVersion` to `toVersion` of memory `id`. */
  diff(namespace: string, id: number, fromVersion: number, toVersion: number): MemoryDiff {
    const ns = this.#existing(namespace);
    checkVersion(fromVersion);
    checkVersion(toVersion);
    const from = this.#store.version(ns, id, fromVersion);
    const to = this.#store.version(ns, id, toVersion);
    return { from, to, changes: diffMemories(from, to) };
  }

  /**
   * Links memory `from` to memory `to` (both in `namespace`) with a typed relation; linking
   * again with the same relation is harmless (it updates the weight).
   */
  link(namespace: string, from: number, to: number, relation = 'related', weight = 1): Link {
    const ns = this.#existing(namespace);
    checkRelation(relation);
    checkWeight(weight);
    for (const id of [from, to]) if (!this.#store.get(ns, id)) throw notFound(ns, id);
    return this.#links.put(ns, { from, to, relation, weight });
  }

  /**
   * Memory `id`'s neighbourhood within `depth` links (both directions, at most GRAPH_NODES_MAX
   * memories, `id` first); with `to`, the shortest path's memories in order and its links
   * (both empty when no path is within reach).
   */
  graph(namespace: string, id: number, options: GraphOptions = {}): { nodes: Memory[]; links: Link[] } {
    const ns = this.#existing(namespace);
    const { depth, to } = options;
    if (depth !== undefined) checkDepth(depth);
    if (!this.#store.get(ns, id)) throw notFound(ns, id);
    if (to !== undefined && !this.#store.get(ns, to)) throw notFound(ns, to);
    const found =
      to === undefined
        ? this.#links.neighbourhood(ns, id, depth ?? 1)
        : this.#links.path(ns, id, to, depth ?? MEMORY_LIMITS.GRAPH_PATH_MAX_LINKS);
    const rows = this.#store.getMany(ns, found.ids);
    return { nodes: found.ids.map((n) => rows.get(n)).filter((m) => m !== undefined), links: found.links };
  }

  /** Every current memory of `namespace` with the links among them. */
  export(namespace: string): MemoryExport {
    const ns = this.#existing(namespace);
    return { namespace: ns.name, memories: this.#store.all(ns), links: this.#links.all(ns) };
  }

  /** Removes memories for good (rows, versions, FTS entries, vectors, links); returns how many. */
  forget(namespace: string, ids: number[]): number {
    const ns = this.#existing(namespace);
    const removed = this.#transaction(ns, () => {
      let removed = 0;
      for (const id of ids) {
        if (this.#store.deleteRow(ns, id)) {
          this.#vectors.delete(ns, id);
          this.#reembed.forget(id);
          this.#links.deleteFor(id);
          removed++;
        }
      }
      return removed;
    });
    this.#lexical.written(removed);
    return removed;
  }

  /**
   * Hybrid search (see hybrid.ts). When the query cannot be embedded for the namespace's vectors
   * (the embedder fails, or the namespace holds another model's vectors while it is re-embedded)
   * the search is lexical, and a line saying why goes into `options.notes`.
   */
  async search(
    namespace: string,
    query: string,
    options: SearchOptions & { notes?: string[] } = {},
  ): Promise<SearchHit[]> {
    const { limit, mode } = checkSearch(query, options);
    const ns = this.#store.namespace(checkNamespace(namespace));
    if (!ns) return [];
    let searchMode = mode;
    let vector = options.vector;
    if (searchMode !== 'lexical' && vector === undefined) {
      const embedded = await embedQuery(this.embedder, this.#reembed, ns, query);
      if ('why' in embedded) {
        searchMode = 'lexical';
        options.notes?.push(`${embedded.why}; these are lexical (word) matches only`);
      } else vector = embedded.vector;
    }
    return searchNamespace(
      {
        store: this.#store,
        lexical: this.#lexical,
        vectors: this.#vectors,
        wordnet: this.#wordnet,
        embedder: this.embedder,
        now: this.#now,
        holds: searchableDuringReembedding(this.#reembed, this.#vectors, ns),
      },
      ns,
      query,
      limit,
      searchMode,
      { ...options, vector },
    );
  }

  /** The namespace's re-embedding, if one is under way. */
  reembedJob(namespace: string): ReembedJob | undefined {
    const ns = this.#store.namespace(checkNamespace(namespace));
    return ns ? this.#reembed.get(ns) : undefined;
  }

  /** Names of the namespaces with a re-embedding under way. */
  reembedding(): string[] {
    const ids = new Set(this.#reembed.namespaceIds());
    return this.#store
      .namespaces()
      .filter((ns) => ids.has(ns.id))
      .map((ns) => ns.name);
  }

  /** Starts re-embedding `namespace` with `to` (see reembedding.ts). */
  reembedStart(namespace: string, to: { model: string; dimension: number }): ReembedJob | undefined {
    return startReembedding(this.#reembed, this.#existing(namespace), to, this.#now());
  }

  /** One batch of `namespace`'s re-embedding with the engine's embedder (see reembedding.ts). */
  reembedStep(
    namespace: string,
    batch: number = MEMORY_LIMITS.REEMBED_BATCH,
  ): Promise<ReembedJob | undefined> {
    return stepReembedding(
      {
        db: this.#db,
        reembed: this.#reembed,
        vectors: this.#vectors,
        embedder: this.embedder,
        now: this.#now,
      },
      this.#existing(namespace),
      batch,
    );
  }

  /**
   * Verifies that rows, versions, FTS entries, vectors (on disk and in memory), links and usage
   * counts agree.
   */
  check(): CheckReport {
    const extra: string[] = [];
    for (const ns of this.#store.namespaces()) {
      const size = this.#vectors.index(ns).size;
      // while re-embedding, memories written since it began have only a new-model vector
      const expected = this.#reembed.get(ns) ? this.#vectors.count(ns) : ns.count;
      if (size !== expected) extra.push(`namespace '${ns.name}' has ${expected} vectors but ${size} indexed`);
    }
    return checkStores(this.#db, extra);
  }

  /** Bytes the in-memory vector indexes hold. */
  indexBytes(): number {
    return this.#store.namespaces().reduce((sum, ns) => sum + this.#vectors.index(ns).bytes, 0);
  }

  /** The vector side alone, by quantised candidates or by an exact scan (for benchmarks). */
  nearest(
    namespace: string,
    vector: Float32Array,
    k: number,
    exact = false,
  ): { id: number; similarity: number }[] {
    const ns = this.#existing(namespace);
    checkVector(vector, ns.dimension, ns.name, ns.model);
    return exact ? this.#vectors.exact(ns, vector, k) : this.#vectors.search(ns, vector, k);
  }

  /** Closes the database; closing twice is harmless. */
  close(): void {
    this.#wordnet.close();
    if (this.#db.isOpen) this.#db.close();
  }

  /**
   * The namespace vectors of `model` go into, created for it if new, and `next`, the
   * re-embedding they belong to instead when that is the one of their model. `strict` refuses
   * another model of the same dimension (given vectors name theirs loosely).
   */
  #target(
    name: string,
    model: string,
    dimension: number,
    strict: boolean,
  ): { ns: Namespace; next?: { model: string; dimension: number } } {
    const ns = this.#store.namespace(name);
    if (!ns) return { ns: this.#store.ensureNamespace(name, model, dimension) };
    const job = this.#reembed.get(ns);
    if (job && job.model === model && job.dimension === dimension) return { ns, next: job };
    if (strict && (ns.model !== model || ns.dimension !== dimension))
      throw modelMismatch(ns, model, dimension);
    return { ns };
  }

  #existing(name: string): Namespace {
    const ns = this.#store.namespace(checkNamespace(name));
    if (!ns) throw new MemoryError('E_NOT_FOUND', `No namespace '${name}'; put a memory into it first`);
    return ns;
  }

  #transaction<T>(ns: Namespace, fn: () => T): T {
    this.#db.exec('begin immediate');
    try {
      const out = fn();
      this.#db.exec('commit');
      return out;
    } catch (err) {
      this.#db.exec('rollback');
      // The in-memory index may hold writes the rollback undid: rebuild it from the table.
      this.#vectors.drop(ns);
      throw err;
    }
  }
}
