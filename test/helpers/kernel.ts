/**
 * A booted kernel for unit tests: deterministic ports (seeded entropy, a clock that moves
 * only when told, real ML-DSA-65 signatures), every sealed audit line collected.
 *
 * @example
 * const { k, sys, spawn } = testKernel();
 * const child = spawn();
 * sys(child.pid, 'channel_create', {});
 */
import { Kernel, type KernelOptions } from '../../src/kernel/kernel.ts';
import type { Agent } from '../../src/kernel/process.ts';
import { createDeterministicPorts } from '../../src/platform/ports.ts';

export function testKernel(options: KernelOptions & { seed?: number } = {}) {
  const ports = createDeterministicPorts(options.seed ?? 7);
  const k = new Kernel(ports, options);
  const lines: string[] = [];
  k.events.on('audit', (l) => {
    for (const line of l) lines.push(line);
  });
  const { systemHandle } = k.boot();
  let spawned = 0;
  const sys = <T = unknown>(pid: number, name: string, args: Record<string, unknown> = {}) =>
    k.syscall(pid, name, args) as T;
  /** Spawns a child of init (runtime builtin) and marks it running. */
  const spawn = (extra: Record<string, unknown> = {}): { pid: number; handle: number; agent: Agent } => {
    const r = sys<{ pid: number; handle: number }>(1, 'process_spawn', {
      handle: systemHandle,
      image: { ref: `agent-${++spawned}.ts`, hash: 'x' },
      runtime: 'builtin',
      ...extra,
    });
    k.started(r.pid);
    return { ...r, agent: k.processes.required(r.pid) };
  };
  /** The error code a call throws, or 'OK'. */
  const codeOf = (fn: () => unknown): string => {
    try {
      fn();
      return 'OK';
    } catch (e) {
      return (e as { code?: string }).code ?? String(e);
    }
  };
  const audit = () => {
    k.flushAudit();
    return lines.map(
      (l) =>
        JSON.parse(l) as {
          seq: number;
          kind: string;
          pid: number;
          what: string;
          ok: boolean;
          code?: string;
          detail?: Record<string, unknown>;
        },
    );
  };
  return { k, ports, systemHandle, sys, spawn, codeOf, audit, lines };
}
