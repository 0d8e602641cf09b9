/**
 * A run's authority follows its submitter: when a token is revoked, the runs its session
 * submitted (submitter `token/<id>`: the name the host vouches for a bearer session) stop before
 * their next node, cancelled with the revocation as the reason, whether they were running or
 * waiting for a person. The kernel tells the host of every revoked token (its `token` event, also
 * for each token minted under the revoked one); the host asks the planner, as the owner, to cancel
 * those runs. A node already running when the word arrives may still finish.
 *
 * @example
 * const off = stopRunsOfRevokedTokens(kernel.events, gateway, log);
 */
import { INIT_PID, type KernelEventMap } from '../../kernel/index.ts';
import { PLAN_LIMITS as L } from './limits.ts';

interface Events {
  on(name: 'token', listener: (...args: KernelEventMap['token']) => void): () => void;
}

interface Calls {
  call(caller: number, service: string, op: string, args: unknown): Promise<unknown>;
}

/** Cancels the unfinished runs of every token session whose token is revoked; returns how to stop listening. */
export function stopRunsOfRevokedTokens(
  events: Events,
  services: Calls,
  log: (message: string) => void,
): () => void {
  return events.on('token', (record) => {
    if (!record.revoked) return;
    stopRunsOf(services, `token/${record.tokenId}`, `token ${record.tokenId} was revoked`).catch(
      (error: unknown) => log(`runs of revoked token ${record.tokenId} not stopped: ${String(error)}`),
    );
  });
}

async function stopRunsOf(services: Calls, submitter: string, why: string): Promise<void> {
  const { runs } = (await services.call(INIT_PID, 'planner', 'ls', {
    state: ['running', 'waiting'],
    limit: L.LIST_MAX,
  })) as { runs: { id: string; submitter: string }[] };
  for (const run of runs.filter((r) => r.submitter === submitter))
    await services.call(INIT_PID, 'planner', 'cancel', { id: run.id, reason: why });
}
