/**
 * A store that cannot grow (SQLite's max_page_count: SQLITE_FULL, as on a full disk, on any
 * machine) refuses a flush with DiskFullError, keeps the batch, and writes it once it can.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testEnv } from '../../test/helpers/env.ts';
import { boot } from '../boot.ts';
import { DiskFullError } from './disk-full.ts';
import { Store } from './store.ts';

test('a full store refuses the flush, keeps what is pending, and writes it when there is room', async (t) => {
  const env = testEnv(t);
  const system = await boot({ home: env.aiosHome });
  const { kernel, persist, store } = system;
  const pages = (store.db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count;
  store.db.exec(`PRAGMA max_page_count = ${pages}`);
  const minted: string[] = [];
  const mint = () => {
    const r = kernel.syscall(1, 'token_mint', {
      handle: system.systemHandle,
      agentId: 0,
      rights: 1,
      scope: 'system',
      ttlMs: 60_000,
    }) as { tokenId: string };
    minted.push(r.tokenId);
  };
  let refused: unknown;
  for (let i = 0; i < 500 && !refused; i++) {
    mint();
    try {
      persist.flush();
    } catch (error) {
      refused = error;
    }
  }
  assert.ok(refused instanceof DiskFullError, `the flush was refused as disk full: ${refused}`);
  assert.match((refused as Error).message, /disk .* is full/);
  assert.equal(persist.diskFull, refused);
  assert.equal(persist.tryFlush(), false, 'still full: nothing written, nothing thrown');
  assert.equal(store.db.isTransaction, false, 'no transaction is left open');

  store.db.exec('PRAGMA max_page_count = 1073741823');
  assert.equal(persist.tryFlush(), true);
  assert.equal(persist.diskFull, undefined);
  await system.shutdown();

  const reopened = Store.open(env.aiosHome);
  const stored = new Set(reopened.tokens().map((x) => x.tokenId));
  reopened.close();
  for (const id of minted) assert.ok(stored.has(id), `token ${id} was kept once there was room`);
});
