/**
 * semantic-ipcd's registrations on disk (`$AIOS_HOME/intents.db`, its own SQLite file), so a
 * restart of the service or of the system does not make every handler register again. A row
 * is bound to the handler's vouched name; the service restores the rows when it starts, in the
 * order they were first registered (the router's tie-break), and drops those whose handler has
 * not called it for INTENT_LIMITS.REGISTRATION_TTL_MS.
 *
 * @example
 * const store = new RegistrationStore(join(home, 'intents.db'));
 * store.put({ handler: 'forecaster', intent: 'weather', description: '…', examples: ['…'] }, undefined, Date.now());
 * store.all();   // [{ reg, allow, seenAt }]
 */
import { DatabaseSync } from 'node:sqlite';
import type { JsonSchema } from './payload.ts';
import { intentKey, type Registration } from './router.ts';

const SCHEMA = `
-- seq: the order of first registration, kept when a handler replaces its own registration.
create table if not exists intent_registrations (
  seq integer primary key autoincrement,
  intent_key text not null unique,
  handler text not null,
  body text not null,
  registered_at integer not null,
  seen_at integer not null
);
create index if not exists intent_registrations_by_handler on intent_registrations(handler);
`;

/** What a row holds besides its handler: the registration as given. */
interface Body {
  intent: string;
  description: string;
  examples: string[];
  counterexamples?: string[];
  tags: string[];
  schema?: JsonSchema;
  allow?: string[];
}

export interface Stored {
  reg: Registration;
  allow: readonly string[] | undefined;
  /** When its handler last called the service (ms since the epoch). */
  seenAt: number;
}

export class RegistrationStore {
  readonly #db: DatabaseSync;

  /** Opens (creating if needed) the database at `path` (':memory:' for a private one). */
  constructor(path: string) {
    this.#db = new DatabaseSync(path);
    // a registration answered to its handler is on disk: it survives kill -9 of the system
    this.#db.exec('pragma journal_mode = wal; pragma synchronous = full; pragma busy_timeout = 5000;');
    this.#db.exec(SCHEMA);
  }

  /** Adds or replaces the registration of `reg.intent` (its first registration's order is kept). */
  put(reg: Registration, allow: readonly string[] | undefined, now: number): void {
    const body: Body = {
      intent: reg.intent,
      description: reg.description,
      examples: [...reg.examples],
      counterexamples: reg.counterexamples ? [...reg.counterexamples] : undefined,
      tags: [...(reg.tags ?? [])],
      schema: reg.schema,
      allow: allow ? [...allow] : undefined,
    };
    this.#db
      .prepare(
        `insert into intent_registrations (intent_key, handler, body, registered_at, seen_at) values (?, ?, ?, ?, ?)
         on conflict (intent_key) do update set handler = excluded.handler, body = excluded.body, seen_at = excluded.seen_at`,
      )
      .run(intentKey(reg.intent), reg.handler, JSON.stringify(body), now, now);
  }

  delete(intent: string): void {
    this.#db.prepare('delete from intent_registrations where intent_key = ?').run(intentKey(intent));
  }

  /** Records that `handler` called the service at `now`. */
  seen(handler: string, now: number): void {
    this.#db.prepare('update intent_registrations set seen_at = ? where handler = ?').run(now, handler);
  }

  /** Removes the registrations whose handler was last seen before `before`; their intents. */
  expire(before: number): string[] {
    const rows = this.#db
      .prepare('delete from intent_registrations where seen_at < ? returning body')
      .all(before) as { body: string }[];
    return rows.map((r) => (JSON.parse(r.body) as Body).intent);
  }

  /** Every registration, in the order they were first registered. */
  all(): Stored[] {
    const rows = this.#db
      .prepare('select handler, body, seen_at from intent_registrations order by seq')
      .all() as { handler: string; body: string; seen_at: number }[];
    return rows.map((row) => {
      const b = JSON.parse(row.body) as Body;
      return {
        reg: {
          handler: row.handler,
          intent: b.intent,
          description: b.description,
          examples: b.examples,
          counterexamples: b.counterexamples,
          tags: b.tags,
          schema: b.schema,
        },
        allow: b.allow,
        seenAt: row.seen_at,
      };
    });
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }
}
