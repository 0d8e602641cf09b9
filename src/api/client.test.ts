import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CutOffError, call, send } from './client.ts';

test('an answer cut short by the system dying rejects instead of waiting for ever', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'aios-client-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const socket = join(dir, 'aios.sock');
  // Headers and half a body, then the connection is gone: what kill -9 mid-write looks like.
  const server = createServer((c) =>
    c.once('data', () => {
      c.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 40\r\n\r\n{"pid":');
      setImmediate(() => c.destroy());
    }),
  );
  await new Promise<void>((r) => server.listen(socket, r));
  t.after(() => server.close());
  // Bounded only so that the old behaviour (a promise that never settles) fails the test.
  const settled = <T>(p: Promise<T>) =>
    Promise.race([
      p.then(
        () => 'resolved',
        (e: unknown) => e,
      ),
      new Promise((r) => setTimeout(r, 30_000, 'pending')),
    ]);
  const viaCall = await settled(call(socket, 'POST', '/v1/agents', { file: 'x.ts' }));
  assert.ok(viaCall instanceof CutOffError, String(viaCall));
  const viaSend = await settled(send(socket, 'GET', '/v1/agents', {}));
  assert.ok(viaSend instanceof CutOffError, String(viaSend));
});
