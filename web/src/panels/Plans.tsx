/**
 * The planner's runs: each with its state, submitter and the node it waits for; a chosen run's
 * detail (PlanDetail) beside it. The list is asked for again every PLAN_POLL_MS while the view
 * is shown, so a run moves on without a reload. Only the runs this session submitted (or, for
 * the owner, every run) are listed: the planner decides who sees what.
 */
import { useState } from 'preact/hooks';
import { usePolling } from '../hooks.ts';
import { session } from '../memory.ts';
import { explain, PLAN_POLL_MS, plan } from '../plans.ts';
import type { PlanRunLine } from '../types.ts';
import { age } from './MemoryDetail.tsx';
import { PlanDetail } from './PlanDetail.tsx';
import { ChooseLink, PolledHead } from './PolledHead.tsx';

/** Most runs the list asks for (the planner's PLAN_LIMITS.LIST_MAX allows more). */
const LIST_LIMIT = 100;

export function Plans({ shown }: { shown: boolean }) {
  const [runs, setRuns] = useState<PlanRunLine[] | undefined>();
  const [error, setError] = useState('');
  const [chosen, setChosen] = useState<string | undefined>();
  const { ticks, refresh } = usePolling(shown, PLAN_POLL_MS, (current) => {
    plan('ls', { limit: LIST_LIMIT }).then(
      (r) => {
        if (!current()) return;
        setRuns(r.runs);
        setError('');
      },
      (e: unknown) => current() && setError(explain(e)),
    );
  });
  const me = session();
  return (
    <section class="panel plans" aria-labelledby="plans-h">
      <PolledHead
        id="plans-h"
        title="Plans"
        onRefresh={refresh}
        error={error}
        loading={runs ? undefined : 'Loading runs…'}
      />
      {runs && runs.length === 0 && (
        <div class="muted" data-testid="plans-empty">
          <p>
            No plan runs of {me ? `this session (${me.agent})` : 'this session'} yet. A session sees the runs
            it submitted; the owner's runs (<code>aios plan run PLAN.yaml</code>) show to a session of the
            owner's own token. To see them here, log in with:
          </p>
          <pre>aios token mint --rights all --ttl 12h</pre>
        </div>
      )}
      {runs && runs.length > 0 && (
        <table class="compact" data-testid="plan-runs">
          <caption class="sr-only">Plan runs, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Name</th>
              <th scope="col">State</th>
              <th scope="col">Submitter</th>
              <th scope="col" class="num">
                Nodes done
              </th>
              <th scope="col">Waiting on</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id} data-id={r.id} class={r.id === chosen ? 'chosen' : ''}>
                <td>
                  <ChooseLink id={r.id} chosen={chosen} onChoose={setChosen} />
                </td>
                <td>{r.name}</td>
                <td>
                  <span class={`state plan-${r.state}`}>{r.state}</span>
                </td>
                <td>{r.submitter}</td>
                <td class="num">
                  {r.done} / {r.nodes}
                </td>
                <td>{r.waiting}</td>
                <td title={new Date(r.updatedAt).toISOString()}>{age(r.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {chosen && <PlanDetail id={chosen} ticks={ticks} onDecided={refresh} />}
    </section>
  );
}
