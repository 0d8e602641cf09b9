/**
 * The cause a user is told when an agent is stopped must be the limit it truly reached first:
 * `aios run` prints it in one line (exit 1) and `aios ps --all` keeps it as the agent's end.
 * For each tier that enforces limits (isolate, wasm, process; builtin is trusted and has none
 * but its timeout) an agent that spins must end at its CPU limit, and one that allocates past
 * --mem, in every style it can, at its memory limit. The agents run two at a time against one
 * `aios up`, a spinner beside each allocator, so each is judged while another agent of the same
 * process computes or allocates.
 *
 * The allocators get a CPU quota far above what they need to fill their memory (16 MB), so
 * memory is unambiguously the first limit; what an agent stopped at its CPU limit with its heap
 * half full is told is covered by docs/runtimes.md ("Which limit").
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import wabtInit from 'wabt';
import { aios, aiosUp, type Running, type TestEnv, testEnv } from '../helpers/env.ts';

const wabt = await wabtInit();
const wat = (text: string) => {
  const module = wabt.parseWat('agent.wat', text);
  try {
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
};

/** The memory quota of the allocators, and a CPU quota they never need. */
const MEM = ['--mem', '16', '--cpu-ms', '5000'];

interface Variant {
  name: string;
  code: string | Uint8Array;
  flags: string[];
  cause: 'memory_limit' | 'cpu_limit';
}

const spinners: Variant[] = [
  {
    name: 'spin.js',
    code: 'export default async () => { for (;;) {} }',
    flags: ['--cpu-ms', '50'],
    cause: 'cpu_limit',
  },
  {
    name: 'spin.wasm',
    code: wat(
      '(module (memory (export "memory") 1) (func (export "run") (result i32) (loop $l (br $l)) (i32.const 0)))',
    ),
    flags: ['--cpu-ms', '50'],
    cause: 'cpu_limit',
  },
  {
    name: 'spin.mjs',
    code: 'export default async () => { for (;;) {} }',
    flags: ['--runtime', 'process', '--cpu-ms', '20'],
    cause: 'cpu_limit',
  },
];

const js = (name: string, body: string): Variant => ({
  name,
  code: `export default async (os) => { ${body} }`,
  flags: MEM,
  cause: 'memory_limit',
});

const allocators: Variant[] = [
  js('small-objects.js', 'const a = []; for (;;) a.push({ x: Math.random() });'),
  js('giant-array.js', 'const a = []; for (let i = 0; ; i++) a[i] = i + 0.5;'),
  js(
    'string-doubling.js',
    "let s = 'x'; const keep = []; for (;;) { s = s + s; keep.push(s + '!'); s.charCodeAt(s.length >> 1); }",
  ),
  js('typed-arrays.js', 'const a = []; for (;;) a.push(new Float64Array(1e5));'),
  js('array-buffers.js', 'const a = []; for (;;) a.push(new Uint8Array(new ArrayBuffer(1 << 16)).fill(7));'),
  js(
    'slow-leak.js',
    'const a = []; for (;;) { for (let i = 0; i < 20000; i++) a.push({ x: i }); await os.yield(); }',
  ),
  {
    // memory.grow until it fails, then trap, as a C or Rust allocator aborts on -1.
    name: 'grow.wasm',
    code: wat(`(module (memory (export "memory") 1)
      (func (export "run") (result i32)
        (loop $l (if (i32.eq (memory.grow (i32.const 16)) (i32.const -1)) (then unreachable)) (br $l))
        (i32.const 0)))`),
    flags: MEM,
    cause: 'memory_limit',
  },
  {
    // A bump allocator inside the module's memory that writes every byte it hands out.
    name: 'alloc.wasm',
    code: wat(`(module (memory (export "memory") 1) (global $top (mut i32) (i32.const 0))
      (func $alloc (param $n i32) (result i32) (local $p i32)
        (local.set $p (global.get $top))
        (global.set $top (i32.add (global.get $top) (local.get $n)))
        (if (i32.gt_u (global.get $top) (i32.mul (memory.size) (i32.const 65536)))
          (then (if (i32.eq (memory.grow (i32.const 16)) (i32.const -1)) (then unreachable))))
        (local.get $p))
      (func (export "run") (result i32) (local $p i32) (local $i i32)
        (loop $l
          (local.set $p (call $alloc (i32.const 65536)))
          (local.set $i (i32.const 0))
          (loop $w (i32.store (i32.add (local.get $p) (local.get $i)) (local.get $i))
            (local.set $i (i32.add (local.get $i) (i32.const 4)))
            (br_if $w (i32.lt_u (local.get $i) (i32.const 65536))))
          (br $l))
        (i32.const 0)))`),
    flags: MEM,
    cause: 'memory_limit',
  },
  {
    name: 'heap-bomb.mjs',
    code: 'export default async () => { const a = []; for (;;) a.push({ x: Math.random() }); }',
    flags: ['--runtime', 'process', '--mem', '32'],
    cause: 'memory_limit',
  },
  {
    // Buffers live outside the V8 heap, which is all --max-old-space-size bounds.
    name: 'buffer-bomb.mjs',
    code: 'export default async () => { const a = []; for (;;) a.push(Buffer.alloc(1 << 20, 1)); }',
    flags: ['--runtime', 'process', '--mem', '32'],
    cause: 'memory_limit',
  },
];

const TOLD = { memory_limit: /it hit its memory limit/, cpu_limit: /it hit its CPU limit/ };

describe('the cause of a stop', () => {
  let env: TestEnv;
  let up: Running;
  const cleanups: (() => unknown)[] = [];
  before(async () => {
    env = testEnv({ after: (fn) => cleanups.push(fn) });
    up = await aiosUp(env);
  });
  after(async () => {
    await up.stop();
    for (const fn of cleanups) fn();
  });

  /** Runs one agent with `aios run` and checks what it prints, its exit code and its end in `aios ps --all`. */
  const check = async (v: Variant) => {
    const file = join(env.dir, v.name);
    writeFileSync(file, v.code);
    const r = await aios(env, ['run', file, ...v.flags], { timeoutMs: 60_000 });
    const lines = r.stderr.trim().split('\n');
    assert.equal(r.code, 1, `${v.name}: ${r.stderr}`);
    assert.equal(lines.length, 1, `${v.name}: one line, not ${r.stderr}`);
    assert.match(lines[0], TOLD[v.cause], `${v.name}: ${lines[0]}`);
    const pid = Number(/agent (\d+) failed/.exec(lines[0])?.[1]);
    const ps = await aios(env, ['ps', '--all', '--json']);
    const agent = (JSON.parse(ps.stdout) as { pid: number; exit?: { reason: string } }[]).find(
      (a) => a.pid === pid,
    );
    assert.equal(agent?.exit?.reason, v.cause, `${v.name} in aios ps --all`);
  };

  for (const allocator of allocators) {
    const spinner = spinners[allocators.indexOf(allocator) % spinners.length];
    it(`${allocator.name} ends at its memory limit, ${spinner.name} beside it at its CPU limit`, async () => {
      await Promise.all([check(allocator), check(spinner)]);
    });
  }

  // Near its limit isolated-vm lowers the heap limit back after raising it, so one big
  // allocation (a Map's table doubling) fails inside V8 with a fatal out-of-memory error,
  // which isolated-vm used to answer by aborting the whole process; now the agent ends as
  // memory_limit, and the command, once done, ends by SIGKILL: a normal exit would wait for the
  // isolate's parked thread forever (bin/aios.js). test/hostile/oom-abort.test.ts: `aios up`.
  it('Map growth ends at its memory limit without taking the process down', async (t) => {
    const own = testEnv(t);
    const file = join(own.dir, 'map.js');
    writeFileSync(
      file,
      'export default async () => { const m = new Map(); for (let i = 0; ; i++) m.set(i, { i }); }',
    );
    const r = await aios(own, ['run', file, ...MEM], { timeoutMs: 60_000 });
    // Ended by a signal (the helper gives -1); an abort would have come before this line.
    assert.equal(r.code, -1, r.stderr);
    assert.match(r.stderr, /^aios run: agent \d+ failed: it hit its memory limit/m);
  });

  it('the system is still up after them all', async () => {
    const r = await aios(env, ['run', join(env.dir, 'spin.js'), '--cpu-ms', '20']);
    assert.match(r.stderr, TOLD.cpu_limit);
    assert.equal(up.child.exitCode, null);
  });
});
