/**
 * A spinning isolate agent killed right after a call of its returns must stop computing: its
 * kill may land while isolated-vm hands the isolate to another thread, where V8 can lose the
 * termination dispose() asks for (the agent then spun on, and the system could not shut down).
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { RIGHTS } from '../../src/kernel/rights.ts';
import { imageOf } from '../../src/runtime/images.ts';
import { hostile } from './harness.ts';

/** Kills in a row: before the fix about one in two left the code running. */
const KILLS = 6;
/** Bounds every wait, so that a kill that does not take fails the test instead of hanging it. */
const BOUND_MS = 20_000;

const SPIN = `export default async (os) => {
  await os.ipc.send(os.handles.report, 'ready');
  for (;;) {}
};`;

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${BOUND_MS} ms`)), BOUND_MS);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

it('a spinning isolate agent killed after its call returns stops, and the system still shuts down', async (t) => {
  const h = await hostile(t);
  const image = imageOf(h.write('spin.mjs', SPIN));
  for (let i = 0; i < KILLS; i++) {
    const [near, far] = await h.init.ipc.channel();
    const { pid, handle } = await h.init.sys<{ pid: number; handle: number }>('process_spawn', {
      handle: h.system.systemHandle,
      image,
      runtime: 'isolate',
      labels: { grantNames: 'report' },
      grants: [{ handle: far, rights: RIGHTS.READ | RIGHTS.WRITE }],
      quotas: { cpuMsPerEpoch: 60_000 }, // the kill, not the CPU limit, must end it
    });
    assert.equal((await h.init.ipc.recv(near, { timeoutMs: BOUND_MS })).text(), 'ready');
    await h.init.kill(handle);
    const exit = await h.system.host.exitOf(pid, BOUND_MS);
    assert.equal(exit.reason, 'killed', exit.message);
  }
  await h.assertUnharmed();
  // A worker whose isolate still computes never terminates: shutting down would hang.
  await within(h.system.shutdown(), 'shutting down');
});
