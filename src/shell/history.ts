/**
 * The request history in SQLite: every `aios do` with its plan, its outcome and whether it
 * was undone. Ids are small increasing integers (as strings), so `aios undo 12` is easy to
 * type; `aios history` lists them newest first.
 */
import type { DatabaseSync } from 'node:sqlite';
import { AtlasError, type Outcome, type PlannedRequest } from './types.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS atlas_requests (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  created_at REAL NOT NULL,
  cwd TEXT NOT NULL,
  request TEXT NOT NULL,
  status TEXT NOT NULL,
  planned TEXT,
  steps_state TEXT,
  outcome TEXT,
  mutating INTEGER NOT NULL DEFAULT 0,
  executed_at REAL,
  undoable INTEGER NOT NULL DEFAULT 0,
  undone_at REAL);
CREATE INDEX IF NOT EXISTS atlas_requests_executed ON atlas_requests(executed_at);
`;

export interface StepsState {
  skipped: string[];
  deferred: string[];
  /** The plan was handed to the planner (run `atlas #ID: …`): its outcome is the run's. */
  planner?: boolean;
  /**
   * Chosen among alternatives (`aios do --alternatives`): their ids, who chose, and the way chosen
   * (its label, and who proposed it: the model or the offline rewrites).
   */
  choice?: { of: string[]; by: 'score' | 'person'; label?: string; source?: 'model' | 'offline' };
}

/**
 * 'running' is written before the first step acts; a request still 'running' when a new
 * process opens the history was cut short (kill -9, power loss) and becomes 'interrupted'.
 */
export type Status =
  | 'planned'
  | 'unclear'
  | 'running'
  | 'interrupted'
  | 'done'
  | 'failed'
  | 'refused'
  | 'undone';

export interface HistoryEntry {
  id: string;
  at: string;
  cwd: string;
  request: string;
  goal: string;
  status: Status;
  source: PlannedRequest['source'] | null;
  steps: { id: string; tool: string; action: string; args: Record<string, unknown>; risk: number }[];
  results: { stepId: string; ok: boolean; error?: string }[];
  undoId: string | null;
  undone: boolean;
  /** Chosen among alternatives: their ids and who chose. */
  choice?: StepsState['choice'];
}

interface Row {
  id: number;
  created_at: number;
  cwd: string;
  request: string;
  status: Status;
  planned: string | null;
  steps_state: string | null;
  outcome: string | null;
  undoable: number;
  undone_at: number | null;
}

export class History {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
    db.exec(SCHEMA);
    // Stores made before steps_state existed get the column (empty: no skipped or deferred steps).
    const columns = db.prepare('PRAGMA table_info(atlas_requests)').all() as { name: string }[];
    if (!columns.some((c) => c.name === 'steps_state'))
      db.exec('ALTER TABLE atlas_requests ADD COLUMN steps_state TEXT');
  }

  /** A new id for a request about to be planned. */
  open(request: string, cwd: string, now: number): string {
    const r = this.#db
      .prepare("INSERT INTO atlas_requests (created_at, cwd, request, status) VALUES (?, ?, ?, 'planned')")
      .run(now, cwd, request);
    return String(r.lastInsertRowid);
  }

  /** Records the plan, and which steps are skipped or resolved only when they run. */
  planned(p: PlannedRequest, state: StepsState = { skipped: [], deferred: [] }): void {
    const status: Status = p.steps.length === 0 ? 'unclear' : 'planned';
    this.#db
      .prepare('UPDATE atlas_requests SET planned = ?, steps_state = ?, status = ? WHERE id = ?')
      .run(JSON.stringify(p), JSON.stringify(state), status, Number(p.id));
  }

  /** The stored plan of request `id`, with its status and directory. */
  get(
    id: string,
  ):
    | { planned?: PlannedRequest; state: StepsState; status: Status; cwd: string; undoable: boolean }
    | undefined {
    const row = this.#db.prepare('SELECT * FROM atlas_requests WHERE id = ?').get(Number(id)) as
      | Row
      | undefined;
    if (!row) return undefined;
    return {
      planned: row.planned ? (JSON.parse(row.planned) as PlannedRequest) : undefined,
      state: row.steps_state ? (JSON.parse(row.steps_state) as StepsState) : { skipped: [], deferred: [] },
      status: row.status,
      cwd: row.cwd,
      undoable: row.undoable === 1 && row.undone_at === null,
    };
  }

  /** Request `id` starts to act: from here a crash leaves it 'running' until recover() finds it. */
  started(id: string, mutating: number, now: number): void {
    this.#db
      .prepare("UPDATE atlas_requests SET status = 'running', mutating = ?, executed_at = ? WHERE id = ?")
      .run(mutating, now, Number(id));
  }

  /** Request `id` is handed to the planner: written before the run exists, so a crash can find it. */
  onPlanner(id: string): void {
    const state = this.get(id)?.state ?? { skipped: [], deferred: [] };
    this.#db
      .prepare('UPDATE atlas_requests SET steps_state = ? WHERE id = ?')
      .run(JSON.stringify({ ...state, planner: true }), Number(id));
  }

  /** Records that request `id` was chosen among alternatives `choice.of`. */
  chose(id: string, choice: NonNullable<StepsState['choice']>): void {
    const state = this.get(id)?.state ?? { skipped: [], deferred: [] };
    this.#db
      .prepare('UPDATE atlas_requests SET steps_state = ? WHERE id = ?')
      .run(JSON.stringify({ ...state, choice }), Number(id));
  }

  /** Requests handed to the planner whose outcome is not known here yet (a crash cut them off). */
  unsettled(): string[] {
    const rows = this.#db
      .prepare(
        "SELECT id, steps_state FROM atlas_requests WHERE status IN ('running', 'interrupted') AND undone_at IS NULL",
      )
      .all() as { id: number; steps_state: string | null }[];
    return rows
      .filter((r) => r.steps_state !== null && (JSON.parse(r.steps_state) as StepsState).planner === true)
      .map((r) => String(r.id));
  }

  /**
   * Marks requests left 'running' by a process that died as 'interrupted' (except those in
   * `live`, still running here), undoable where `undoEntries` says they changed something.
   * Returns their ids.
   */
  recover(live: ReadonlySet<string>, undoEntries: (id: string) => number): string[] {
    const rows = this.#db.prepare("SELECT id FROM atlas_requests WHERE status = 'running'").all() as {
      id: number;
    }[];
    const ids = rows.map((r) => String(r.id)).filter((id) => !live.has(id));
    const mark = this.#db.prepare(
      "UPDATE atlas_requests SET status = 'interrupted', outcome = ?, undoable = ? WHERE id = ?",
    );
    for (const id of ids) {
      const undoable = undoEntries(id) > 0;
      const outcome: Outcome = {
        id,
        ok: false,
        results: [],
        ranSteps: [],
        ...(undoable ? { undoId: id } : {}),
      };
      mark.run(JSON.stringify(outcome), undoable ? 1 : 0, Number(id));
    }
    return ids;
  }

  finished(o: Outcome, status: Status, mutating: number, now: number): void {
    this.#db
      .prepare(
        'UPDATE atlas_requests SET outcome = ?, status = ?, mutating = ?, executed_at = ?, undoable = ? WHERE id = ?',
      )
      .run(JSON.stringify(o), status, mutating, now, o.undoId ? 1 : 0, Number(o.id));
  }

  undone(id: string, now: number, complete: boolean): void {
    this.#db
      .prepare(
        `UPDATE atlas_requests SET undone_at = CASE WHEN ? THEN ? ELSE undone_at END,
         status = CASE WHEN ? THEN 'undone' ELSE status END WHERE id = ?`,
      )
      .run(complete ? 1 : 0, now, complete ? 1 : 0, Number(id));
  }

  /** The newest request whose changes can still be undone. */
  lastUndoable(): string | undefined {
    const row = this.#db
      .prepare(
        'SELECT id FROM atlas_requests WHERE undoable = 1 AND undone_at IS NULL ORDER BY id DESC LIMIT 1',
      )
      .get() as { id: number } | undefined;
    return row ? String(row.id) : undefined;
  }

  /** Mutating steps run since `since` (the rate limit's window). */
  mutatingSince(since: number): number {
    const row = this.#db
      .prepare('SELECT coalesce(sum(mutating), 0) AS n FROM atlas_requests WHERE executed_at >= ?')
      .get(since) as { n: number };
    return row.n;
  }

  /**
   * The rate limit on steps that change things: throws AtlasError when `mutating` more steps
   * would exceed `perMinute` over the last minute.
   */
  checkRate(mutating: number, perMinute: number, now = Date.now()): void {
    if (mutating === 0) return;
    const recent = this.mutatingSince(now - 60_000);
    if (recent + mutating > perMinute) {
      throw new AtlasError(
        `Rate limit: ${recent} steps that change things ran in the last minute and this plan has ${mutating} more (limit ${perMinute} a minute); wait, or raise mutatingStepsPerMinute in atlas.json`,
      );
    }
  }

  /** Requests executed before `before` whose undo data may be dropped. */
  expired(before: number): string[] {
    return (
      this.#db
        .prepare('SELECT id FROM atlas_requests WHERE undoable = 1 AND executed_at < ?')
        .all(before) as { id: number }[]
    ).map((r) => String(r.id));
  }

  expire(id: string): void {
    this.#db.prepare('UPDATE atlas_requests SET undoable = 0 WHERE id = ?').run(Number(id));
  }

  list(limit = 20): HistoryEntry[] {
    const rows = this.#db
      .prepare(
        "SELECT * FROM atlas_requests WHERE status != 'planned' OR planned IS NOT NULL ORDER BY id DESC LIMIT ?",
      )
      .all(limit) as unknown as Row[];
    return rows.map(entryOf);
  }
}

function entryOf(row: Row): HistoryEntry {
  const p = row.planned ? (JSON.parse(row.planned) as PlannedRequest) : undefined;
  const o = row.outcome ? (JSON.parse(row.outcome) as Outcome) : undefined;
  return {
    id: String(row.id),
    at: new Date(row.created_at).toISOString(),
    cwd: row.cwd,
    request: row.request,
    goal: p?.goal ?? '',
    status: row.status,
    source: p?.source ?? null,
    steps: (p?.steps ?? []).map((s) => ({
      id: s.id,
      tool: s.tool,
      action: s.action,
      args: s.args,
      risk: s.risk,
    })),
    results: (o?.results ?? []).map((r) => ({
      stepId: r.stepId,
      ok: r.ok,
      ...(r.error ? { error: r.error } : {}),
    })),
    undoId: o?.undoId ?? null,
    undone: row.undone_at !== null,
    ...(choiceOf(row.steps_state) ? { choice: choiceOf(row.steps_state) } : {}),
  };
}

function choiceOf(state: string | null): StepsState['choice'] {
  return state === null ? undefined : (JSON.parse(state) as StepsState).choice;
}
