/**
 * A WebAssembly agent that ends through WASI's proc_exit: its code is its exit status, as the
 * code of process_exit is in every tier.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import wabtInit from 'wabt';
import { boot } from '../../src/boot.ts';
import { testEnv } from '../helpers/env.ts';

const wabt = await wabtInit();
const exiting = (code: number) => {
  const module = wabt.parseWat(
    'exit.wat',
    `(module
      (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
      (memory (export "memory") 1)
      (func (export "_start") (call $proc_exit (i32.const ${code}))))`,
  );
  try {
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
};

test("proc_exit's code is the wasm agent's exit code", async (t) => {
  const env = testEnv(t);
  const system = await boot({ home: env.aiosHome });
  t.after(() => system.shutdown());
  const dir = join(env.dir, 'agents');
  mkdirSync(dir);
  const run = async (code: number) => {
    const file = join(dir, `exit-${code}.wasm`);
    writeFileSync(file, exiting(code));
    const { pid } = system.host.spawnFile(file);
    return system.host.exitOf(pid, 20_000);
  };
  const failed = await run(3);
  assert.deepEqual([failed.reason, failed.code, failed.message], ['error', 3, 'exited with code 3']);
  const ok = await run(0);
  assert.deepEqual([ok.reason, ok.code], ['normal', 0]);
});
