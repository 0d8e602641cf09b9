/**
 * The pool's worker threads, one at a time: starting one (its link to the kernel, for a
 * service its own entry file and heap limits, the SDK sent ahead so the worker can prepare
 * isolates before its first spawn), taking a worker's reports about itself, and shutting the
 * workers down (each asked to stop its agents, then terminated). Which worker hosts which
 * agent is the pool's book (pool-slots.ts).
 *
 * @example
 * const slot = startWorker({ transport: 'ring', bell: pump.bell, file, inPool: (s) => slots.includes(s) });
 * await stopWorkers(slots);
 * await terminateWorkers(slots);
 */
import { Worker } from 'node:worker_threads';
import type { Agent } from '../kernel/index.ts';
import { sdkBundle } from './bundle.ts';
import { Link, type Transport } from './link.ts';
import { markIsolateParked } from './parked.ts';
import type { Slot } from './pool-slots.ts';
import type { Doorbell } from './ring.ts';
import { SERVICE_WORKER_FILE, serviceThreadLimits } from './service-thread.ts';
import { encodeControl } from './wire.ts';

/** Longest wait for a worker to stop its agents before it is terminated anyway. */
const CLOSE_GRACE_MS = 2000;

export interface WorkerStart {
  transport: Transport;
  /** The doorbell the kernel's side of every link rings. */
  bell: Doorbell;
  /** The entry of a thread for any agents. */
  file: URL;
  /** With it, a thread of this service's own (service-thread.ts). */
  service?: Agent;
  /** Whether `slot` is still one of the pool's workers. */
  inPool(slot: Slot): boolean;
}

/** Starts a worker thread and its link; the slot it returns hosts no one yet. */
export function startWorker(start: WorkerStart): Slot {
  const { service } = start;
  const { kernelSide, workerEnd, transfer } = Link.pair(start.transport, start.bell);
  const worker = new Worker(service ? SERVICE_WORKER_FILE : start.file, {
    workerData: { link: workerEnd },
    transferList: transfer,
    resourceLimits: service ? serviceThreadLimits(service) : undefined,
  });
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('online', () => resolve());
    worker.once('error', reject);
  });
  kernelSide.unref();
  const slot: Slot = {
    worker,
    link: kernelSide,
    agents: 0,
    ready,
    warm: 0,
    seen: 0,
    starts: 0,
    lastStart: 0,
    service: service !== undefined,
  };
  // The SDK goes ahead of the first spawn, so the worker can prepare isolates meanwhile.
  void sdkBundle().then(
    (sdk) => {
      if (slot.sdk === sdk || slot.service || !start.inPool(slot)) return;
      slot.link.send(encodeControl(0, { op: 'sdk', sdk }));
      slot.sdk = sdk;
    },
    () => {}, // a spawn reports it
  );
  return slot;
}

/** A worker's report about itself (a control frame for pid 0): it closed, an isolate parked, isolates ready. */
export function onWorkerReport(slot: Slot | undefined, value: Record<string, unknown>): void {
  if (value.op === 'closed') slot?.closed?.();
  else if (value.op === 'parked') markIsolateParked();
  else if (value.op === 'warm' && slot) {
    slot.warm = Number(value.ready) || 0;
    slot.seen = Number(value.seen) || 0;
  }
}

/** Asks every worker to stop its agents; settles once each has answered, or after CLOSE_GRACE_MS. */
export async function stopWorkers(slots: readonly Slot[]): Promise<void> {
  await Promise.all(
    slots.map(async (s) => {
      s.worker.ref(); // keeps the process alive until the worker has answered
      const closed = new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, CLOSE_GRACE_MS);
        s.closed = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      s.link.send(encodeControl(0, { op: 'shutdown' }));
      await closed;
    }),
  );
}

/**
 * Terminates every worker. A worker with a parked isolate never finishes terminating
 * (isolated-vm waits for that isolate's thread): past the grace it is left to the process's end.
 */
export async function terminateWorkers(slots: readonly Slot[]): Promise<void> {
  await Promise.all(
    slots.map((s) =>
      Promise.race([s.worker.terminate(), new Promise((r) => setTimeout(r, CLOSE_GRACE_MS).unref())]),
    ),
  );
}
