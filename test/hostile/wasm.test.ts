/**
 * Hostile WebAssembly agents: a foreign import, an endless loop, a file open, a guessed
 * handle, tables and memories grown past the memory quota, GC objects. Modules are built from
 * WAT here with wabt, as the examples are.
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

/** A module of GC types (no WAT front end here speaks them): run() makes one array of `length` i64s. */
const gcArray = (length: number) => {
  const sleb = (v: number) => {
    const out: number[] = [];
    for (;;) {
      const b = v & 0x7f;
      v >>= 7;
      if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) return [...out, b];
      out.push(b | 0x80);
    }
  };
  const section = (id: number, payload: number[]) => [id, payload.length, ...payload];
  const name = (s: string) => [s.length, ...new TextEncoder().encode(s)];
  const body = [0, 0x41, ...sleb(length), 0xfb, 0x07, 0, 0x1a, 0x41, 1, 0x0b];
  return Uint8Array.from([
    ...[0, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
    ...section(1, [2, 0x5e, 0x7e, 1, 0x60, 0, 1, 0x7f]),
    ...section(3, [1, 1]),
    ...section(5, [1, 0, 1]),
    ...section(7, [2, ...name('memory'), 2, 0, ...name('run'), 0, 0]),
    ...section(10, [1, body.length, ...body]),
  ]);
};

describe('hostile agents: WebAssembly', () => {
  const system = useHostile();

  it('a table grown by millions of entries fails in the module; the host lives', async () => {
    const s = system();
    s.write(
      'table-bomb.wasm',
      wasm(`(module (memory (export "memory") 1) (table $t 1 funcref)
        (func (export "run") (result i32)
          (drop (table.grow $t (ref.null func) (i32.const 50000000)))
          (drop (table.grow $t (ref.null func) (i32.const 5000000)))
          (drop (table.grow $t (ref.null func) (i32.const 4000000)))
          (table.size $t)))`),
    );
    const { exit } = await s.run('table-bomb.wasm', '', { quotas: { memoryBytes: 64 * 2 ** 20 } });
    assert.equal(exit.reason, 'normal', exit.message);
    assert.equal(exit.result, '1', 'every grow failed (-1) and the table kept its one entry');
    await s.assertUnharmed();
  });

  it('memory.grow past the memory quota fails in the module', async () => {
    const s = system();
    s.write(
      'grow.wasm',
      wasm(`(module (memory (export "memory") 1)
        (func (export "run") (result i32)
          (i32.add (i32.mul (memory.grow (i32.const 16000)) (i32.const 1000)) (memory.grow (i32.const 100)))))`),
    );
    const { exit } = await s.run('grow.wasm', '', { quotas: { memoryBytes: 64 * 2 ** 20 } });
    assert.equal(exit.reason, 'normal', exit.message);
    assert.equal(
      exit.result,
      String(-1000 + 1),
      '1 GB is refused (-1), 6.25 MiB more is granted (old size 1)',
    );
    await s.assertUnharmed();
  });

  it('a module that needs more than its memory quota at start is stopped at its memory limit', async () => {
    const s = system();
    s.write(
      'big.wasm',
      wasm(`(module (memory (export "memory") 2000) (func (export "run") (result i32) (i32.const 0)))`),
    );
    const { pid, exit } = await s.run('big.wasm', '', { quotas: { memoryBytes: 64 * 2 ** 20 } });
    assert.equal(exit.reason, 'memory_limit');
    assert.equal(
      exit.message,
      'needs 125 MB at start for its memory, tables and globals; its memory limit is 64 MB: raise it with --mem',
    );
    await s.assertUnharmed();
    s.assertAudited(pid, exitWith('memory_limit'));
  });

  it('a module of GC types (objects sized by instructions, in the heap) is refused before it runs', async () => {
    const s = system();
    s.write('gc.wasm', gcArray(20_000_000));
    const { exit } = await s.run('gc.wasm', '', { quotas: { memoryBytes: 64 * 2 ** 20 } });
    assert.equal(exit.reason, 'error');
    assert.match(exit.message ?? '', /GC types/);
    await s.assertUnharmed();
  });

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
