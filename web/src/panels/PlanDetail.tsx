/**
 * One plan run: its nodes with their states, arguments and outputs (shown as text: a node's
 * output may hold anything a tool read), its checkpoints, and, while a node waits for a person,
 * Approve and Reject with the gated node's arguments editable as JSON. Arguments that do not
 * parse as a JSON object get one line here and nothing is sent.
 */
import { useEffect, useState } from 'preact/hooks';
import { asText, explain, parseArgs, plan } from '../plans.ts';
import type { PlanCheckpoint, PlanRun } from '../types.ts';
import { age } from './MemoryDetail.tsx';

interface Props {
  id: string;
  /** Changes on every poll: the run is read again. */
  ticks: number;
  onDecided: () => void;
}

export function PlanDetail({ id, ticks, onDecided }: Props) {
  const [run, setRun] = useState<PlanRun | undefined>();
  const [checkpoints, setCheckpoints] = useState<PlanCheckpoint[]>([]);
  const [error, setError] = useState('');
  useEffect(() => {
    let current = true;
    Promise.all([plan('show', { id }), plan('checkpoints', { id })]).then(
      ([r, c]) => {
        if (!current) return;
        setRun(r);
        setCheckpoints(c.checkpoints);
        setError('');
      },
      (e: unknown) => current && setError(explain(e)),
    );
    return () => {
      current = false;
    };
  }, [id, ticks]);
  useEffect(() => setRun(undefined), [id]);
  return (
    <section class="plan-detail" aria-labelledby="plan-detail-h" data-testid="plan-detail">
      <h3 id="plan-detail-h">
        Run {id}
        {run && (
          <>
            {' '}
            · {run.name} ·{' '}
            <span class={`state plan-${run.state}`} data-testid="plan-state">
              {run.state}
            </span>
          </>
        )}
      </h3>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {run && (
        <>
          <p class="muted">
            Submitted by {run.submitter} · started {age(run.createdAt)}
            {run.endedAt !== undefined && ` · ended ${age(run.endedAt)}`}
            {run.parent && ` · sub-plan of ${run.parent}`}
          </p>
          {run.error && <p class="error">{run.error}</p>}
          {run.waiting.map((w) => (
            <Decision key={w.node} run={run} node={w.node} why={w.why} onDecided={onDecided} />
          ))}
          <table class="compact" data-testid="plan-nodes">
            <caption class="sr-only">The run's nodes</caption>
            <thead>
              <tr>
                <th scope="col">Node</th>
                <th scope="col">Kind</th>
                <th scope="col">State</th>
                <th scope="col">Arguments</th>
                <th scope="col">Output</th>
              </tr>
            </thead>
            <tbody>
              {run.nodes.map((n) => (
                <tr key={n.id} data-node={n.id}>
                  <td>{n.id}</td>
                  <td>{n.kind}</td>
                  <td>
                    <span class={`state plan-${n.state}`}>{n.state}</span>
                    {n.attempts > 1 && <span class="muted"> ×{n.attempts}</span>}
                  </td>
                  <td>
                    <pre class="plan-value">{asText(n.args)}</pre>
                  </td>
                  <td>
                    <pre class="plan-value" data-testid="plan-output">
                      {asText(n.output)}
                    </pre>
                    {/* a waiting node's "error" is what it waits for, not a fault */}
                    {n.error && <p class={n.state === 'waiting' ? 'muted' : 'error'}>{n.error}</p>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h4>Checkpoints</h4>
          {checkpoints.length === 0 ? (
            <p class="muted">None yet: a node's checkpoint is written when it commits</p>
          ) : (
            <ol class="plan-checkpoints" data-testid="plan-checkpoints">
              {checkpoints.map((c) => (
                <li key={c.checkpoint}>
                  #{c.checkpoint} {c.node} <span class={`state plan-${c.state}`}>{c.state}</span>{' '}
                  <span class="muted">{age(c.committedAt)}</span>
                  {c.error && <span class="error"> {c.error}</span>}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}

interface DecisionProps {
  run: PlanRun;
  node: string;
  why: string;
  onDecided: () => void;
}

/** Approve (with the gated node's arguments, edited or not) or reject one waiting node. */
function Decision({ run, node, why, onDecided }: DecisionProps) {
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const decide = async (approve: boolean) => {
    setError('');
    const parsed = approve ? parseArgs(text) : {};
    if ('error' in parsed) return setError(parsed.error);
    setBusy(true);
    try {
      if (approve) await plan('approve', { id: run.id, node, args: parsed.args });
      else await plan('reject', { id: run.id, node, reason: reason.trim() || undefined });
      onDecided();
    } catch (e) {
      setError(explain(e));
    } finally {
      setBusy(false);
    }
  };
  const field = `plan-args-${node}`;
  return (
    <form
      class="plan-decision"
      aria-label={`Decide on node ${node}`}
      data-testid="plan-decision"
      // Enter in the reason box must not approve: each decision is its own button
      onSubmit={(e) => e.preventDefault()}
    >
      <p>
        <strong>{node}</strong> waits: <span class="plan-why">{why}</span>
      </p>
      <label for={field}>Edit arguments (JSON object, merged over the gated node's; empty keeps them)</label>
      <textarea
        id={field}
        rows={4}
        spellcheck={false}
        value={text}
        placeholder='{"content": "final"}'
        onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
      />
      <label for={`${field}-reason`}>Reason to reject (optional)</label>
      <input
        id={`${field}-reason`}
        value={reason}
        onInput={(e) => setReason((e.target as HTMLInputElement).value)}
      />
      <div class="plan-actions">
        <button type="button" class="primary" disabled={busy} onClick={() => void decide(true)}>
          Approve
        </button>
        <button type="button" class="danger" disabled={busy} onClick={() => void decide(false)}>
          Reject
        </button>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
