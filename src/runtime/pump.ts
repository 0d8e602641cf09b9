/**
 * The kernel thread's side of the transport: one loop that takes frames from every worker's
 * ring. While traffic flows it polls; in short gaps it naps on the shared doorbell (a futex
 * wait of at most NAP_MS, which a worker's write ends at once), handing the event loop a
 * turn every SLICE_MS; after NAP_WINDOW_MS without a frame it sleeps without blocking the
 * event loop until a worker rings.
 *
 * @example
 * const pump = new KernelPump((link, frame) => handle(link, frame));
 * pump.add(link); pump.start();
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Link } from './link.ts';
import { Doorbell } from './ring.ts';
import type { Frame } from './wire.ts';

/** Keep polling this long after the last frame, then nap on the doorbell. */
const SPIN_MS = 0.1;
/** Nap (a blocking futex wait of NAP_MS at most) this long after the last frame before sleeping for real. */
const NAP_WINDOW_MS = 2;
const NAP_MS = 0.2;
/** Longest stretch of polling and napping before the event loop gets a turn. */
const SLICE_MS = 1;
/** A sleeping pump still looks this often (ms), in case a wake-up was missed. */
const SLEEP_MS = 20;

export class KernelPump {
  readonly bell = new Doorbell();
  readonly #links: Link[] = [];
  readonly #handle: (link: Link, frame: Frame) => void;
  #running = false;
  #closed = false;
  /** Frames handled since start. */
  frames = 0;

  constructor(handle: (link: Link, frame: Frame) => void) {
    this.#handle = handle;
  }

  add(link: Link): void {
    this.#links.push(link);
    if (link.transport === 'port') link.onFrame((frame) => this.#handle(link, frame));
  }

  remove(link: Link): void {
    const i = this.#links.indexOf(link);
    if (i >= 0) this.#links.splice(i, 1);
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    void this.#loop();
  }

  stop(): void {
    this.#closed = true;
  }

  /** Handles every frame waiting now; returns how many. */
  pollOnce(): number {
    let n = 0;
    for (const link of this.#links) {
      if (link.transport === 'ring') n += link.poll((frame) => this.#handle(link, frame));
    }
    this.frames += n;
    return n;
  }

  #hasWork = () => {
    for (const link of this.#links) if (link.hasInput()) return true;
    return false;
  };

  async #loop(): Promise<void> {
    let last = performance.now();
    while (!this.#closed) {
      const start = performance.now();
      let idle = false;
      for (;;) {
        const now = performance.now();
        // Frames handled: let the promises they settled run (replies to blocked calls) at once.
        if (this.pollOnce() > 0) {
          last = now;
          break;
        }
        if (now - last > NAP_WINDOW_MS) {
          idle = true;
          break;
        } else if (now - last > SPIN_MS) {
          // A futex nap: no core burnt, and a worker's ring wakes it within microseconds.
          this.bell.sleep(this.#hasWork, NAP_MS);
        }
        if (now - start > SLICE_MS) break;
      }
      if (idle) await this.bell.sleepAsync(this.#hasWork, SLEEP_MS);
      else await nextTurn();
    }
    this.#running = false;
  }
}
