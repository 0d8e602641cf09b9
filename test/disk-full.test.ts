/**
 * A full disk under a running system: AIOS_HOME on a 6 MB tmpfs that fills while writes
 * arrive. Writes are refused as "disk full" (507 problem+json, one CLI line), reads go on,
 * the system recovers by itself when space returns, and nothing acknowledged is lost.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { send } from '../src/api/client.ts';
import { socketPath } from '../src/platform/paths.ts';
import { aios, aiosUp, testEnv } from './helpers/env.ts';
import { smallDisk } from './helpers/small-disk.ts';

const JSON_BODY = { 'content-type': 'application/json' };
const MINT = JSON.stringify({ rights: 'inspect', ttlMs: 3_600_000 });

test('a full disk refuses writes as disk full, keeps reads, and recovers when space returns', async (t) => {
  const env = testEnv();
  const disk = smallDisk(env.aiosHome, 6 * 1024 * 1024);
  let up: Awaited<ReturnType<typeof aiosUp>> | undefined;
  t.after(async () => {
    if (up && up.child.exitCode === null) await up.stop('SIGKILL');
    disk?.unmount();
    rmSync(env.dir, { recursive: true, force: true });
  });
  if (!disk) return t.skip('cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN)');

  up = await aiosUp(env, ['--no-http']);
  const socket = socketPath(env.aiosHome);
  const acked = new Set<string>();
  const refused: { status: number; type: string; text: string }[] = [];
  let writing = true;
  const writer = (async () => {
    while (writing) {
      const r = await sendOrDead(socket, 'POST', '/v1/tokens', MINT);
      if (!r) return;
      if (r.status === 200) acked.add((JSON.parse(r.text) as { tokenId: string }).tokenId);
      else refused.push(r);
      await sleep(2);
    }
  })();
  await sleep(300);
  disk.fill(); // while the writer keeps writing
  for (let i = 0; i < 100 && refused.length < 5 && up.child.exitCode === null; i++) await sleep(50);
  assert.equal(up.child.exitCode, null, `aios up must survive a full disk:\n${up.output()}`);
  assert.ok(refused.length >= 5, `writes on a full disk were refused (${refused.length})`);
  for (const r of refused) {
    assert.equal(r.status, 507, r.text);
    assert.match(r.type, /application\/problem\+json/);
    assert.match((JSON.parse(r.text) as { detail: string }).detail, /disk.*full/i);
  }
  // Reads go on.
  const agents = await sendOrDead(socket, 'GET', '/v1/agents');
  assert.equal(agents?.status, 200, agents?.text);
  const tokens = await sendOrDead(socket, 'GET', '/v1/tokens');
  assert.equal(tokens?.status, 200, tokens?.text);
  // The CLI says so in one line, with no word of rollbacks.
  const cli = await aios(env, ['token', 'mint', '--rights', 'inspect']);
  assert.equal(cli.code, 1, cli.stdout + cli.stderr);
  assert.equal(cli.stderr.trim().split('\n').length, 1, cli.stderr);
  assert.match(cli.stderr, /disk.*full/i);
  assert.doesNotMatch(cli.stderr + up.output(), /rollback/i);

  // Space comes back: writes are accepted again without a restart.
  disk.free();
  const before = acked.size;
  for (let i = 0; i < 200 && acked.size < before + 5; i++) await sleep(50);
  writing = false;
  await writer;
  assert.ok(acked.size >= before + 5, `writes resumed once space returned (${acked.size - before})`);
  assert.equal(up.child.exitCode, null, up.output());
  assert.equal(await up.stop('SIGTERM'), 0, up.output());

  // Nothing acknowledged was lost, and the audit chain verifies.
  const listed = JSON.parse((await aios(env, ['token', 'list', '--json'])).stdout) as { tokenId: string }[];
  const stored = new Set(listed.map((x) => x.tokenId));
  for (const id of acked) assert.ok(stored.has(id), `token ${id} was acknowledged and must be stored`);
  const verify = await aios(env, ['audit', 'verify']);
  assert.equal(verify.code, 0, verify.stdout + verify.stderr);
});

/** One request; undefined once the system is gone. */
async function sendOrDead(socket: string, method: string, path: string, body?: string) {
  try {
    return await send(socket, method, path, body === undefined ? {} : JSON_BODY, body);
  } catch {
    return undefined;
  }
}
