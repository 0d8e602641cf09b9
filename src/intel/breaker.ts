/**
 * A circuit breaker per provider, kept in intel.db so that it holds across `aios do`
 * invocations as well as inside a running system. Closed: calls go through and consecutive
 * failures are counted. Open (after `failures` in a row): calls are refused for `cooldownMs`.
 * Half-open: one trial call goes through; success closes the breaker, failure opens it again.
 * A trial that never reports (its process died) is given up after another cooldown.
 *
 * @example
 * const breakers = new Breakers(db, { failures: 3, cooldownMs: 30_000 });
 * if (breakers.allow('local')) { try { ...; breakers.success('local'); } catch { breakers.failure('local'); } }
 */
import type { IntelDb } from './db.ts';

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerInfo {
  provider: string;
  state: BreakerState;
  failures: number;
  /** When it opened, or when its trial began (half-open). */
  since: number;
}

export class Breakers {
  readonly #db: IntelDb;
  readonly #failures: number;
  readonly #cooldownMs: number;
  readonly #now: () => number;

  constructor(db: IntelDb, options: { failures: number; cooldownMs: number }, now: () => number = Date.now) {
    this.#db = db;
    this.#failures = options.failures;
    this.#cooldownMs = options.cooldownMs;
    this.#now = now;
  }

  /** True when a call to `provider` may go ahead now (and, if half-open, claims the trial). */
  allow(provider: string): boolean {
    return this.#db.transaction(() => {
      const b = this.info(provider);
      if (b.state === 'closed') return true;
      if (this.#now() - b.since < this.#cooldownMs) return false;
      this.#put({ ...b, state: 'half_open', since: this.#now() });
      return true;
    });
  }

  success(provider: string): void {
    this.#db.sql('DELETE FROM breakers WHERE provider = ?').run(provider);
  }

  failure(provider: string): void {
    this.#db.transaction(() => {
      const b = this.info(provider);
      const failures = b.failures + 1;
      const open = b.state === 'half_open' || failures >= this.#failures;
      this.#put({
        provider,
        state: open ? 'open' : 'closed',
        failures,
        since: open ? this.#now() : b.since,
      });
    });
  }

  info(provider: string): BreakerInfo {
    const row = this.#db
      .sql('SELECT state, failures, opened_at FROM breakers WHERE provider = ?')
      .get(provider) as { state: BreakerState; failures: number; opened_at: number } | undefined;
    return row
      ? { provider, state: row.state, failures: row.failures, since: row.opened_at }
      : { provider, state: 'closed', failures: 0, since: 0 };
  }

  all(): BreakerInfo[] {
    const rows = this.#db.sql('SELECT provider FROM breakers ORDER BY provider').all() as {
      provider: string;
    }[];
    return rows.map((r) => this.info(r.provider));
  }

  #put(b: BreakerInfo): void {
    this.#db
      .sql(
        `INSERT INTO breakers (provider, state, failures, opened_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(provider) DO UPDATE SET state = excluded.state, failures = excluded.failures, opened_at = excluded.opened_at`,
      )
      .run(b.provider, b.state, b.failures, b.since);
  }
}
