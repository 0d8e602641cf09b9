/**
 * Memory regions: shared buffers allocated from the allocating agent's pool, accounted in
 * whole pages against its memory quota and those of its ancestors (subtree.ts), mapped into
 * other agents by passing the handle in a message (the bytes are never copied), and freed when
 * asked or when no handle remains. A mapping cannot be taken back, so a freed region's pages
 * return to the pool only once every agent that mapped it has ended: until then they stay
 * charged, and nothing reaches them through the kernel.
 *
 * @example
 * const region = memory.alloc(agent, 1 << 20); // charged to agent's pool
 * memory.write(region, 0, bytes);
 */
import { KernelError } from './errors.ts';
import type { Region } from './objects.ts';
import { PARAMS } from './params.ts';
import type { Agent } from './process.ts';
import { admitMemory, budgetChain, chargeMemory } from './subtree.ts';

export class Memory {
  readonly #agent: (pid: number) => Agent | undefined;
  readonly #nextKoid: () => number;
  /** Bytes currently charged across all pools. */
  charged = 0;
  /** Regions each live agent has mapped. */
  readonly #mapped = new Map<number, Set<Region>>();

  constructor(agent: (pid: number) => Agent | undefined, nextKoid: () => number) {
    this.#agent = agent;
    this.#nextKoid = nextKoid;
  }

  /** Allocates a zeroed region; throws E_BAD_ARG, E_TOO_BIG or E_QUOTA. */
  alloc(owner: Agent, size: number): Region {
    if (!Number.isInteger(size) || size <= 0)
      throw new KernelError('E_BAD_ARG', 'Region size must be a positive integer');
    if (size > PARAMS.MEM_QUOTA_MAX) throw new KernelError('E_TOO_BIG', 'A region is at most 1 GiB');
    const pages = Math.ceil(size / PARAMS.PAGE_BYTES);
    const bytes = pages * PARAMS.PAGE_BYTES;
    if (owner.usage.memoryBytes + bytes > owner.quotas.memoryBytes) {
      throw new KernelError(
        'E_QUOTA',
        `Agent ${owner.pid} would hold ${owner.usage.memoryBytes + bytes} bytes; its memory quota is ${owner.quotas.memoryBytes}`,
      );
    }
    const trees = budgetChain(this.#agent, owner);
    admitMemory(trees, bytes);
    chargeMemory(trees, bytes);
    owner.usage.memoryBytes += bytes;
    this.charged += bytes;
    return {
      koid: this.#nextKoid(),
      kind: 'region',
      handleCount: 0,
      size,
      buffer: new SharedArrayBuffer(size),
      chargedTo: owner.pid,
      chargedTrees: trees.map((a) => a.pid),
      chargedBytes: bytes,
      freed: false,
      mappedBy: new Set(),
      released: false,
    };
  }

  /** The buffer itself, for `mapper` to share; throws E_BAD_STATE once the region is freed. */
  map(region: Region, mapper: Agent): { buffer: SharedArrayBuffer; size: number } {
    if (region.freed) throw new KernelError('E_BAD_STATE', 'The region has been freed');
    region.mappedBy.add(mapper.pid);
    const regions = this.#mapped.get(mapper.pid) ?? new Set<Region>();
    this.#mapped.set(mapper.pid, regions.add(region));
    return { buffer: region.buffer, size: region.size };
  }

  /**
   * Frees the region: later access answers E_BAD_STATE. Its pages go back to the pool now if
   * no agent mapped it, else when the last agent that did has ended (unmapAll).
   */
  free(region: Region): void {
    if (region.freed) return;
    region.freed = true;
    if (region.mappedBy.size === 0) this.#release(region);
  }

  /** `pid` has ended: its mappings are gone, and freed regions it kept charged are released. */
  unmapAll(pid: number): void {
    const regions = this.#mapped.get(pid);
    if (!regions) return;
    this.#mapped.delete(pid);
    for (const region of regions) {
      region.mappedBy.delete(pid);
      if (region.freed && region.mappedBy.size === 0) this.#release(region);
    }
  }

  #release(region: Region): void {
    if (region.released) return;
    region.released = true;
    this.charged -= region.chargedBytes;
    const owner = this.#agent(region.chargedTo);
    if (owner) owner.usage.memoryBytes -= region.chargedBytes;
    for (const pid of region.chargedTrees) {
      const a = this.#agent(pid);
      if (a) a.subtree.memoryBytes -= region.chargedBytes;
    }
  }

  read(region: Region, offset: number, length: number): Uint8Array {
    this.#check(region, offset, length);
    return new Uint8Array(region.buffer, offset, length).slice();
  }

  write(region: Region, offset: number, bytes: Uint8Array): void {
    this.#check(region, offset, bytes.length);
    new Uint8Array(region.buffer, offset, bytes.length).set(bytes);
  }

  #check(region: Region, offset: number, length: number): void {
    if (region.freed) throw new KernelError('E_BAD_STATE', 'The region has been freed');
    if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0) {
      throw new KernelError('E_BAD_ARG', 'Offset and length must be non-negative integers');
    }
    if (offset + length > region.size) {
      throw new KernelError(
        'E_BAD_ARG',
        `Range ${offset}+${length} is outside the ${region.size}-byte region`,
      );
    }
  }
}
