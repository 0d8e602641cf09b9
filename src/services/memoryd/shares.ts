/**
 * Who may use whose namespace: memoryd's sharing table, in the same SQLite file as the memories
 * (its own connection, its own table). A share grants one agent, by the name the host vouches
 * for, read or write on one namespace; `none` takes it back.
 *
 * @example
 * const shares = new Shares(join(home, 'memory.db'));
 * shares.set('agent/planner', 'writer', 'write');
 * shares.get('agent/planner', 'writer');   // 'write'
 */
import { DatabaseSync } from 'node:sqlite';

import type { ShareLevel } from '../declare.ts';

/** A share grants one of these; `none` is the absence of a row. */
export type ShareAccess = Exclude<ShareLevel, 'none'>;

const SCHEMA = `
create table if not exists memoryd_shares (
  namespace text not null,
  agent text not null,
  access text not null,
  primary key (namespace, agent)
) without rowid;
create index if not exists memoryd_shares_by_agent on memoryd_shares(agent);
`;

export class Shares {
  readonly #db: DatabaseSync;

  constructor(path: string) {
    this.#db = new DatabaseSync(path);
    this.#db.exec('pragma journal_mode = wal; pragma busy_timeout = 5000; pragma synchronous = full;');
    this.#db.exec(SCHEMA);
  }

  /** What `agent` may do in `namespace` by a share, or undefined. */
  get(namespace: string, agent: string): ShareAccess | undefined {
    const row = this.#db
      .prepare('select access from memoryd_shares where namespace = ? and agent = ?')
      .get(namespace, agent) as { access: ShareAccess } | undefined;
    return row?.access;
  }

  /** The namespaces shared with `agent`, and how. */
  of(agent: string): { namespace: string; access: ShareAccess }[] {
    return this.#db
      .prepare('select namespace, access from memoryd_shares where agent = ? order by namespace')
      .all(agent) as { namespace: string; access: ShareAccess }[];
  }

  set(namespace: string, agent: string, access: ShareAccess | 'none'): void {
    if (access === 'none') {
      this.#db.prepare('delete from memoryd_shares where namespace = ? and agent = ?').run(namespace, agent);
    } else {
      this.#db
        .prepare(
          'insert into memoryd_shares (namespace, agent, access) values (?, ?, ?) on conflict (namespace, agent) do update set access = excluded.access',
        )
        .run(namespace, agent, access);
    }
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }
}
