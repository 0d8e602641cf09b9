/**
 * os.checkpoint: an agent saves its state as it goes; after a crash its successor (a new pid
 * with the same checkpoint name, usually started by a supervisor) loads it and carries on.
 *
 * A warm standby (the second instance a supervisor keeps for a critical child) holds a
 * `standby` handle. Its load() first waits on that handle until the supervisor hands it the
 * work (the takeover message carries the handles the active instance had, such as `service`),
 * and only then reads the latest checkpoint. So a standby runs its start-up code, parks in
 * load(), and takes over in the time it takes to read one message.
 *
 * @example
 * const state = (await os.checkpoint.load<{ n: number }>()) ?? { n: 0 };
 * await os.ipc.serve(os.handles.service, async () => {
 *   state.n++;
 *   await os.checkpoint.save(state);
 *   return state;
 * });
 */
import type { Message } from './os.ts';

type Sys = <T = unknown>(name: string, args?: Record<string, unknown>) => Promise<T>;

/** What a supervisor sends a standby to make it the active instance. */
export interface Takeover {
  takeover: { names: string[] };
}

export function createCheckpoint(
  sys: Sys,
  recv: (handle: number) => Promise<Message>,
  handles: Record<string, number>,
) {
  const takeOver = async () => {
    const standby = handles.standby;
    if (standby === undefined) return;
    const message = await recv(standby);
    const { takeover } = message.json<Takeover>();
    takeover.names.forEach((name, i) => {
      if (message.handles[i] !== undefined) handles[name] = message.handles[i];
    });
    delete handles.standby;
    await sys('handle_close', { handle: standby });
  };

  return {
    /** Saves `state` (JSON-serialisable); it is on disk when the promise resolves. */
    save: async (state: unknown): Promise<void> => {
      await sys('checkpoint_save', { state: JSON.stringify(state) ?? 'null' });
    },
    /** The last saved state, or undefined; a warm standby first waits here to take over. */
    load: async <T = unknown>(): Promise<T | undefined> => {
      await takeOver();
      const record = await sys<{ state: string } | null>('checkpoint_load', {});
      return record === null ? undefined : (JSON.parse(record.state) as T);
    },
    /** Forgets the saved state (the next load returns undefined). */
    clear: async (): Promise<void> => {
      await sys('checkpoint_clear', {});
    },
  };
}
