/**
 * kill -9 at any moment: a restart finds every write that was acknowledged before the kill,
 * and an audit chain that verifies. Repeated over several rounds, with writes in flight.
 *
 * The moments are measured in progress, not milliseconds: each round kills the system right
 * after its Nth acknowledged write, while the other writer's request is under way, so a slow
 * machine tests the same thing as a fast one.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ApiError, call } from '../src/api/client.ts';
import { socketPath } from '../src/platform/paths.ts';
import { aios, aiosUp, testEnv } from './helpers/env.ts';

/** Per round, how many writes (spawns, token grants and revocations) are acknowledged before the kill. */
const KILL_AFTER_WRITES = [1, 13, 5, 21, 2, 8, 0, 17];
const WRITERS = 2;
/** Far longer than any round needs; only a system that stopped answering reaches it. */
const ROUND_DEADLINE_MS = 120_000;

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

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

  for (const [round, killAfter] of KILL_AFTER_WRITES.entries()) {
    const up = await aiosUp(env, ['--no-http']);
    const socket = socketPath(env.aiosHome);
    let killed = false;
    let acked = 0;
    const kill = () => {
      if (killed) return;
      killed = true;
      up.child.kill('SIGKILL');
    };
    /** Counts one acknowledged write; the kill comes once the writer that got it has sent its next. */
    const ack = () => {
      if (++acked === killAfter) setImmediate(kill);
    };
    const writer = async (): Promise<void> => {
      for (let i = 0; !killed; i++) {
        try {
          const { pid } = await call<{ pid: number }>(socket, 'POST', '/v1/agents', { file: agent });
          ackedPids.add(pid);
          ack();
          const { tokenId } = await call<{ tokenId: string }>(socket, 'POST', '/v1/tokens', {
            rights: 'inspect',
            ttlMs: 3_600_000,
          });
          ackedTokens.add(tokenId);
          ack();
          if (i % 3 === 0) {
            await call(socket, 'DELETE', `/v1/tokens/${tokenId}`);
            revoked.add(tokenId);
            ack();
          }
        } catch (error) {
          // The system died mid-request: that write was never acknowledged. An answer that
          // refuses it, or a failure before the kill, is a fault of the system.
          if (killed && !(error instanceof ApiError)) return;
          kill();
          throw error;
        }
      }
    };
    const deadline = setTimeout(kill, ROUND_DEADLINE_MS);
    const running = Array.from({ length: WRITERS }, writer);
    if (killAfter === 0) setImmediate(kill); // with the first requests under way
    const writers = await Promise.allSettled(running);
    clearTimeout(deadline);
    await exited(up.child);
    for (const w of writers) if (w.status === 'rejected') throw w.reason;
    assert.ok(
      acked >= killAfter,
      `round ${round}: ${acked} of ${killAfter} writes acknowledged before the kill`,
    );
  }

  const writes = KILL_AFTER_WRITES.reduce((a, b) => a + b, 0);
  assert.ok(
    ackedPids.size + ackedTokens.size + revoked.size >= writes,
    `every round's writes were acknowledged (${ackedPids.size} agents, ${ackedTokens.size} tokens)`,
  );
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
