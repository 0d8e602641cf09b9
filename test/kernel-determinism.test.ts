/**
 * The kernel is a deterministic state machine: the same syscalls with the same ports give the
 * same results, handle values and audit journal. (Seal signatures are randomised by ML-DSA
 * itself, so this runs with seals beyond the test's length.)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Kernel } from '../src/kernel/kernel.ts';
import { createDeterministicPorts } from '../src/platform/ports.ts';

type Op = { kind: number; a: number; b: number };

function run(ops: Op[], seed: number): string[] {
  const ports = createDeterministicPorts(seed);
  const k = new Kernel(ports, { sealEvery: 1_000_000 });
  const lines: string[] = [];
  k.events.on('audit', (l) => lines.push(...l));
  const { systemHandle } = k.boot();
  const pids: number[] = [1];
  const handles = new Map<number, number[]>([[1, [systemHandle]]]);
  const out: string[] = [];
  const call = (pid: number, name: string, args: Record<string, unknown>) => {
    try {
      const r = k.syscall(pid, name, args);
      out.push(`${pid} ${name} ok ${JSON.stringify(r, (_k, v) => (v instanceof Uint8Array ? [...v] : v))}`);
      return r;
    } catch (e) {
      out.push(`${pid} ${name} ${(e as { code: string }).code}`);
      return undefined;
    }
  };
  for (const { kind, a, b } of ops) {
    const pid = pids[a % pids.length];
    const mine = handles.get(pid) ?? [];
    const h = mine.length > 0 ? mine[b % mine.length] : b;
    switch (kind % 7) {
      case 0: {
        const r = call(1, 'process_spawn', {
          handle: systemHandle,
          image: { ref: `a${b}.ts`, hash: 'h' },
          runtime: 'builtin',
        }) as { pid: number; handle: number } | undefined;
        if (r) {
          pids.push(r.pid);
          handles.get(1)!.push(r.handle);
          k.started(r.pid);
          handles.set(r.pid, [...k.processes.required(r.pid).startHandles]);
        }
        break;
      }
      case 1: {
        const r = call(pid, 'channel_create', {}) as { handles: number[] } | undefined;
        if (r) mine.push(...r.handles);
        break;
      }
      case 2:
        call(pid, 'channel_write', { handle: h, bytes: Uint8Array.of(a, b) });
        break;
      case 3:
        call(pid, 'channel_read', { handle: h });
        break;
      case 4: {
        const r = call(pid, 'region_alloc', { size: 1 + (b % 10000) }) as { handle: number } | undefined;
        if (r) mine.push(r.handle);
        break;
      }
      case 5:
        call(pid, 'handle_duplicate', { handle: h, rights: b & 0xff });
        break;
      case 6:
        if (pid !== 1) call(1, 'process_kill', { handle: handles.get(1)![b % handles.get(1)!.length] });
        ports.advance(a);
        break;
    }
  }
  k.flushAudit();
  return [...out, ...lines];
}

test('same syscalls and ports, same results, handles and journal', () => {
  const opArb = fc.record({ kind: fc.nat(6), a: fc.nat(50), b: fc.nat(100_000) });
  fc.assert(
    fc.property(fc.array(opArb, { maxLength: 80 }), fc.integer(), (ops, seed) => {
      assert.deepEqual(run(ops, seed), run(ops, seed));
    }),
    { numRuns: 60 },
  );
});
