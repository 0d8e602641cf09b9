/**
 * The kernel's inside, for white-box tests and benchmarks that check what no syscall shows
 * (a token's record, a region's pages). Code under src/ never does this: it goes through
 * src/kernel/index.ts (test/kernel-surface.test.ts checks).
 */
import type { System } from '../../src/boot.ts';
import type { Kernel as KernelCore } from '../../src/kernel/kernel.ts';

/** The kernel object behind `system.kernel`, with its machinery. */
export function core(system: Pick<System, 'kernel'>): KernelCore {
  return system.kernel as unknown as KernelCore;
}
