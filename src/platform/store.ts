/**
 * The embedded store: node:sqlite in WAL mode at $AIOS_HOME/aios.db. It holds the kernel's
 * key pair, agent records, capability tokens and the audit journal. Writes are grouped into
 * transactions by the persister; a committed transaction survives `kill -9` (WAL with
 * synchronous=NORMAL loses nothing when only the process dies).
 *
 * @example
 * const store = Store.open(aiosHome());
 * const keys = store.keys();
 * store.commit({ audit: lines, agents: [record], tokens: [], nextPid: 9 });
 */
import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { AgentInfo, CheckpointRecord, TokenRecord } from '../kernel/index.ts';
import { AuditStore } from './audit-store.ts';
import { asDiskFull } from './disk-full.ts';
import { createKeyPair, type KeyPairDer } from './ports.ts';

// Node built-ins with lazy parts come through getBuiltinModule, not import: this module loads
// before `aios up` is ready, and an import would load all those parts (docs/boot.md).
const { chmodSync, mkdirSync } = process.getBuiltinModule('node:fs');

export type AgentRecord = Omit<AgentInfo, 'usage' | 'subtree' | 'handles' | 'children'>;

export interface CommitBatch {
  audit?: readonly string[];
  agents?: readonly AgentRecord[];
  tokens?: readonly TokenRecord[];
  nextPid?: number;
  /** Agent checkpoints to write, or to delete where the record is undefined. */
  checkpoints?: ReadonlyMap<string, CheckpointRecord | undefined>;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS agents (
  pid INTEGER PRIMARY KEY, parent INTEGER NOT NULL, name TEXT NOT NULL, state TEXT NOT NULL,
  record TEXT NOT NULL, updated_at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS agents_live ON agents(pid) WHERE state NOT IN ('exited', 'crashed');
CREATE TABLE IF NOT EXISTS tokens (
  token_id TEXT PRIMARY KEY, agent_id INTEGER NOT NULL, rights INTEGER NOT NULL, scope TEXT NOT NULL,
  issued_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, digest TEXT NOT NULL, revoked INTEGER NOT NULL,
  minted_by TEXT);
CREATE TABLE IF NOT EXISTS checkpoints (
  key TEXT PRIMARY KEY, pid INTEGER NOT NULL, seq INTEGER NOT NULL, saved_at REAL NOT NULL, state TEXT NOT NULL);
`;

export class Store {
  readonly db: DatabaseSync;
  readonly path: string;
  readonly audit: AuditStore;
  readonly #upsertAgent: StatementSync;
  readonly #upsertToken: StatementSync;
  readonly #setMeta: StatementSync;
  readonly #upsertCheckpoint: StatementSync;
  readonly #deleteCheckpoint: StatementSync;

  private constructor(path: string) {
    this.path = path;
    this.db = new DatabaseSync(path, { timeout: 5000 });
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;');
    this.db.exec(SCHEMA);
    // stores made before tokens recorded who minted them
    const tokenColumns = this.db.prepare('PRAGMA table_info(tokens)').all() as { name: string }[];
    if (!tokenColumns.some((c) => c.name === 'minted_by'))
      this.db.exec('ALTER TABLE tokens ADD COLUMN minted_by TEXT');
    this.audit = new AuditStore(this.db);
    this.#upsertAgent = this.db.prepare(
      `INSERT INTO agents (pid, parent, name, state, record, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(pid) DO UPDATE SET parent = excluded.parent, name = excluded.name, state = excluded.state,
       record = excluded.record, updated_at = excluded.updated_at`,
    );
    this.#upsertToken = this.db.prepare(
      `INSERT INTO tokens (token_id, agent_id, rights, scope, issued_at, expires_at, digest, revoked, minted_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(token_id) DO UPDATE SET revoked = excluded.revoked`,
    );
    this.#setMeta = this.db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
    this.#upsertCheckpoint = this.db.prepare(
      `INSERT INTO checkpoints (key, pid, seq, saved_at, state) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET pid = excluded.pid, seq = excluded.seq, saved_at = excluded.saved_at,
       state = excluded.state`,
    );
    this.#deleteCheckpoint = this.db.prepare('DELETE FROM checkpoints WHERE key = ?');
  }

  /** Opens (creating if needed) the store in `home`, which is made private to the user. */
  static open(home: string): Store {
    mkdirSync(home, { recursive: true, mode: 0o700 });
    const path = join(home, 'aios.db');
    const store = new Store(path);
    chmodSync(path, 0o600);
    return store;
  }

  /** The kernel's ML-DSA-65 key pair, created and kept at first boot. */
  keys(): KeyPairDer {
    const pub = this.meta('public_key');
    const priv = this.meta('private_key');
    if (pub && priv) return { publicKey: pub, privateKey: priv };
    const keys = createKeyPair();
    this.transaction(() => {
      this.#setMeta.run('public_key', keys.publicKey);
      this.#setMeta.run('private_key', keys.privateKey);
      this.#setMeta.run('created_at', new TextEncoder().encode(new Date().toISOString()));
    });
    return keys;
  }

  publicKey(): Uint8Array | undefined {
    return this.meta('public_key');
  }

  meta(key: string): Uint8Array | undefined {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
      | { value: Uint8Array }
      | undefined;
    return row?.value;
  }

  /** Writes one batch atomically; throws DiskFullError when the disk is full (nothing of it written). */
  commit(batch: CommitBatch): void {
    this.transaction(() => {
      if (batch.audit) this.audit.append(batch.audit);
      const now = Date.now();
      for (const a of batch.agents ?? []) {
        this.#upsertAgent.run(a.pid, a.parent, a.name, a.state, JSON.stringify(a), now);
      }
      for (const t of batch.tokens ?? []) {
        this.#upsertToken.run(
          t.tokenId,
          t.agentId,
          t.rights,
          t.scope,
          t.issuedAt,
          t.expiresAt,
          t.digest,
          t.revoked ? 1 : 0,
          t.mintedBy ?? null,
        );
      }
      for (const [key, r] of batch.checkpoints ?? []) {
        if (r) this.#upsertCheckpoint.run(key, r.pid, r.seq, r.savedAt, r.state);
        else this.#deleteCheckpoint.run(key);
      }
      if (batch.nextPid !== undefined)
        this.#setMeta.run('next_pid', new TextEncoder().encode(String(batch.nextPid)));
    });
  }

  /**
   * Runs `fn` in one write transaction. On a failure it rolls back only a transaction that is
   * still open: SQLite rolls back by itself on some errors (SQLITE_FULL among them), and a
   * second ROLLBACK would throw "no transaction is active" over the real error. A full disk
   * comes out as DiskFullError.
   */
  transaction(fn: () => void): void {
    try {
      this.db.exec('BEGIN IMMEDIATE');
      fn();
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw asDiskFull(error, this.path) ?? error;
    }
  }

  nextPid(): number {
    const v = this.meta('next_pid');
    const stored = v ? Number(new TextDecoder().decode(v)) : 2;
    const row = this.db.prepare('SELECT max(pid) AS m FROM agents').get() as { m: number | null };
    return Math.max(stored, (row.m ?? 1) + 1);
  }

  tokens(): TokenRecord[] {
    const rows = this.db.prepare('SELECT * FROM tokens').all() as Record<string, number | string | null>[];
    return rows.map((r) => ({
      tokenId: String(r.token_id),
      agentId: Number(r.agent_id),
      rights: Number(r.rights),
      scope: String(r.scope),
      issuedAt: Number(r.issued_at),
      expiresAt: Number(r.expires_at),
      digest: String(r.digest),
      revoked: r.revoked === 1,
      ...(r.minted_by === null ? {} : { mintedBy: String(r.minted_by) }),
    }));
  }

  /** Every agent checkpoint, for the kernel at boot. */
  checkpoints(): CheckpointRecord[] {
    const rows = this.db.prepare('SELECT * FROM checkpoints ORDER BY seq').all() as Record<
      string,
      number | string
    >[];
    return rows.map((r) => ({
      key: String(r.key),
      pid: Number(r.pid),
      seq: Number(r.seq),
      savedAt: Number(r.saved_at),
      state: String(r.state),
    }));
  }

  agents(options: { live?: boolean } = {}): AgentRecord[] {
    // the live ones through agents_live (every boot asks): not a scan of every agent ever run
    const sql = options.live
      ? "SELECT record FROM agents WHERE state NOT IN ('exited', 'crashed') ORDER BY pid"
      : 'SELECT record FROM agents ORDER BY pid';
    return (this.db.prepare(sql).all() as { record: string }[]).map(
      (r) => JSON.parse(r.record) as AgentRecord,
    );
  }

  /** The `limit` agents with the highest pids below `pid` (earlier boots' agents), in pid order. */
  agentsBefore(pid: number, limit: number): AgentRecord[] {
    const rows = this.db
      .prepare('SELECT record FROM agents WHERE pid < ? ORDER BY pid DESC LIMIT ?')
      .all(pid, limit) as { record: string }[];
    return rows.reverse().map((r) => JSON.parse(r.record) as AgentRecord);
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}
