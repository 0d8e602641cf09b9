/**
 * Audit journals written before the audit's signed entries were renamed seals: their signed
 * entries are `checkpoint` lines, signed as `aios-audit-checkpoint/1`, and their store has a
 * `checkpoint_seq` column. The fixture is a journal the kernel wrote before the rename (with
 * the throwaway key pair that signed it): it must still verify, and a system upgraded on such a
 * store must continue its chain with seals that verify after it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { boot } from '../src/boot.ts';
import { verifyJournal } from '../src/kernel/audit-verify.ts';
import { base64urlDecode } from '../src/kernel/encoding.ts';
import { seqOf } from '../src/platform/audit-store.ts';
import { ensureHome } from '../src/platform/paths.ts';
import { sha256Hex, verifyWith } from '../src/platform/ports.ts';
import { aios, ROOT, testEnv } from './helpers/env.ts';

const fixture = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/audit-before-seals.json'), 'utf8')) as {
  publicKey: string;
  privateKey: string;
  lines: string[];
};
const publicKey = base64urlDecode(fixture.publicKey)!;
const privateKey = base64urlDecode(fixture.privateKey)!;
const LEGACY = fixture.lines.filter((l) => l.includes('"kind":"checkpoint"')).length;
const check = (m: Uint8Array, s: Uint8Array) => verifyWith(publicKey, m, s);

test('a journal whose seals are the old checkpoint lines verifies, signatures and all', () => {
  assert.equal(LEGACY, 4);
  const report = verifyJournal(fixture.lines.join('\n'), sha256Hex, check);
  assert.equal(report.ok, true, report.firstBad?.reason);
  assert.equal(report.seals, LEGACY);
  assert.equal(report.entries, fixture.lines.length);
  assert.equal(report.unsealed, fixture.lines.length - report.sealedSeq);

  // Relabelling an old checkpoint a seal (and re-hashing the chain after it) breaks its signature.
  const at = fixture.lines.findIndex((l) => l.includes('"kind":"checkpoint"'));
  const relabelled = [...fixture.lines];
  let prev = relabelled[at - 1].slice(-66, -2);
  for (let i = at; i < relabelled.length; i++) {
    let body = `${relabelled[i].slice(0, -75)}}`;
    if (i === at)
      body = body.replace(
        '"kind":"checkpoint","pid":0,"what":"checkpoint"',
        '"kind":"seal","pid":0,"what":"seal"',
      );
    const hash = sha256Hex(prev + body);
    relabelled[i] = `${body.slice(0, -1)},"hash":"${hash}"}`;
    prev = hash;
  }
  const bad = verifyJournal(relabelled.join('\n'), sha256Hex, check);
  assert.equal(bad.ok, false);
  assert.equal(bad.firstBad?.seq, seqOf(fixture.lines[at]));
  assert.match(bad.firstBad?.reason ?? '', /signature/);
});

test('a store written before the rename opens, verifies, and continues its chain with seals', async (t) => {
  const env = testEnv(t);
  ensureHome(env.aiosHome);
  // The store as the earlier version left it: its column named checkpoint_seq, a row per batch.
  const db = new DatabaseSync(join(env.aiosHome, 'aios.db'));
  db.exec(`CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE audit_blocks (
  first_seq INTEGER PRIMARY KEY, last_seq INTEGER NOT NULL, checkpoint_seq INTEGER, text TEXT NOT NULL);
CREATE INDEX audit_blocks_checkpoints ON audit_blocks(first_seq) WHERE checkpoint_seq IS NOT NULL;`);
  db.prepare("INSERT INTO meta (key, value) VALUES ('public_key', ?), ('private_key', ?)").run(
    publicKey,
    privateKey,
  );
  const insert = db.prepare('INSERT INTO audit_blocks VALUES (?, ?, ?, ?)');
  let run: string[] = [];
  for (const [i, line] of fixture.lines.entries()) {
    run.push(line);
    const closes = line.includes('"kind":"checkpoint"');
    if (!closes && i < fixture.lines.length - 1) continue;
    const last = seqOf(line);
    insert.run(seqOf(run[0]), last, closes ? last : null, run.join('\n'));
    run = [];
  }
  db.close();

  const before = await aios(env, ['audit', 'verify', '--json']);
  assert.equal(before.code, 3, before.stderr); // intact, but its last entries were never signed
  const old = JSON.parse(before.stdout);
  assert.equal(old.ok, true);
  assert.equal(old.seals, LEGACY);
  assert.equal(old.headSeq, fixture.lines.length);

  const system = await boot({ home: env.aiosHome, deferPool: true });
  await system.shutdown(); // signs everything it wrote, and the tail the old run left

  const after = await aios(env, ['audit', 'verify', '--json']);
  assert.equal(after.code, 0, after.stdout + after.stderr);
  const report = JSON.parse(after.stdout);
  assert.equal(report.ok, true);
  assert.equal(report.unsealed, 0);
  assert.ok(report.seals > LEGACY, 'the upgraded system added seals of its own');
  const tail = await aios(env, ['audit', 'tail', '--json', '--lines', '1000']);
  const kinds = tail.stdout
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { kind: string }).kind);
  assert.ok(kinds.includes('checkpoint') && kinds.includes('seal'), `kinds: ${[...new Set(kinds)]}`);
});
