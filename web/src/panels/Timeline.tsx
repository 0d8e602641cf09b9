/**
 * The scheduler timeline: one lane per scheduled resource, one bar per request (thin while it
 * waits, full while it holds a slot), over the last 30 seconds.
 */
import { useStore } from '../hooks.ts';
import type { SchedBar } from '../store.ts';

const SPAN_MS = 30_000;

/**
 * Rows for the bars of one lane: each bar takes the first row free at its start, so requests
 * that overlap (one per slot) sit one above the other.
 */
function rows(bars: SchedBar[], now: number): Map<number, number> {
  const ends: number[] = [];
  const row = new Map<number, number>();
  for (const b of [...bars].sort((x, y) => x.submitted - y.submitted)) {
    let r = ends.findIndex((end) => end <= b.submitted);
    if (r < 0) r = ends.push(0) - 1;
    ends[r] = b.ended ?? now;
    row.set(b.id, r);
  }
  return row;
}

function hue(pid: number): string {
  return `hsl(${(pid * 47) % 360} 70% 60%)`;
}

export function Timeline() {
  const s = useStore('sched', 'stats');
  const now = Date.now();
  const from = now - SPAN_MS;
  const resources = s.stats.at(-1)?.resources ?? [];
  const pct = (t: number) => ((Math.max(from, Math.min(now, t)) - from) / SPAN_MS) * 100;
  const bars = [...s.bars.values()].filter((b) => (b.ended ?? now) >= from);
  const running = bars.filter((b) => b.started !== undefined && b.ended === undefined).length;
  const waiting = bars.filter((b) => b.started === undefined && b.ended === undefined).length;
  return (
    <section class="panel timeline" aria-labelledby="timeline-h">
      <div class="panel-head">
        <h2 id="timeline-h">Scheduler</h2>
        <span class="muted">
          last 30 s · {running} running · {waiting} waiting · {bars.length} requests ·{' '}
          {s.system?.policy ?? ''} policy
        </span>
      </div>
      <div class="lanes" role="img" aria-label={`Scheduler timeline: ${running} running, ${waiting} waiting`}>
        {resources.map((r) => {
          const mine = bars.filter((b) => b.resource === r.name);
          const placed = rows(mine, now);
          const count = Math.max(1, ...[...placed.values()].map((n) => n + 1));
          const rowPx = Math.max(3, Math.min(16, Math.floor(40 / count)));
          return (
            <div class="lane" key={r.name}>
              <span class="lane-label">
                {r.name}{' '}
                <span class="muted">
                  {r.running}/{r.slots}
                  {r.waiting > 0 ? ` +${r.waiting}` : ''}
                </span>
              </span>
              <div class="lane-track" style={{ height: `${Math.max(22, count * (rowPx + 1) + 4)}px` }}>
                {mine.map((b) => {
                  const top = 2 + (placed.get(b.id) ?? 0) * (rowPx + 1);
                  const end = b.ended ?? now;
                  const runFrom = b.started;
                  const waitTo = runFrom ?? end;
                  const title = `request ${b.id} · pid ${b.pid}${runFrom !== undefined ? ` · waited ${Math.round(runFrom - b.submitted)} ms` : ' · waiting'}${b.outcome ? ` · ${b.outcome}` : ''}`;
                  return (
                    <span key={b.id} title={title}>
                      <i
                        class="wait"
                        style={{
                          top: `${top + rowPx / 2 - 1}px`,
                          left: `${pct(b.submitted)}%`,
                          width: `${Math.max(0.2, pct(waitTo) - pct(b.submitted))}%`,
                          background: hue(b.pid),
                        }}
                      />
                      {runFrom !== undefined && (
                        <i
                          class={b.outcome === 'cancel' ? 'run cancelled' : 'run'}
                          style={{
                            top: `${top}px`,
                            height: `${rowPx}px`,
                            left: `${pct(runFrom)}%`,
                            width: `${Math.max(0.3, pct(end) - pct(runFrom))}%`,
                            background: hue(b.pid),
                          }}
                        />
                      )}
                    </span>
                  );
                })}
              </div>
            </div>
          );
        })}
        <div class="lane ticks" aria-hidden="true">
          <span class="lane-label" />
          <div class="lane-track">
            {[30, 20, 10, 0].map((sec) => (
              <span key={sec} class="tick" style={{ left: `${100 - (sec / 30) * 100}%` }}>
                {sec === 0 ? 'now' : `−${sec}s`}
              </span>
            ))}
          </div>
        </div>
      </div>
    </section>
  );
}
