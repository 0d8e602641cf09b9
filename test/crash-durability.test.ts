/**
 * kill -9 at any moment: a restart finds every write that was acknowledged before the kill,
 * and an audit chain that verifies. Repeated over several rounds, with writes in flight.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { call } from '../src/api/client.ts';
import { socketPath } from '../src/platform/paths.ts';
import { aios, aiosUp, testEnv } from './helpers/env.ts';

const KILL_AFTER_MS = [40, 260, 120, 330, 75, 190, 15, 410];

test('kill -9 during writes loses nothing acknowledged and leaves a verifiable chain', async (t) => {
  const env = testEnv(t);
  const agent = join(env.dir, 'wait.ts');
  writeFileSync(
    agent,
    'export default async function (os) { const [, b] = await os.ipc.channel(); await os.ipc.recv(b); }\n',
  );
  const ackedPids = new Set<number>();
  const ackedTokens = new Set<string>();
  const revoked = new Set<string>();

  for (const delay of KILL_AFTER_MS) {
    const up = await aiosUp(env, ['--no-http']);
    const socket = socketPath(env.aiosHome);
    let running = true;
    let writing!: () => void;
    // The API loads right after the ready line: the kill is timed from the first acknowledged write.
    const firstWrite = new Promise<void>((resolve) => {
      writing = resolve;
    });
    const writer = (async () => {
      for (let i = 0; running && i < 10_000; i++) {
        try {
          const { pid } = await call<{ pid: number }>(socket, 'POST', '/v1/agents', { file: agent });
          ackedPids.add(pid);
          writing();
          const { tokenId } = await call<{ tokenId: string }>(socket, 'POST', '/v1/tokens', {
            rights: 'inspect',
            ttlMs: 3_600_000,
          });
          ackedTokens.add(tokenId);
          if (i % 3 === 0) {
            await call(socket, 'DELETE', `/v1/tokens/${tokenId}`);
            revoked.add(tokenId);
          }
        } catch {
          return; // the system died mid-request: that write was never acknowledged
        }
      }
    })().finally(() => writing());
    await firstWrite;
    await sleep(delay);
    up.child.kill('SIGKILL');
    running = false;
    await writer;
    await new Promise((r) => up.child.once('exit', r).emit('noop'));
  }

  assert.ok(ackedPids.size >= KILL_AFTER_MS.length, `some writes were acknowledged (${ackedPids.size})`);
  // One more boot finds the agents that were running at the last kill and records them as lost.
  const last = await aiosUp(env, ['--no-http']);
  assert.equal(await last.stop('SIGTERM'), 0, last.output());
  const agents = JSON.parse((await aios(env, ['ps', '--all', '--json'])).stdout) as {
    pid: number;
    state: string;
  }[];
  const stored = new Set(agents.map((a) => a.pid));
  for (const pid of ackedPids) assert.ok(stored.has(pid), `agent ${pid} was acknowledged and must be stored`);
  const stillLive = agents.filter((a) => !['crashed', 'exited'].includes(a.state));
  assert.deepEqual(stillLive, [], 'no agent is left looking alive after its system died');

  const tokens = JSON.parse((await aios(env, ['token', 'list', '--json'])).stdout) as {
    tokenId: string;
    revoked: boolean;
  }[];
  const byId = new Map(tokens.map((x) => [x.tokenId, x]));
  for (const id of ackedTokens) assert.ok(byId.has(id), `token ${id} was acknowledged and must be stored`);
  for (const id of revoked) assert.equal(byId.get(id)?.revoked, true, `revocation of ${id} was acknowledged`);

  const verify = await aios(env, ['audit', 'verify']);
  assert.equal(verify.code, 0, verify.stdout + verify.stderr);
});
