/**
 * Token and cost accounting per model: every LLM call (translation or an agent's generate),
 * successful or not, is a row in intel.db; `aios stats` sums them per model. Costs come from
 * the configured price (USD per million tokens); local models cost nothing.
 *
 * @example
 * const accounting = new Accounting(db);
 * accounting.record({ purpose: 'translate', provider: 'local', model: 'qwen', role: 'cheap',
 *   usage, costUsd: costOf(usage, price), latencyMs: 820, ok: true });
 * accounting.summary(); // [{ model: 'qwen', calls: 1, input: 900, output: 60, costUsd: 0, ... }]
 */
import type { IntelDb } from './db.ts';
import type { Usage } from './providers/types.ts';

export interface CallRecord {
  purpose: 'translate' | 'generate';
  provider: string;
  model: string;
  role: string;
  usage: Usage;
  costUsd: number;
  latencyMs: number;
  ok: boolean;
  /** Error kind and message when the call failed. */
  error?: string;
  /** The agent that asked (generate). */
  pid?: number;
}

export interface ModelSummary {
  provider: string;
  model: string;
  role: string;
  calls: number;
  failed: number;
  input: number;
  output: number;
  costUsd: number;
  avgLatencyMs: number;
  /** Some token figures were estimated because the server reported none. */
  estimated: boolean;
}

/** USD for `usage` at `price` (USD per million input and output tokens). */
export function costOf(
  usage: { input: number; output: number },
  price: { input: number; output: number },
): number {
  return (usage.input * price.input + usage.output * price.output) / 1_000_000;
}

export class Accounting {
  readonly #db: IntelDb;
  readonly #now: () => number;

  constructor(db: IntelDb, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  /**
   * Adds the call's row. An agent's generate is committed with the others of this event-loop
   * turn (IntelDb.defer: hundreds of agents' calls, one commit); a translation, made by a
   * command that may exit right after, is committed at once.
   */
  record(r: CallRecord): void {
    const at = this.#now();
    if (r.purpose === 'generate') this.#db.defer(() => this.#insert(at, r));
    else this.#insert(at, r);
  }

  #insert(at: number, r: CallRecord): void {
    this.#db
      .sql(
        `INSERT INTO llm_calls (at, purpose, provider, model, role, input, output, estimated, cost_usd, latency_ms, ok, error, pid)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        at,
        r.purpose,
        r.provider,
        r.model,
        r.role,
        r.usage.input,
        r.usage.output,
        r.usage.estimated ? 1 : 0,
        r.costUsd,
        r.latencyMs,
        r.ok ? 1 : 0,
        r.error ?? null,
        r.pid ?? null,
      );
  }

  /** Totals per provider and model, most expensive first; since `sinceMs` ago when given. */
  summary(options: { sinceMs?: number; purpose?: CallRecord['purpose'] } = {}): ModelSummary[] {
    this.#db.flush();
    const since = options.sinceMs === undefined ? 0 : this.#now() - options.sinceMs;
    const rows = this.#db
      .sql(
        `SELECT provider, model, group_concat(DISTINCT role) AS role, count(*) AS calls, sum(1 - ok) AS failed,
           sum(input) AS input, sum(output) AS output, sum(cost_usd) AS cost, avg(latency_ms) AS latency,
           max(estimated) AS estimated
         FROM llm_calls WHERE at >= ? AND (? IS NULL OR purpose = ?)
         GROUP BY provider, model ORDER BY cost DESC, calls DESC`,
      )
      .all(since, options.purpose ?? null, options.purpose ?? null) as Record<string, number | string>[];
    return rows.map((r) => ({
      provider: String(r.provider),
      model: String(r.model),
      role: String(r.role),
      calls: Number(r.calls),
      failed: Number(r.failed),
      input: Number(r.input),
      output: Number(r.output),
      costUsd: Number(r.cost),
      avgLatencyMs: Number(r.latency),
      estimated: Number(r.estimated) === 1,
    }));
  }
}
