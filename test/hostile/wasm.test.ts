/**
 * Hostile WebAssembly agents: a foreign import, an endless loop, a file open, a guessed
 * handle. Modules are built from WAT here with wabt, as the examples are.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import wabtInit from 'wabt';
import { deniedWith, exitWith, useHostile } from './harness.ts';

const wabt = await wabtInit();
const wasm = (wat: string) => {
  const module = wabt.parseWat('agent.wat', wat);
  try {
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
};

describe('hostile agents: WebAssembly', () => {
  const system = useHostile();

  it('a module importing anything but aios and WASI is refused before it runs', async () => {
    const s = system();
    s.write(
      'foreign.wasm',
      wasm(
        `(module (import "env" "system" (func (param i32) (result i32))) (memory (export "memory") 1) (func (export "run") (result i32) (i32.const 0)))`,
      ),
    );
    const { pid, exit } = await s.run('foreign.wasm', '', {});
    assert.equal(exit.reason, 'error');
    assert.equal(
      exit.message,
      "The module imports 'env.system'; a WebAssembly agent may import only aios and wasi_snapshot_preview1",
    );
    await s.assertUnharmed();
    s.assertAudited(pid, exitWith('error'));
  });

  it('an endless loop is stopped at its CPU limit', async () => {
    const s = system();
    s.write(
      'spin.wasm',
      wasm(
        `(module (memory (export "memory") 1) (func (export "run") (result i32) (loop $l (br $l)) (i32.const 0)))`,
      ),
    );
    const { pid, exit } = await s.run('spin.wasm', '', { quotas: { cpuMsPerEpoch: 100 } });
    assert.equal(exit.reason, 'cpu_limit');
    await s.assertUnharmed();
    s.assertAudited(pid, exitWith('cpu_limit'));
  });

  it('opening a file through WASI is not capable: no directory is granted', async () => {
    const s = system();
    s.write(
      'open.wasm',
      wasm(`(module
        (import "wasi_snapshot_preview1" "path_open" (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "fd_prestat_get" (func $prestat (param i32 i32) (result i32)))
        (memory (export "memory") 1)
        (data (i32.const 0) "/etc/passwd")
        (func (export "run") (result i32)
          (i32.add
            (i32.mul (call $prestat (i32.const 3) (i32.const 64)) (i32.const 1000))
            (call $open (i32.const 3) (i32.const 0) (i32.const 0) (i32.const 11) (i32.const 0) (i64.const 0) (i64.const 0) (i32.const 0) (i32.const 128)))))`),
    );
    const { exit } = await s.run('open.wasm', '', {});
    assert.equal(exit.reason, 'normal', exit.message);
    assert.equal(
      exit.result,
      String(8 * 1000 + 76),
      'fd_prestat_get: EBADF (8); path_open: ENOTCAPABLE (76)',
    );
    await s.assertUnharmed();
  });

  it('a guessed handle names nothing', async () => {
    const s = system();
    s.write(
      'guess.wasm',
      wasm(`(module
        (import "aios" "send" (func $send (param i32 i32 i32) (result i32)))
        (memory (export "memory") 1)
        (func (export "run") (result i32) (call $send (i32.const 12345) (i32.const 0) (i32.const 4))))`),
    );
    const { pid, exit } = await s.run('guess.wasm', '', {});
    assert.equal(exit.reason, 'normal', exit.message);
    assert.equal(exit.result, '-3', 'E_BAD_HANDLE is error number 3');
    await s.assertUnharmed();
    s.assertAudited(pid, deniedWith('E_BAD_HANDLE', 'channel_write'));
  });
});
