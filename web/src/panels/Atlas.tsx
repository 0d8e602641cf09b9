/**
 * The Atlas terminal: type a request, read the plan (each step's risk and the files it
 * touches), confirm it, see the result, undo it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { RISK_WORDS } from '../../../src/kernel/risk.ts';
import { api } from '../api.ts';
import { useAction } from '../hooks.ts';
import type { Outcome, Plan, UndoResult } from '../types.ts';

type Entry =
  | { kind: 'request'; text: string }
  | { kind: 'plan'; plan: Plan; state: 'pending' | 'ran' | 'discarded' }
  | { kind: 'outcome'; outcome: Outcome; undone: boolean }
  | { kind: 'undo'; restored: string[]; conflicts: string[] }
  | { kind: 'error'; text: string };

function show(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 1);
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
}

function PlanView({ plan }: { plan: Plan }) {
  const top = Math.max(-1, ...plan.steps.map((s) => s.risk));
  return (
    <div class="plan" data-testid="atlas-plan">
      <p class="goal">
        <b>Plan:</b> {plan.goal} <span class="muted">({plan.source})</span>
        {top >= 0 && <span class={`risk risk-${top}`}>risk {top}</span>}
      </p>
      {plan.clarify && <p class="clarify">? {plan.clarify}</p>}
      <ol>
        {plan.steps.map((step) => (
          <li key={step.id}>
            <span class={`risk risk-${step.risk}`} title={RISK_WORDS[step.risk]}>
              {step.risk}
            </span>{' '}
            <code>
              {step.tool}.{step.action}
            </code>{' '}
            {step.preview.summary}
            {step.why && <span class="muted"> — {step.why}</span>}
            {step.preview.irreversible && <p class="error">cannot be undone: {step.preview.irreversible}</p>}
            {step.preview.paths.length > 0 && (
              <ul class="paths" aria-label="Affected files">
                {step.preview.paths.slice(0, 12).map((p) => (
                  <li key={p}>
                    <code>{p}</code>
                  </li>
                ))}
                {step.preview.paths.length > 12 && (
                  <li class="muted">and {step.preview.paths.length - 12} more</li>
                )}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}

export function Atlas() {
  const [entries, setEntries] = useState<Entry[]>([]);
  const [text, setText] = useState('');
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const log = useRef<HTMLDivElement>(null);
  const add = (e: Entry) => setEntries((all) => [...all, e]);
  const update = (i: number, e: Entry) => setEntries((all) => all.map((x, j) => (j === i ? e : x)));

  useEffect(() => {
    log.current?.scrollTo({ top: log.current.scrollHeight });
  }, [entries]);

  const ask = useAction(async (request: string) => {
    add({ kind: 'request', text: request });
    try {
      const plan = await api<Plan>('POST', '/v1/do', { request });
      add({ kind: 'plan', plan, state: 'pending' });
      setSuggestions(plan.suggestions ?? []);
    } catch (e) {
      add({ kind: 'error', text: (e as Error).message });
    }
  });
  const run = useAction(async (index: number, plan: Plan) => {
    try {
      const outcome = await api<Outcome>('POST', `/v1/do/${encodeURIComponent(plan.id)}/execute`, {
        confirmed: true,
      });
      update(index, { kind: 'plan', plan, state: 'ran' });
      add({ kind: 'outcome', outcome, undone: false });
    } catch (e) {
      add({ kind: 'error', text: (e as Error).message });
    }
  });
  const undo = useAction(async (index: number, outcome: Outcome) => {
    try {
      const r = await api<UndoResult>('POST', '/v1/undo', { undoId: outcome.undoId });
      update(index, { kind: 'outcome', outcome, undone: true });
      add({ kind: 'undo', restored: r.restored, conflicts: r.conflicts ?? [] });
    } catch (e) {
      add({ kind: 'error', text: (e as Error).message });
    }
  });

  const submit = (e: Event) => {
    e.preventDefault();
    const request = text.trim();
    if (!request || ask.busy) return;
    setText('');
    void ask.run(request);
  };

  return (
    <section class="panel atlas" aria-labelledby="atlas-h">
      <div class="panel-head">
        <h2 id="atlas-h">Atlas</h2>
        <span class="muted">say what you want done; nothing runs until you confirm</span>
      </div>
      <div class="terminal" ref={log} aria-live="polite">
        {entries.length === 0 && (
          <p class="muted">Try “list the files in my home folder” or “what is using the most disk?”</p>
        )}
        {entries.map((entry, i) => {
          switch (entry.kind) {
            case 'request':
              return (
                <p key={i} class="prompt-line">
                  <span class="prompt">atlas ›</span> {entry.text}
                </p>
              );
            case 'plan':
              return (
                <div key={i}>
                  <PlanView plan={entry.plan} />
                  {entry.state === 'pending' && entry.plan.steps.length > 0 && (
                    <div class="row">
                      <button
                        type="button"
                        class="primary"
                        disabled={run.busy}
                        onClick={() => run.run(i, entry.plan)}
                      >
                        {entry.plan.requiresConfirmation ? 'Confirm and run' : 'Run'}
                      </button>
                      <button type="button" onClick={() => update(i, { ...entry, state: 'discarded' })}>
                        Discard
                      </button>
                    </div>
                  )}
                  {entry.state === 'discarded' && <p class="muted">discarded</p>}
                </div>
              );
            case 'outcome':
              return (
                <div key={i} class={`outcome ${entry.outcome.ok ? 'ok' : 'bad'}`} data-testid="atlas-outcome">
                  <p>
                    {entry.outcome.ok ? '✓ Done' : '✗ Failed'}: {entry.outcome.ranSteps.length} step
                    {entry.outcome.ranSteps.length === 1 ? '' : 's'} ran
                  </p>
                  {entry.outcome.results.map((r) => (
                    <pre key={r.stepId} class={r.ok ? '' : 'error'}>
                      {r.ok ? show(r.output) : r.error}
                    </pre>
                  ))}
                  {entry.outcome.undoId && !entry.undone && (
                    <button type="button" disabled={undo.busy} onClick={() => undo.run(i, entry.outcome)}>
                      Undo
                    </button>
                  )}
                </div>
              );
            case 'undo':
              return (
                <div key={i} class="undo" data-testid="atlas-undo">
                  <p>↶ Undone{entry.restored.length > 0 ? `: restored ${entry.restored.join(', ')}` : ''}</p>
                  {entry.conflicts.length > 0 && (
                    <p class="error">Left alone (changed since): {entry.conflicts.join(', ')}</p>
                  )}
                </div>
              );
            default:
              return (
                <p key={i} class="error" role="alert">
                  {entry.text}
                </p>
              );
          }
        })}
      </div>
      {suggestions.length > 0 && (
        <div class="suggestions">
          {suggestions.slice(0, 4).map((s) => (
            <button type="button" key={s} class="chip" onClick={() => setText(s)}>
              {s}
            </button>
          ))}
        </div>
      )}
      <form class="atlas-input" onSubmit={submit}>
        <label for="atlas-request" class="prompt">
          atlas ›
        </label>
        <input
          id="atlas-request"
          autocomplete="off"
          placeholder="Type a request and press Enter  (/)"
          value={text}
          onInput={(e) => setText((e.target as HTMLInputElement).value)}
        />
        <button type="submit" class="primary" disabled={ask.busy || text.trim() === ''}>
          {ask.busy ? 'Planning…' : 'Plan'}
        </button>
      </form>
    </section>
  );
}
