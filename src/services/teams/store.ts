/**
 * The teams service's own database (`$AIOS_HOME/teams.db`, node:sqlite in WAL mode): each team
 * with its goal, rights, roles and verdict, and its transcript, one row per thing said, so
 * `aios team show` replays a team long after its agents ended. A team the system stopped in the
 * middle of is marked failed at the next start: its role agents did not survive.
 *
 * @example
 * const store = new TeamStore(join(home, 'teams.db'));
 * store.create({ id, goal, submitter, owner: true, rights: 'create', llm: false, createdAt: now });
 * store.say(id, { at: now, from: 'manager', to: 'researcher', kind: 'message', text: 'research the goal' });
 */
import { DatabaseSync } from 'node:sqlite';
import { TEAM_LIMITS as L } from './limits.ts';
import type { Entry, TeamState, TeamView } from './ops.ts';

const SCHEMA = `
create table if not exists teams (
  id text primary key,
  goal text not null,
  state text not null,
  submitter text not null,
  owner integer not null,
  rights text not null,
  llm integer not null,
  rounds integer not null default 0,
  roles text not null default '[]',
  verdict text,
  error text,
  created_at integer not null,
  ended_at integer
);
create table if not exists entries (
  team text not null references teams(id) on delete cascade,
  seq integer not null,
  at integer not null,
  sender text not null,
  recipient text not null,
  kind text not null,
  text text not null,
  data text,
  primary key (team, seq)
) without rowid;
`;

export interface NewTeam {
  id: string;
  goal: string;
  submitter: string;
  owner: boolean;
  rights: string;
  llm: boolean;
  createdAt: number;
}

export type Said = Omit<Entry, 'seq'>;

interface TeamRow {
  id: string;
  goal: string;
  state: TeamState;
  submitter: string;
  owner: number;
  rights: string;
  llm: number;
  rounds: number;
  roles: string;
  verdict: string | null;
  error: string | null;
  created_at: number;
  ended_at: number | null;
}

export class TeamStore {
  readonly #db: DatabaseSync;

  constructor(path: string) {
    this.#db = new DatabaseSync(path);
    this.#db.exec('pragma journal_mode = wal; pragma synchronous = normal; pragma foreign_keys = on;');
    this.#db.exec(SCHEMA);
  }

  close(): void {
    this.#db.close();
  }

  /** Teams left running by a system that stopped: their agents are gone, so they failed. */
  failInterrupted(now: number): string[] {
    const ids = (
      this.#db.prepare(`select id from teams where state = 'running'`).all() as { id: string }[]
    ).map((r) => r.id);
    for (const id of ids) {
      this.end(id, 'failed', now, {
        error: 'The system stopped while the team ran; its role agents did not survive. Run it again',
      });
    }
    return ids;
  }

  create(team: NewTeam): void {
    this.#db
      .prepare(
        `insert into teams (id, goal, state, submitter, owner, rights, llm, created_at)
         values (?, ?, 'running', ?, ?, ?, ?, ?)`,
      )
      .run(
        team.id,
        team.goal,
        team.submitter,
        team.owner ? 1 : 0,
        team.rights,
        team.llm ? 1 : 0,
        team.createdAt,
      );
  }

  setRoles(id: string, roles: TeamView['roles']): void {
    this.#db.prepare('update teams set roles = ? where id = ?').run(JSON.stringify(roles), id);
  }

  setRounds(id: string, rounds: number): void {
    this.#db.prepare('update teams set rounds = ? where id = ?').run(rounds, id);
  }

  end(id: string, state: TeamState, at: number, outcome: { verdict?: string; error?: string }): void {
    this.#db
      .prepare('update teams set state = ?, ended_at = ?, verdict = ?, error = ? where id = ?')
      .run(state, at, outcome.verdict ?? null, outcome.error ?? null, id);
  }

  /** Appends one transcript entry and returns its seq; past the limit the team is told, once. */
  say(id: string, entry: Said): number {
    const last = this.#lastSeq(id);
    if (last > L.ENTRIES_MAX) return last;
    let data: string | null = entry.data === undefined ? null : JSON.stringify(entry.data);
    if (data !== null && Buffer.byteLength(data) > L.DATA_MAX_BYTES)
      data = JSON.stringify({
        cut: `${Buffer.byteLength(data)} bytes, over the ${L.DATA_MAX_BYTES}-byte limit`,
      });
    const text =
      last === L.ENTRIES_MAX
        ? `The transcript is full (${L.ENTRIES_MAX} entries); later ones are not kept`
        : entry.text;
    const seq = last + 1;
    this.#db
      .prepare(
        'insert into entries (team, seq, at, sender, recipient, kind, text, data) values (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(id, seq, entry.at, entry.from, entry.to, entry.kind, text.slice(0, L.TEXT_MAX_CHARS), data);
    return seq;
  }

  #lastSeq(id: string): number {
    const row = this.#db.prepare('select max(seq) as seq from entries where team = ?').get(id) as {
      seq: number | null;
    };
    return row.seq ?? 0;
  }

  entries(id: string, after = 0): Entry[] {
    return (
      this.#db.prepare('select * from entries where team = ? and seq > ? order by seq').all(id, after) as {
        seq: number;
        at: number;
        sender: string;
        recipient: string;
        kind: string;
        text: string;
        data: string | null;
      }[]
    ).map((r) => ({
      seq: r.seq,
      at: r.at,
      from: r.sender,
      to: r.recipient,
      kind: r.kind,
      text: r.text,
      ...(r.data === null ? {} : { data: JSON.parse(r.data) }),
    }));
  }

  get(id: string): (Omit<TeamView, 'entries'> & { owner: boolean }) | undefined {
    const row = this.#db.prepare('select * from teams where id = ?').get(id) as TeamRow | undefined;
    return row === undefined ? undefined : view(row);
  }

  list(submitter: string | undefined, limit: number): (Omit<TeamView, 'entries'> & { owner: boolean })[] {
    const rows = (submitter === undefined
      ? this.#db.prepare('select * from teams order by created_at desc, id desc limit ?').all(limit)
      : this.#db
          .prepare('select * from teams where submitter = ? order by created_at desc, id desc limit ?')
          .all(submitter, limit)) as unknown as TeamRow[];
    return rows.map(view);
  }

  running(submitter: string): number {
    const row = this.#db
      .prepare(`select count(*) as n from teams where submitter = ? and state = 'running'`)
      .get(submitter) as { n: number };
    return row.n;
  }
}

function view(row: TeamRow): Omit<TeamView, 'entries'> & { owner: boolean } {
  return {
    id: row.id,
    goal: row.goal,
    state: row.state,
    submitter: row.submitter,
    owner: row.owner === 1,
    rights: row.rights,
    llm: row.llm === 1,
    rounds: row.rounds,
    roles: JSON.parse(row.roles),
    ...(row.verdict === null ? {} : { verdict: row.verdict }),
    ...(row.error === null ? {} : { error: row.error }),
    createdAt: row.created_at,
    ...(row.ended_at === null ? {} : { endedAt: row.ended_at }),
  };
}
