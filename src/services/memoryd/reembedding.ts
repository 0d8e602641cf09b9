/**
 * Driving a namespace's re-embedding: starting a job towards another model, and running it one
 * batch at a time with the engine's embedder until every memory has a vector of the new model,
 * then switching the namespace over in one transaction (the stored state is reembed.ts's).
 *
 * @example
 * startReembedding(jobs, ns, { model: 'onnx:model.onnx@3f2a', dimension: 384 }, Date.now());
 * while (await stepReembedding(parts, ns, 64)) {} // undefined once switched
 */
import type { DatabaseSync } from 'node:sqlite';
import type { Embedder } from './embedder.ts';
import { MemoryError, modelMismatch } from './errors.ts';
import type { ReembedJob, ReembedStore } from './reembed.ts';
import type { Namespace } from './store.ts';
import { checkVector } from './validate.ts';
import type { VectorStore } from './vectors.ts';

/** What a re-embedding step works on: the engine's database, stores and embedder. */
export interface ReembedParts {
  db: DatabaseSync;
  reembed: ReembedStore;
  vectors: VectorStore;
  embedder: Embedder;
  now: () => number;
}

/**
 * Starts re-embedding `ns` with `to` (nothing happens when that is its model, and a
 * re-embedding towards another model is dropped); the job runs in stepReembedding's batches.
 */
export function startReembedding(
  jobs: ReembedStore,
  ns: Namespace,
  to: { model: string; dimension: number },
  now: number,
): ReembedJob | undefined {
  if (ns.model === to.model && ns.dimension === to.dimension) {
    if (jobs.get(ns)) jobs.cancel(ns);
    return undefined;
  }
  return jobs.start(ns, to.model, to.dimension, now);
}

/**
 * One batch of `ns`'s re-embedding with `parts.embedder` (whose model must be the job's):
 * embeds up to `batch` memories and stores them with the job's progress; when none is left,
 * switches the namespace to the new vectors in one transaction. Returns the job, or undefined
 * once the namespace has switched.
 */
export async function stepReembedding(
  parts: ReembedParts,
  ns: Namespace,
  batch: number,
): Promise<ReembedJob | undefined> {
  const { reembed, vectors, embedder } = parts;
  const job = reembed.get(ns);
  if (!job) return undefined;
  const todo = reembed.pending(ns, job.cursor, batch);
  if (todo.length === 0) {
    if (reembed.finish(ns, (job) => vectors.recode(ns, job.dimension))) {
      vectors.drop(ns); // the index of the old vectors; the next search loads the new
      return undefined;
    }
    reembed.rewind(ns);
    return reembed.get(ns);
  }
  const embedded = await embedder.embed(todo.map((m) => m.text));
  if (!parts.db.isOpen) return undefined; // closed while it embedded: the next start redoes the batch
  if (embedder.model !== job.model) throw modelMismatch(ns, embedder.model, embedder.dimension);
  for (const v of embedded) checkVector(v, job.dimension, ns.name, job.model);
  reembed.commitBatch(
    ns,
    todo.map((m, i) => ({ id: m.id, hash: m.hash, vector: embedded[i] })),
    parts.now(),
  );
  return reembed.get(ns);
}

/**
 * While `ns` is re-embedded, memories put since it began have no vector of the old model (nor a
 * place in its index), yet the lexical side must still find them: the namespace's members are
 * then the index's and the staged ones. Undefined when no re-embedding is under way.
 */
export function searchableDuringReembedding(
  reembed: ReembedStore,
  vectors: VectorStore,
  ns: Namespace,
): ((id: number) => boolean) | undefined {
  if (!reembed.get(ns)) return undefined;
  const staged = reembed.staged(ns);
  const index = vectors.index(ns);
  return (id) => index.has(id) || staged.has(id);
}

/**
 * The query's vector for `ns`, or why there is none: the embedder failed, or its model is not
 * the namespace's (during a re-embedding towards it, or after the configuration changed).
 */
export async function embedQuery(
  embedder: Embedder,
  reembed: ReembedStore,
  ns: Namespace,
  query: string,
): Promise<{ vector: Float32Array } | { why: string }> {
  let vector: Float32Array;
  try {
    [vector] = await embedder.embed([query]);
  } catch (error) {
    if (error instanceof MemoryError && (error.code === 'E_EMBEDDER' || error.code === 'E_MODEL'))
      return { why: error.message };
    throw error;
  }
  if (embedder.model === ns.model) return { vector };
  const job = reembed.get(ns);
  return {
    why:
      job && job.model === embedder.model
        ? `Namespace '${ns.name}' is being re-embedded with '${job.model}' (${job.done} of ${job.total} memories); its vectors are of '${ns.model}' until it is done`
        : `Namespace '${ns.name}' holds vectors of '${ns.model}', not of the configured '${embedder.model}'; re-embed it (memory reembed)`,
  };
}
