/**
 * Verifies that the row, version, FTS, vector and link stores agree: every memory has exactly
 * one FTS entry, one vector of its namespace's dimension and a current version, no link points
 * to a memory that is gone (or lies in another namespace), nothing else is left over from a
 * memory that is gone, and each namespace's usage counts match its memories.
 *
 * @example
 * const report = checkStores(db);   // { ok: false, problems: ['memory 7 has no FTS entry'] }
 */
import type { DatabaseSync } from 'node:sqlite';
import { codeLayout, quantise } from './codes.ts';

export interface CheckReport {
  ok: boolean;
  memories: number;
  problems: string[];
}

const QUERIES: [string, string][] = [
  ['select id from memories except select rowid from memory_fts', 'memory {} has no FTS entry'],
  ['select rowid from memory_fts except select id from memories', 'FTS entry {} has no memory'],
  // while its namespace is re-embedded, a memory written since has only the new model's vector
  [
    'select id from memories except select memory_id from memory_vectors except select memory_id from memory_vectors_next',
    'memory {} has no vector',
  ],
  [
    `select v.memory_id from memory_vectors_next v left join memories m on m.id = v.memory_id
     left join memory_reembed j on j.namespace_id = v.namespace_id
     where m.id is null or j.namespace_id is null or v.namespace_id != m.namespace_id
        or length(v.embedding) != 4 * j.dimension`,
    "re-embedded vector {} has no memory or does not match its re-embedding's dimension",
  ],
  ['select memory_id from memory_vectors except select id from memories', 'vector {} has no memory'],
  [
    `select v.memory_id from memory_vectors v join memories m on m.id = v.memory_id
     join namespaces n on n.id = m.namespace_id
     where v.namespace_id != m.namespace_id or length(v.embedding) != 4 * n.dimension`,
    "vector {} does not match its namespace's dimension",
  ],
  [
    'select memory_id from memory_vectors except select memory_id from memory_codes',
    'vector {} has no quantised code',
  ],
  ['select memory_id from memory_codes except select memory_id from memory_vectors', 'code {} has no vector'],
  [
    `select c.memory_id from memory_codes c join memory_vectors v on v.memory_id = c.memory_id
     where c.namespace_id != v.namespace_id`,
    'code {} is filed under another namespace than its vector',
  ],
  [
    `select m.id from memories m left join memory_versions v on v.memory_id = m.id and v.valid_to is null
     where v.version is null or v.version != m.version or v.hash != m.hash`,
    'memory {} has no current version matching it',
  ],
  [
    'select distinct memory_id from memory_versions except select id from memories',
    'versions of {} outlive it',
  ],
  [
    `select l.from_id || ' ' || l.relation || ' ' || l.to_id from memory_links l
     where not exists (select 1 from memories m where m.id = l.from_id and m.namespace_id = l.namespace_id)
        or not exists (select 1 from memories m where m.id = l.to_id and m.namespace_id = l.namespace_id)`,
    'link {} points to a missing memory',
  ],
  [
    `select n.name from namespaces n
     where n.count != (select count(*) from memories m where m.namespace_id = n.id)
        or n.bytes != (select coalesce(sum(octet_length(m.text) + octet_length(m.metadata)), 0)
                       from memories m where m.namespace_id = n.id)`,
    "namespace {}'s usage counts disagree with its memories",
  ],
];

const SHOWN = 20;

export function checkStores(db: DatabaseSync, extra: string[] = []): CheckReport {
  const problems: string[] = [];
  for (const [sql, message] of QUERIES) {
    const rows = db.prepare(`${sql} limit ${SHOWN + 1}`).all() as Record<string, number>[];
    for (const row of rows.slice(0, SHOWN))
      problems.push(message.replace('{}', String(Object.values(row)[0])));
    if (rows.length > SHOWN) problems.push(`${message.replace('{}', '…')} (more not shown)`);
  }
  const fts = db.prepare('select text from memory_fts where rowid = ?');
  for (const row of db.prepare('select id, text from memories').iterate() as Iterable<{
    id: number;
    text: string;
  }>) {
    const entry = fts.get(row.id) as { text: string } | undefined;
    if (entry && entry.text !== row.text && problems.length < 100)
      problems.push(`FTS entry ${row.id} is stale`);
  }
  problems.push(...staleCodes(db));
  try {
    db.exec("insert into memory_fts (memory_fts) values ('integrity-check')");
  } catch (err) {
    problems.push(`FTS index is corrupt: ${(err as Error).message}`);
  }
  problems.push(...extra);
  const memories = Number((db.prepare('select count(*) n from memories').get() as { n: number }).n);
  return { ok: problems.length === 0, memories, problems };
}

/** Codes that are not their vector's code (the index loads codes, so a stale one misleads search). */
function staleCodes(db: DatabaseSync): string[] {
  const problems: string[] = [];
  const rows = db.prepare(
    `select v.memory_id, v.embedding, c.code, n.dimension from memory_vectors v
     join memory_codes c on c.namespace_id = v.namespace_id and c.memory_id = v.memory_id
     join namespaces n on n.id = v.namespace_id where length(v.embedding) = 4 * n.dimension`,
  );
  rows.setReturnArrays(true);
  let layout = codeLayout(1);
  for (const [id, embedding, code, dimension] of rows.iterate() as Iterable<
    [number, Uint8Array, Uint8Array, number]
  >) {
    if (layout.dimension !== dimension) layout = codeLayout(dimension);
    const expected = quantise(new Float32Array(embedding.slice().buffer), layout);
    if (!Buffer.from(expected).equals(code) && problems.length < SHOWN)
      problems.push(`code ${id} is not its vector's code`);
  }
  return problems;
}
