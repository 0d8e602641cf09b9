import assert from 'node:assert/strict';
import { test } from 'node:test';
import wabtInit from 'wabt';
import { fitModule, WasmLimitError } from './wasm-limits.ts';

const wabt = await wabtInit();
const wasm = (wat: string) => {
  const module = wabt.parseWat('agent.wat', wat);
  try {
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
};
const MiB = 2 ** 20;
/** The project's TypeScript libraries leave WebAssembly out; Node has it. */
const { WebAssembly: Wasm } = globalThis as unknown as {
  WebAssembly: {
    Module: new (bytes: Uint8Array) => object;
    Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  };
};
const limitsOf = (bytes: Uint8Array) => new Wasm.Instance(new Wasm.Module(bytes), {}).exports;

test('a memory without a maximum may grow only to the quota', () => {
  const fitted = fitModule(
    wasm(
      `(module (memory (export "memory") 1) (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`,
    ),
    8 * MiB,
  );
  const { grow } = limitsOf(fitted) as { grow: (n: number) => number };
  assert.equal(grow(200), -1, 'past 8 MiB (128 pages) it fails');
  assert.equal(grow(100), 1, 'within it, it grows');
  assert.equal(grow(27), 101);
  assert.equal(grow(1), -1);
});

test('a table may grow into an eighth of what is left, not by millions of entries', () => {
  const fitted = fitModule(
    wasm(
      `(module (table $t 1 funcref) (func (export "grow") (param i32) (result i32) (table.grow $t (ref.null func) (local.get 0))))`,
    ),
    8 * MiB,
  );
  const { grow } = limitsOf(fitted) as { grow: (n: number) => number };
  assert.equal(grow(5_000_000), -1);
  assert.equal(grow(1000), 1);
});

test('declared maxima below the quota are kept', () => {
  const fitted = fitModule(
    wasm(
      `(module (memory (export "memory") 1 2) (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`,
    ),
    64 * MiB,
  );
  const { grow } = limitsOf(fitted) as { grow: (n: number) => number };
  assert.equal(grow(2), -1);
  assert.equal(grow(1), 1);
});

test('a module that needs more than its quota at start is refused as a memory limit', () => {
  assert.throws(
    () => fitModule(wasm(`(module (memory 2000))`), 64 * MiB),
    (e: unknown) =>
      e instanceof WasmLimitError &&
      e.memory &&
      e.message ===
        'needs 125 MB at start for its memory, tables and globals; its memory limit is 64 MB: raise it with --mem',
  );
});

test('imported memories and GC types are refused', () => {
  assert.throws(
    () => fitModule(wasm(`(module (import "wasi_snapshot_preview1" "m" (memory 1)))`), 64 * MiB),
    /may import only functions/,
  );
  // (type (array (mut i64))): no WAT front end here speaks GC, so the bytes are written out.
  const gc = Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x5e, 0x7e, 1]);
  assert.throws(() => fitModule(gc, 64 * MiB), /GC types/);
  assert.throws(() => fitModule(Uint8Array.from([1, 2, 3]), 64 * MiB), /not a WebAssembly module/);
});
