/**
 * The context bus's engine: named shared contexts in one SQLite file, each a key-value state
 * (a version per key, compare-and-set) and an append-only event stream with a bounded backlog.
 * Every write is one transaction, so a crash never leaves half of one. Who may do what is
 * decided here from the caller's identity (which the service takes from its connection, never
 * from arguments): a context's owner and the system's owner may do everything, other agents
 * what the owner shared with them.
 *
 * @example
 * const bus = new BusEngine({ path: join(home, 'bus.db') });
 * const planner = { name: 'planner', owner: false };
 * bus.create(planner, 'plan');
 * bus.set(planner, { context: 'plan', key: 'goal', value: 'ship it' });
 * bus.publish(planner, { context: 'plan', type: 'step', data: { n: 1 } });
 * const { events, next, missed } = await bus.read(planner, { context: 'plan', after: 0, waitMs: 1000 });
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { SHARE_LEVELS } from '../declare.ts';
import { BusError } from './errors.ts';
import { BUS_LIMITS } from './limits.ts';
import {
  ACCESS_ORDER,
  type BusAccess,
  type ContextInfo,
  type ContextRow,
  type Entry,
  type Granted,
  type Principal,
  type ReadResult,
  type Row,
  toEntry,
  toEvent,
} from './rows.ts';
import { openBusDb } from './schema.ts';
import { checkAgent, checkCount, checkJson, checkKey, checkName, checkType, shown } from './validate.ts';
import { Waiters } from './waiters.ts';

export type { BusAccess, BusEvent, ContextInfo, Entry, Granted, Principal, ReadResult } from './rows.ts';

export class BusEngine {
  readonly #db: DatabaseSync;
  readonly #sql: Record<string, StatementSync>;
  readonly #now: () => number;
  readonly #waiters = new Waiters();

  constructor(options: { path: string; now?: () => number }) {
    this.#now = options.now ?? Date.now;
    this.#db = openBusDb(options.path);
    const p = (sql: string) => this.#db.prepare(sql);
    this.#sql = {
      context: p('select * from contexts where name = ?'),
      all: p('select * from contexts order by name'),
      owned: p('select count(*) n from contexts where owner = ?'),
      create: p('insert into contexts (name, owner, backlog, created_at) values (?, ?, ?, ?)'),
      drop: p('delete from contexts where id = ?'),
      grant: p('select access from grants where context_id = ? and agent = ?'),
      grantsOf: p('select context_id, access from grants where agent = ?'),
      grantCount: p('select count(*) n from grants where context_id = ?'),
      grantSet: p(
        'insert into grants (context_id, agent, access) values (?, ?, ?) on conflict (context_id, agent) do update set access = excluded.access',
      ),
      grantDelete: p('delete from grants where context_id = ? and agent = ?'),
      keyCount: p('select count(*) n from state where context_id = ?'),
      entry: p('select * from state where context_id = ? and key = ?'),
      entries: p('select * from state where context_id = ? order by key'),
      put: p(
        `insert into state (context_id, key, value, version, updated_by, updated_at) values (?, ?, ?, ?, ?, ?)
         on conflict (context_id, key) do update set value = excluded.value, version = excluded.version,
         updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      ),
      advance: p(
        'update contexts set last_seq = last_seq + 1, held_bytes = held_bytes + ? where id = ? returning last_seq',
      ),
      append: p(
        'insert into events (context_id, seq, type, data, size, from_agent, at) values (?, ?, ?, ?, ?, ?, ?)',
      ),
      trimCount: p('delete from events where context_id = ? and seq <= ? returning size'),
      oldest: p('select seq, size from events where context_id = ? order by seq'),
      held: p('update contexts set held_bytes = held_bytes - ? where id = ?'),
      first: p('select min(seq) seq, count(*) n from events where context_id = ?'),
      after: p('select * from events where context_id = ? and seq > ? order by seq limit ?'),
    };
  }

  /** The contexts `who` may read, with what it may do in each and their counts. */
  contexts(who: Principal): ContextInfo[] {
    const granted = new Map(
      (this.#sql.grantsOf.all(who.name) as Row[]).map((r) => [Number(r.context_id), r.access as Granted]),
    );
    const out: ContextInfo[] = [];
    for (const row of this.#sql.all.all() as unknown as ContextRow[]) {
      const access = this.#accessOf(who, row, granted.get(row.id));
      if (access === undefined) continue;
      const held = this.#sql.first.get(row.id) as Row;
      out.push({
        name: row.name,
        owner: row.owner,
        access,
        backlog: row.backlog,
        keys: Number((this.#sql.keyCount.get(row.id) as Row).n),
        events: Number(held.n),
        seq: row.last_seq,
        createdAt: row.created_at,
      });
    }
    return out;
  }

  /** Creates context `name`, owned by `who`, keeping the last `backlog` events. */
  create(who: Principal, name: string, backlog?: number): { context: string; backlog: number } {
    checkName(name);
    const keep = checkCount(backlog, 'backlog', {
      min: 1,
      max: BUS_LIMITS.BACKLOG_MAX,
      fallback: BUS_LIMITS.BACKLOG_DEFAULT,
    });
    return this.#transaction(() => {
      const found = this.#sql.context.get(name) as ContextRow | undefined;
      if (found) {
        throw new BusError(
          'E_BAD_STATE',
          `Context '${name}' already exists (owner '${found.owner}'); pick another name, or ask its owner to share it`,
        );
      }
      const owned = Number((this.#sql.owned.get(who.name) as Row).n);
      if (owned >= BUS_LIMITS.CONTEXTS_PER_AGENT) {
        throw new BusError(
          'E_QUOTA',
          `Agent '${who.name}' already owns ${owned} contexts, its limit; drop one it no longer needs`,
        );
      }
      this.#sql.create.run(name, who.name, keep, this.#now());
      return { context: name, backlog: keep };
    });
  }

  /**
   * Sets `key` to `value`. With `ifVersion`, only if the key is at that version now (0: only
   * if it does not exist yet); otherwise E_BAD_STATE and nothing changes.
   */
  set(
    who: Principal,
    args: { context: string; key: string; value: unknown; ifVersion?: number },
  ): { version: number } {
    const key = checkKey(args.key);
    const { json } = checkJson(args.value, `Value of key '${shown(key)}'`, BUS_LIMITS.VALUE_MAX_BYTES);
    return this.#transaction(() => {
      const ctx = this.#need(who, args.context, 'write');
      const current = this.#sql.entry.get(ctx.id, key) as Row | undefined;
      const version = current ? Number(current.version) : 0;
      if (args.ifVersion !== undefined && args.ifVersion !== version) {
        throw new BusError(
          'E_BAD_STATE',
          `Key '${shown(key)}' of context '${ctx.name}' is at version ${version}, not ${args.ifVersion}; get it again and retry with ifVersion ${version}`,
        );
      }
      if (!current) {
        const keys = Number((this.#sql.keyCount.get(ctx.id) as Row).n);
        if (keys >= BUS_LIMITS.KEYS_MAX) {
          throw new BusError(
            'E_QUOTA',
            `Context '${ctx.name}' already holds ${keys} keys, its limit; reuse a key or use another context`,
          );
        }
      }
      this.#sql.put.run(ctx.id, key, json, version + 1, who.name, this.#now());
      return { version: version + 1 };
    });
  }

  /** One key's entry (none when it is not set), or every entry of the context's state. */
  get(who: Principal, args: { context: string; key?: string }): { context: string; entries: Entry[] } {
    const ctx = this.#need(who, args.context, 'read');
    const rows =
      args.key === undefined
        ? (this.#sql.entries.all(ctx.id) as Row[])
        : [this.#sql.entry.get(ctx.id, checkKey(args.key)) as Row | undefined].filter((r) => r !== undefined);
    return { context: ctx.name, entries: rows.map(toEntry) };
  }

  /** Appends an event; the oldest beyond the backlog go in the same transaction. Never waits for readers. */
  publish(who: Principal, args: { context: string; type: string; data?: unknown }): { seq: number } {
    const type = checkType(args.type);
    const { json, bytes } = checkJson(
      args.data ?? null,
      `Data of event '${shown(type)}'`,
      BUS_LIMITS.EVENT_MAX_BYTES,
    );
    const { id, seq } = this.#transaction(() => {
      const ctx = this.#need(who, args.context, 'write');
      const seq = Number((this.#sql.advance.get(bytes, ctx.id) as Row).last_seq);
      this.#sql.append.run(ctx.id, seq, type, json, bytes, who.name, this.#now());
      this.#trim(ctx.id, seq - ctx.backlog, ctx.held_bytes + bytes);
      return { id: ctx.id, seq };
    });
    this.#waiters.wake(id);
    return { seq };
  }

  /**
   * The events after `after` (0: from the start), at most `limit`. When there are none yet and
   * `waitMs` is given, waits up to that long for the next publish. A reader whose cursor fell
   * behind the backlog gets the events still held and `missed`, how many it lost.
   */
  async read(
    who: Principal,
    args: { context: string; after?: number; limit?: number; waitMs?: number },
  ): Promise<ReadResult> {
    const limit = checkCount(args.limit, 'limit', {
      min: 1,
      max: BUS_LIMITS.READ_LIMIT_MAX,
      fallback: BUS_LIMITS.READ_LIMIT_DEFAULT,
    });
    const waitMs = checkCount(args.waitMs, 'waitMs', { min: 0, max: BUS_LIMITS.WAIT_MAX_MS, fallback: 0 });
    const after = checkCount(args.after, 'after', { min: 0, max: Number.MAX_SAFE_INTEGER, fallback: 0 });
    const first = this.#readNow(who, args.context, after, limit);
    if (first.result.events.length > 0 || waitMs === 0) return first.result;
    await this.#waiters.wait(first.id, waitMs, first.name);
    return this.#readNow(who, args.context, after, limit).result;
  }

  /** Lets `agent` read or write the context, or (`none`) takes that back. Owner only. */
  share(
    who: Principal,
    args: { context: string; agent: string; access: Granted },
  ): { context: string; agent: string; access: Granted } {
    const agent = checkAgent(args.agent);
    if (!SHARE_LEVELS.includes(args.access)) {
      throw new BusError('E_BAD_ARG', `Invalid access '${shown(args.access)}'; give read, write or none`);
    }
    return this.#transaction(() => {
      const ctx = this.#need(who, args.context, 'admin');
      if (agent === ctx.owner) {
        throw new BusError(
          'E_BAD_ARG',
          `Agent '${agent}' owns context '${ctx.name}' already; share it with another agent`,
        );
      }
      if (args.access === 'none') this.#sql.grantDelete.run(ctx.id, agent);
      else {
        const had = this.#sql.grant.get(ctx.id, agent) !== undefined;
        const count = Number((this.#sql.grantCount.get(ctx.id) as Row).n);
        if (!had && count >= BUS_LIMITS.GRANTS_PER_CONTEXT) {
          throw new BusError(
            'E_QUOTA',
            `Context '${ctx.name}' is shared with ${count} agents, its limit; take a grant back with access none first`,
          );
        }
        this.#sql.grantSet.run(ctx.id, agent, args.access);
      }
      return { context: ctx.name, agent, access: args.access };
    });
  }

  /** Removes the context with its state, events and grants. Owner only. */
  drop(who: Principal, args: { context: string }): { context: string; keys: number; events: number } {
    const removed = this.#transaction(() => {
      const ctx = this.#need(who, args.context, 'admin');
      const keys = Number((this.#sql.keyCount.get(ctx.id) as Row).n);
      const events = Number((this.#sql.first.get(ctx.id) as Row).n);
      this.#sql.drop.run(ctx.id);
      return { id: ctx.id, out: { context: ctx.name, keys, events } };
    });
    this.#waiters.wake(removed.id);
    return removed.out;
  }

  /** Readers waiting on `context` now (0 when it does not exist). */
  waiting(context: string): number {
    const row = this.#sql.context.get(context) as ContextRow | undefined;
    return row ? this.#waiters.count(row.id) : 0;
  }

  close(): void {
    this.#waiters.wakeAll();
    if (this.#db.isOpen) this.#db.close();
  }

  #readNow(who: Principal, context: string, after: number, limit: number) {
    const ctx = this.#need(who, context, 'read');
    if (after > ctx.last_seq) {
      throw new BusError(
        'E_BAD_ARG',
        `Cursor ${after} is past the last event (${ctx.last_seq}) of context '${ctx.name}'; read from ${ctx.last_seq} or less (it may have been dropped and created again)`,
      );
    }
    const held = this.#sql.first.get(ctx.id) as Row;
    const oldest = held.seq === null ? ctx.last_seq + 1 : Number(held.seq);
    const missed = Math.max(0, oldest - 1 - after);
    const events = (this.#sql.after.all(ctx.id, after, limit) as Row[]).map(toEvent);
    const next = events.length > 0 ? events[events.length - 1].seq : after;
    return { id: ctx.id, name: ctx.name, result: { events, next, missed } };
  }

  /** Deletes events up to `upTo`, then the oldest while the held data is over its bound. */
  #trim(id: number, upTo: number, heldBytes: number): void {
    let held = heldBytes;
    if (upTo > 0) {
      let freed = 0;
      for (const r of this.#sql.trimCount.all(id, upTo) as Row[]) freed += Number(r.size);
      held -= freed;
      if (freed > 0) this.#sql.held.run(freed, id);
    }
    if (held <= BUS_LIMITS.BACKLOG_MAX_BYTES) return;
    let freed = 0;
    let cut = 0;
    for (const r of this.#sql.oldest.iterate(id) as Iterable<Row>) {
      if (held - freed <= BUS_LIMITS.BACKLOG_MAX_BYTES) break;
      freed += Number(r.size);
      cut = Number(r.seq);
    }
    this.#sql.trimCount.all(id, cut);
    this.#sql.held.run(freed, id);
  }

  /** The context, if `who` may do `want` there; E_NOT_FOUND or E_NO_RIGHTS otherwise. */
  #need(who: Principal, name: string, want: BusAccess): ContextRow {
    const ctx = this.#sql.context.get(checkName(name)) as ContextRow | undefined;
    if (ctx === undefined) {
      throw new BusError(
        'E_NOT_FOUND',
        `No context is named '${name}'; create it first, or list yours with contexts`,
      );
    }
    const grant = (this.#sql.grant.get(ctx.id, who.name) as Row | undefined)?.access as Granted | undefined;
    const access = this.#accessOf(who, ctx, grant);
    if (access === undefined || ACCESS_ORDER.indexOf(access) < ACCESS_ORDER.indexOf(want)) {
      const needs = want === 'admin' ? 'only its owner' : `${want} access, which its owner grants with share`;
      throw new BusError(
        'E_NO_RIGHTS',
        `Agent '${who.name}' may not ${want === 'read' ? 'read' : 'change'} context '${ctx.name}': that needs ${needs}`,
      );
    }
    return ctx;
  }

  #accessOf(who: Principal, ctx: ContextRow, grant: Granted | undefined): BusAccess | undefined {
    if (who.owner || who.name === ctx.owner) return 'admin';
    return grant === 'read' || grant === 'write' ? grant : undefined;
  }

  #transaction<T>(body: () => T): T {
    this.#db.exec('begin immediate');
    try {
      const out = body();
      this.#db.exec('commit');
      return out;
    } catch (error) {
      this.#db.exec('rollback');
      throw error;
    }
  }
}
