/**
 * What the worker's watchdog reads to stop an agent for the right reason. isolated-vm counts a
 * run of code still going by the wall clock (only finished runs by the thread's CPU clock), so
 * on a loaded machine an agent that waited for a core looks as if it computed; and it cannot
 * report an isolate's heap while its code runs. So the watchdog also samples the whole process
 * (its CPU time and resident memory) and, at the agent's CPU slices, asks for the heap once
 * the isolate is idle:
 *
 * - the agent has computed at most what the process computed meanwhile: it is stopped at its
 *   CPU limit only once both counts are past it;
 * - near its heap limit V8 collects garbage over and over before isolated-vm declares the limit
 *   hit, and that counts as computing: if the heap looks full when the CPU limit is reached
 *   (its size at the last slice plus what the process grew by since), the stop is memory_limit.
 *
 * @example
 * const cause = new StopCause();
 * cause.enter(entries, sample);               // a new run of the agent's code
 * if (cause.ranMs(wallMs, sample) > limitMs) stop(cause.memoryFull(limitBytes, sample) ? 'memory_limit' : 'cpu_limit');
 */
import type IvmModule from 'isolated-vm';

/** What the watchdog reads of the whole process at each tick: CPU time (user and system, µs) and resident memory. */
export interface ProcessSample {
  cpuUs: number;
  rss: number;
}

/** How full the heap must look, of the memory limit, for a stop at the CPU limit to be named memory_limit. */
const MEMORY_FULL_SHARE = 7 / 8;

export class StopCause {
  /** The process as the agent's current run of code began, and which run that is. */
  #atEntry: ProcessSample = { cpuUs: 0, rss: 0 };
  #entries = -1;
  /** The isolate's heap (used and external bytes) when last sampled. */
  #heapBytes = 0;
  #sampling = false;

  /** Notes the process as run `entries` of the agent's code is first seen. */
  enter(entries: number, sample: ProcessSample | undefined): void {
    if (!sample || this.#entries === entries) return;
    this.#entries = entries;
    this.#atEntry = sample;
  }

  /** What the agent can have computed in this run: the lesser of isolated-vm's count and the process's. */
  ranMs(isolateMs: number, sample: ProcessSample | undefined): number {
    return sample ? Math.min(isolateMs, (sample.cpuUs - this.#atEntry.cpuUs) / 1000) : isolateMs;
  }

  /** Whether the heap looks full (see above): the stop at the CPU limit is then memory_limit. */
  memoryFull(limitBytes: number, sample: ProcessSample | undefined): boolean {
    const grown = sample ? Math.max(0, sample.rss - this.#atEntry.rss) : 0;
    return this.#heapBytes + grown >= limitBytes * MEMORY_FULL_SHARE;
  }

  /**
   * Asks for the isolate's heap size, answered once its code is idle (never blocking the
   * worker): called at CPU slices, so only agents that compute pay for it.
   */
  sampleHeap(iso: IvmModule.Isolate): void {
    if (this.#sampling) return;
    this.#sampling = true;
    iso.getHeapStatistics().then(
      (heap) => {
        this.#heapBytes = heap.used_heap_size + heap.externally_allocated_size;
        this.#sampling = false;
      },
      () => {}, // disposed meanwhile
    );
  }
}
