/**
 * Atlas for the CLI: the running system's (over the owner socket) when `aios up` runs, or an
 * embedded one for the length of the command. Both look the same to `aios do`, `aios shell`,
 * `aios undo` and `aios history`.
 */
import type { Alternatives, Choice } from '../shell/alternatives.ts';
import type { HistoryEntry } from '../shell/history.ts';
import type { Outcome, PlannedRequest, UndoResult } from '../shell/types.ts';
import { api, embedded, isUp } from './connect.ts';

export interface AtlasPort {
  /** True when a running system does the work (no progress bars then). */
  readonly remote: boolean;
  plan(request: string, opts: { cwd: string; session?: string }): Promise<PlannedRequest>;
  execute(
    id: string,
    opts: {
      confirmed: boolean;
      acceptDoubts?: boolean;
      onProgress?(stepId: string, done: number, total: number): void;
    },
  ): Promise<Outcome>;
  /** Tree of thoughts: up to k ways to do planned request `id`, best first. */
  alternatives(id: string, k: number): Promise<Alternatives>;
  /** Records that `id` was chosen among alternatives. */
  choose(id: string, choice: Choice): Promise<void>;
  undo(undoId?: string): Promise<UndoResult>;
  history(limit?: number): Promise<HistoryEntry[]>;
}

export async function withAtlas<T>(home: string, fn: (atlas: AtlasPort) => Promise<T>): Promise<T> {
  if (isUp(home)) {
    return fn({
      remote: true,
      plan: (request, opts) => api(home, 'POST', '/v1/do', { request, ...opts }),
      execute: (id, opts) =>
        api(home, 'POST', `/v1/do/${id}/execute`, {
          confirmed: opts.confirmed,
          ...(opts.acceptDoubts ? { acceptDoubts: true } : {}),
        }),
      alternatives: (id, k) => api(home, 'POST', `/v1/do/${id}/alternatives`, { k }),
      choose: async (id, choice) => void (await api(home, 'POST', `/v1/do/${id}/choose`, choice)),
      undo: (undoId) => api(home, 'POST', '/v1/undo', undoId === undefined ? {} : { undoId }),
      history: (limit = 20) => api(home, 'GET', `/v1/history?limit=${limit}`),
    });
  }
  return embedded(home, async (system) => {
    const { Atlas } = await import('../shell/atlas.ts');
    const atlas = new Atlas(system);
    return fn({
      remote: false,
      plan: (request, opts) => atlas.plan(request, opts),
      execute: (id, opts) => atlas.execute(id, opts),
      alternatives: (id, k) => atlas.alternatives(id, k),
      choose: async (id, choice) => atlas.choose(id, choice),
      undo: (undoId) => atlas.undo(undoId),
      history: async (limit) => atlas.history(limit),
    });
  });
}
