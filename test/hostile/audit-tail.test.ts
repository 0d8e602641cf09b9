/**
 * Someone who can write aios.db rewrites an audit entry: a recorded denial becomes a
 * success, with the hash chain after it recomputed (no key is needed for that). Entries a
 * crashed run left after its last signed checkpoint cannot be vouched for, and `aios audit
 * verify` must say so rather than call them verified, for the store and for an export. Once
 * the running system's sealing tick has signed an entry, rewriting it is detected.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { boot } from '../../src/boot.ts';
import { HostPlane } from '../../src/kernel/host-plane.ts';
import { Kernel } from '../../src/kernel/kernel.ts';
import { verifyStore } from '../../src/platform/journal.ts';
import { Persister } from '../../src/platform/persist.ts';
import { createNodePorts } from '../../src/platform/ports.ts';
import { Store } from '../../src/platform/store.ts';
import { aios, aiosUp, testEnv } from '../helpers/env.ts';
import { core } from '../helpers/internals.ts';

const DENIED = /"ok":false,"code":"E_BAD_HANDLE"/;

/**
 * Rewrites the first line matching `pattern` with `edit` and recomputes every hash after it,
 * as an attacker with write access to the file would; returns the edited entry's seq.
 */
function rewrite(home: string, pattern: RegExp, edit: (line: string) => string): number {
  const db = new DatabaseSync(join(home, 'aios.db'));
  try {
    const rows = db.prepare('SELECT first_seq, text FROM audit_blocks ORDER BY first_seq').all() as {
      first_seq: number;
      text: string;
    }[];
    let prev = '';
    let editedSeq = 0;
    const update = db.prepare('UPDATE audit_blocks SET text = ? WHERE first_seq = ?');
    for (const row of rows) {
      const lines = row.text.split('\n');
      let changed = false;
      for (let i = 0; i < lines.length; i++) {
        let line = lines[i];
        if (editedSeq === 0 && pattern.test(line)) {
          line = edit(line);
          editedSeq = JSON.parse(line).seq;
        }
        if (editedSeq !== 0) {
          const body = `${line.slice(0, -75)}}`;
          const hash = createHash('sha256')
            .update(prev + body)
            .digest('hex');
          line = `${body.slice(0, -1)},"hash":"${hash}"}`;
          changed = true;
        }
        lines[i] = line;
        prev = line.slice(-66, -2);
      }
      if (changed) update.run(lines.join('\n'), row.first_seq);
    }
    assert.ok(editedSeq > 0, 'the entry to rewrite is in the journal');
    return editedSeq;
  } finally {
    db.close();
  }
}

const toSuccess = (line: string) => line.replace('"ok":false,"code":"E_BAD_HANDLE"', '"ok":true');

test('a rewritten entry in the tail a crashed run left is reported unsealed, not verified', async (t) => {
  const env = testEnv(t);
  // A run that records a denial, writes it to the store and stops without a clean shutdown
  const store = Store.open(env.aiosHome);
  const kernel = new Kernel(createNodePorts(store.keys()));
  const persist = new Persister(kernel, new HostPlane(kernel), store);
  kernel.boot({ nextPid: store.nextPid(), tokens: [], audit: store.audit.head() });
  assert.throws(() => kernel.syscall(1, 'process_kill', { handle: 424242 }), { code: 'E_BAD_HANDLE' });
  persist.flush();
  store.close();

  const seq = rewrite(env.aiosHome, DENIED, toSuccess);
  const verified = await aios(env, ['audit', 'verify']);
  assert.equal(verified.code, 3, verified.stdout + verified.stderr);
  assert.doesNotMatch(verified.stdout, /verifies:/);
  assert.match(verified.stdout, /UNSEALED/);
  const json = JSON.parse((await aios(env, ['audit', 'verify', '--json'])).stdout);
  assert.equal(json.ok, true, 'the chain itself is consistent: only a signature could tell');
  assert.equal(json.sealedSeq < seq, true, 'the rewritten entry is not under a signature');
  assert.equal(json.unsealed, json.headSeq - json.sealedSeq);
  assert.ok(json.unsealed > 0);

  const file = join(env.dir, 'export.jsonl');
  assert.equal((await aios(env, ['audit', 'export', '--out', file])).code, 0);
  const exported = await aios(env, ['audit', 'verify', file]);
  assert.equal(exported.code, 3, exported.stdout + exported.stderr);
  assert.match(exported.stdout, /UNSEALED/);

  // The next run signs that tail as it finds it, and the journal says it was signed late
  const next = await boot({ home: env.aiosHome, logLevel: 'warn' });
  await next.shutdown();
  const after = await aios(env, ['audit', 'verify', '--json']);
  const report = JSON.parse(after.stdout);
  assert.equal(after.code, 0, after.stdout);
  assert.equal(report.unsealed, 0, 'a clean shutdown leaves nothing unsealed');
  const tail = await aios(env, ['audit', 'tail', '--json', '--lines', '100']);
  const note = tail.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .find((e) => e.what === 'audit_unsealed_tail');
  assert.ok(note, 'the late signature is noted in the journal');
  assert.ok(note.detail.from <= seq && seq <= note.detail.to);
});

test('once the sealing tick has signed an entry, rewriting it in the store is detected', async (t) => {
  const env = testEnv(t);
  const system = await boot({ home: env.aiosHome, logLevel: 'warn' });
  t.after(() => system.shutdown());
  assert.throws(() => system.kernel.syscall(1, 'process_kill', { handle: 424242 }), { code: 'E_BAD_HANDLE' });
  system.persist.flush();
  // no call here seals: the system's own timer must
  const denial = system.store.audit
    .page(0, 10_000)
    .map((l) => JSON.parse(l))
    .find((e) => e.code === 'E_BAD_HANDLE');
  for (let i = 0; i < 200 && verifyStore(system.store).sealedSeq < denial.seq; i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  const before = verifyStore(system.store);
  assert.ok(before.ok && before.sealedSeq >= denial.seq, 'the sealing tick signed the denial');

  rewrite(env.aiosHome, DENIED, toSuccess);
  const report = verifyStore(system.store);
  assert.equal(report.ok, false, 'the rewrite is detected');
  assert.ok(report.firstBad, 'and the report names where');
  assert.equal(core(system).processes.get(1)?.state, 'running');
});

test('through a running aios up, verify and export sign the open tail first', async (t) => {
  const env = testEnv(t);
  const up = await aiosUp(env, ['--no-http']);
  t.after(() => up.stop());
  const verified = await aios(env, ['audit', 'verify', '--json']);
  assert.equal(verified.code, 0, verified.stdout + verified.stderr);
  assert.equal(JSON.parse(verified.stdout).unsealed, 0);
  const file = join(env.dir, 'live.jsonl');
  const exported = await aios(env, ['audit', 'export', '--out', file]);
  assert.equal(exported.code, 0, exported.stderr);
  const offline = await aios(env, ['audit', 'verify', file]);
  assert.equal(offline.code, 0, offline.stdout + offline.stderr);
  assert.match(offline.stdout, /verifies: \d+ entries/);
});
