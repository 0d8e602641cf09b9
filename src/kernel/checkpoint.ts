/**
 * Agent checkpoints: the last state an agent saved (JSON text), kept under a key so that a
 * restarted agent (a new pid) can load it. Not to be confused with the audit chain's signed
 * checkpoints (audit.ts).
 *
 * Keys are paths in the spawn tree. A spawner names a child with the label `checkpoint`; the
 * kernel prefixes that name with the spawner's own key, so an agent can only ever name keys
 * under itself and cannot reach another agent's state. Init's children are named as given
 * ("supervisor"), the supervisor's children "supervisor/web", theirs "supervisor/web/db".
 * An agent without the label has the key "pid:<pid>", whose checkpoint ends with it.
 *
 * The kernel keeps every checkpoint in memory and hands each change to the store through the
 * `checkpoint` hook; after a restart the store gives them back (Kernel.boot).
 *
 * @example
 * k.syscall(pid, 'checkpoint_save', { state: '{"n":3}' });
 * k.syscall(pid, 'checkpoint_load', {}); // { state: '{"n":3}', seq: 1, savedAt, pid }
 */
import { KernelError } from './errors.ts';
import { INIT_PID, PARAMS } from './params.ts';
import type { Agent } from './process.ts';

export interface CheckpointRecord {
  key: string;
  /** JSON text of the saved state. */
  state: string;
  /** Increases with every save in this kernel's life (orders saves). */
  seq: number;
  /** Pid of the agent that saved it. */
  pid: number;
  /** Kernel time of the save. */
  savedAt: number;
}

/** Receives every new checkpoint, or the key with `undefined` when it is cleared. */
export type CheckpointSink = (key: string, record: CheckpointRecord | undefined) => void;

/** The label a spawner sets to name a child's checkpoint. */
const CHECKPOINT_LABEL = 'checkpoint';
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export class Checkpoints {
  readonly #byKey = new Map<string, CheckpointRecord>();
  readonly #sink: CheckpointSink;
  #seq = 0;

  constructor(sink: CheckpointSink) {
    this.#sink = sink;
  }

  get size(): number {
    return this.#byKey.size;
  }

  /** The key an agent's checkpoint lives under. */
  keyOf(agent: Agent): string {
    return agent.labels[CHECKPOINT_LABEL] ?? `pid:${agent.pid}`;
  }

  /**
   * The labels a child spawned by `parent` gets: a `checkpoint` name is checked and prefixed
   * with the parent's key (nothing for init). Throws E_BAD_ARG for a malformed name.
   */
  labelChild(parent: Agent, labels: Record<string, string> | undefined): Record<string, string> | undefined {
    const name = labels?.[CHECKPOINT_LABEL];
    if (name === undefined) return labels;
    if (!NAME.test(name)) {
      throw new KernelError(
        'E_BAD_ARG',
        `Checkpoint name '${name.slice(0, 64)}' must be 1-64 letters, digits, '.', '_' or '-'`,
      );
    }
    const key = parent.pid === INIT_PID ? name : `${this.keyOf(parent)}/${name}`;
    return { ...labels, [CHECKPOINT_LABEL]: key };
  }

  save(agent: Agent, state: string, now: number): CheckpointRecord {
    if (state.length > PARAMS.CHECKPOINT_MAX_CHARS) {
      throw new KernelError(
        'E_TOO_BIG',
        `Checkpoint is ${state.length} characters; the limit is ${PARAMS.CHECKPOINT_MAX_CHARS}. Keep large data in a region or a file`,
      );
    }
    const record: CheckpointRecord = {
      key: this.keyOf(agent),
      state,
      seq: ++this.#seq,
      pid: agent.pid,
      savedAt: now,
    };
    // The sink first: when it cannot keep the save (a full disk) the agent gets its error and
    // a later load returns the last save that was kept, here as after a restart.
    this.#sink(record.key, record);
    this.#byKey.set(record.key, record);
    return record;
  }

  load(agent: Agent): CheckpointRecord | undefined {
    return this.#byKey.get(this.keyOf(agent));
  }

  /**
   * Clears the caller's own checkpoint, or with `name` the checkpoint of the caller's child of
   * that name and every one below it. Returns how many were cleared.
   */
  clear(agent: Agent, name?: string): number {
    let root = this.keyOf(agent);
    if (name !== undefined) {
      root = this.labelChild(agent, { [CHECKPOINT_LABEL]: name })![CHECKPOINT_LABEL];
    }
    let cleared = 0;
    for (const key of [...this.#byKey.keys()]) {
      if (key === root || (name !== undefined && key.startsWith(`${root}/`))) {
        this.#byKey.delete(key);
        this.#sink(key, undefined);
        cleared++;
      }
    }
    return cleared;
  }

  /** An agent ended: a checkpoint under its pid can never be loaded again. */
  ended(agent: Agent): void {
    if (agent.labels[CHECKPOINT_LABEL] === undefined && this.#byKey.has(`pid:${agent.pid}`)) {
      this.#byKey.delete(`pid:${agent.pid}`);
      this.#sink(`pid:${agent.pid}`, undefined);
    }
  }

  /** Puts back what the store kept (at boot). */
  restore(records: readonly CheckpointRecord[]): void {
    for (const r of records) {
      this.#byKey.set(r.key, r);
      this.#seq = Math.max(this.#seq, r.seq);
    }
  }

  values(): IterableIterator<CheckpointRecord> {
    return this.#byKey.values();
  }
}
