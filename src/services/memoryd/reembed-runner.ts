/**
 * memoryd's background re-embedding: when the configured embedder's model is not a namespace's,
 * the namespace is re-embedded in batches (engine.reembedStep) between the service's requests,
 * one namespace after another, and switched when done. Progress is stored after every batch,
 * so after a kill -9 the runner, started again with the service, goes on where it was. A
 * provider that fails pauses the job (state `waiting`, its line kept) and is retried with a
 * growing delay.
 *
 * @example
 * const runner = new ReembedRunner(engine, embedder, log);
 * void runner.reconcile();                  // at start: every namespace whose model differs
 * await runner.reconcile(['agent/alice']);  // `memory reembed --namespace agent/alice`
 * runner.jobs(['agent/alice']);             // [{ namespace, from, to, done, total, state }]
 */
import type { MemoryEngine } from './engine.ts';
import { MemoryError } from './errors.ts';
import { MEMORY_LIMITS } from './limits.ts';
import type { ConfiguredEmbedder } from './providers.ts';

export interface ReembedProgress {
  namespace: string;
  /** The model the namespace's vectors are of now. */
  from: string;
  /** The model it is being re-embedded with (its own, once done). */
  to: string;
  dimension: number;
  done: number;
  total: number;
  /** running; waiting for the embedder (see error); done (the namespace is on `to`). */
  state: 'running' | 'waiting' | 'done';
  error?: string;
}

export class ReembedRunner {
  readonly #engine: MemoryEngine;
  readonly #embedder: ConfiguredEmbedder;
  readonly #log: (message: string) => void;
  readonly #errors = new Map<string, string>();
  /** Namespaces switched since the service started: shown as done, so a watcher sees the end. */
  readonly #finished = new Set<string>();
  #running: Promise<void> | undefined;
  #stopped = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #wake: (() => void) | undefined;

  constructor(engine: MemoryEngine, embedder: ConfiguredEmbedder, log: (message: string) => void = () => {}) {
    this.#engine = engine;
    this.#embedder = embedder;
    this.#log = log;
  }

  /**
   * Starts a re-embedding of each namespace (of `only`, when given) whose model is not the
   * embedder's, drops one whose target is no longer configured, and runs them. Throws the
   * embedder's E_EMBEDDER when its model cannot be known (an ONNX file that will not load).
   */
  async reconcile(only?: string[]): Promise<void> {
    const namespaces = this.#engine.namespaces().filter((ns) => !only || only.includes(ns.name));
    // An ONNX model's dimension needs the model loaded: only when some namespace may be on another
    const needed = [];
    for (const ns of namespaces) if (await this.#differs(ns)) needed.push(ns);
    if (needed.length === 0) return;
    const target = await this.#embedder.identity();
    for (const ns of namespaces) this.#engine.reembedStart(ns.name, target);
    this.#kick();
  }

  /** Makes sure a put or update into `namespace` can be embedded: a model change starts its job. */
  async prepare(namespace: string): Promise<void> {
    const ns = this.#engine.namespaces().find((n) => n.name === namespace);
    if (!ns || !(await this.#differs(ns))) return;
    const target = await this.#embedder.identity();
    if (ns.model === target.model && ns.dimension === target.dimension) return;
    this.#engine.reembedStart(ns.name, target);
    this.#kick();
  }

  /** Whether `ns` is (or may be) on another model than the embedder's, or has a job to settle. */
  async #differs(ns: { name: string; model: string; dimension: number }): Promise<boolean> {
    if (this.#engine.reembedJob(ns.name)) return true;
    if (ns.model !== (await this.#embedder.name())) return true;
    const dimension = this.#embedder.status().dimension; // null while an ONNX model is not loaded
    return dimension !== null && dimension !== ns.dimension;
  }

  /** Progress of the named namespaces (every one with a job or another model, when not given). */
  jobs(names?: string[]): ReembedProgress[] {
    const out: ReembedProgress[] = [];
    for (const ns of this.#engine.namespaces()) {
      if (names && !names.includes(ns.name)) continue;
      const job = this.#engine.reembedJob(ns.name);
      if (!job) {
        if (names || this.#finished.has(ns.name))
          out.push({
            namespace: ns.name,
            from: ns.model,
            to: ns.model,
            dimension: ns.dimension,
            done: ns.count,
            total: ns.count,
            state: 'done',
          });
        continue;
      }
      const error = this.#errors.get(ns.name);
      out.push({
        namespace: ns.name,
        from: ns.model,
        to: job.model,
        dimension: job.dimension,
        done: job.done,
        total: job.total,
        state: error === undefined ? 'running' : 'waiting',
        ...(error === undefined ? {} : { error }),
      });
    }
    return out;
  }

  /**
   * Stops at once: a wait for a failed embedder ends, and a batch in flight is not stored (the
   * engine is closing); the next start goes on from the last batch stored. Never waits for an
   * embedder, which may take its whole timeout to answer.
   */
  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#wake?.();
  }

  #kick(): void {
    if (this.#running || this.#stopped) return;
    this.#running = this.#loop()
      .catch((error: unknown) => this.#log(`re-embedding stopped: ${(error as Error)?.stack ?? error}`))
      .finally(() => {
        this.#running = undefined;
      });
  }

  async #loop(): Promise<void> {
    let delay: number = MEMORY_LIMITS.REEMBED_RETRY_MS;
    while (!this.#stopped) {
      const names = this.#engine.reembedding();
      if (names.length === 0) return;
      const name = names[0];
      try {
        const job = await this.#engine.reembedStep(name);
        if (this.#stopped) return;
        this.#errors.delete(name);
        delay = MEMORY_LIMITS.REEMBED_RETRY_MS;
        if (!job) {
          this.#finished.add(name);
          this.#log(`namespace '${name}' is re-embedded`);
        }
      } catch (error) {
        if (this.#stopped) return;
        if (!(error instanceof MemoryError)) throw error;
        if (this.#errors.get(name) !== error.message)
          this.#log(`re-embedding '${name}' waits: ${error.message}`);
        this.#errors.set(name, error.message);
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
          this.#timer = setTimeout(resolve, delay);
        });
        delay = Math.min(delay * 2, MEMORY_LIMITS.REEMBED_RETRY_MAX_MS);
        continue;
      }
      // Between batches the service's requests run (a put, a search) before the next batch
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
