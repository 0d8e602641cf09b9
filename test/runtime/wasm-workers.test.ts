/**
 * WebAssembly agents on a pool of several workers: each gets the answers to its calls, and the
 * system shuts down cleanly after them. isolated-vm 6 supports a wasm agent's synchronous calls
 * on one thread of a process only (see WorkerPool's #pickWasm): on the others they failed with
 * "A non-transferable value was passed", and the process aborted when the workers shut down.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { boot, hostPlaneOf } from '../../src/boot.ts';
import { WorkerPool } from '../../src/runtime/pool.ts';
import { PooledRuntime } from '../../src/runtime/pooled.ts';
import { ROOT, testEnv } from '../helpers/env.ts';

test('wasm agents on a pool of three workers all get their answers', async (t) => {
  const env = testEnv(t);
  const system = await boot({ home: env.aiosHome });
  t.after(() => system.shutdown());
  // Three workers whatever the machine has; the system closes this pool with the others.
  const pool = new WorkerPool({ plane: hostPlaneOf(system), workers: 3 });
  system.host.register(new PooledRuntime('wasm', pool));
  pool.prewarm();
  const wasm = join(ROOT, 'examples', 'agents', 'build', 'counter.wasm');
  if (!existsSync(wasm)) execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-wasm.ts')]);
  const pids = Array.from({ length: 6 }, () => system.host.spawnFile(wasm).pid);
  for (const [i, pid] of pids.entries()) {
    const exit = await system.host.exitOf(pid, 20_000);
    assert.equal(exit.reason, 'normal', `agent ${i + 1}: ${exit.message}`);
    assert.equal(exit.result, '15', 'it sent itself five messages and read them back');
  }
});
