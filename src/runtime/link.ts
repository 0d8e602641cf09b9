/**
 * One duplex connection between a worker thread and the kernel's thread. The fast transport
 * is two shared-memory rings (one each way) with doorbells; the fallback is a MessagePort,
 * which carries the same frames. Frames a full ring cannot take wait in a local queue and go
 * out as soon as the other side has read.
 *
 * @example
 * const { kernelSide, workerEnd } = Link.pair('ring', kernelBell);
 * new Worker(file, { workerData: { link: workerEnd }, transferList: workerEnd.transfer });
 */
import { MessageChannel, type MessagePort, receiveMessageOnPort } from 'node:worker_threads';
import { Doorbell, Ring } from './ring.ts';
import { decodeFrame, type Encoded, type Frame } from './wire.ts';

export type Transport = 'ring' | 'port';

/** What the other thread needs to build its side (structured-cloneable). */
export interface LinkEnd {
  transport: Transport;
  inbound?: SharedArrayBuffer;
  outbound?: SharedArrayBuffer;
  /** The doorbell this side sleeps on, and the one it rings after writing. */
  inBell?: SharedArrayBuffer;
  outBell?: SharedArrayBuffer;
  port: MessagePort;
}

/** Ring capacity each way: room for 16 largest messages in flight. */
export const RING_BYTES = 1 << 21;

export class Link {
  readonly transport: Transport;
  readonly #in: Ring | undefined;
  readonly #out: Ring | undefined;
  readonly inBell: Doorbell | undefined;
  readonly #outBell: Doorbell | undefined;
  readonly #port: MessagePort;
  readonly #backlog: Encoded[] = [];
  #retries = 0;
  #onFrame: ((frame: Frame) => void) | undefined;
  #onLease: ((grant: unknown) => void) | undefined;
  /** Frames sent and received, for statistics. */
  sent = 0;
  received = 0;

  /** A connected pair: the kernel's side, and the end to hand to the worker. */
  static pair(
    transport: Transport,
    kernelBell: Doorbell,
  ): { kernelSide: Link; workerEnd: LinkEnd; transfer: MessagePort[] } {
    const { port1, port2 } = new MessageChannel();
    if (transport === 'port') {
      return {
        kernelSide: new Link({ transport, port: port1 }),
        workerEnd: { transport, port: port2 },
        transfer: [port2],
      };
    }
    const toKernel = Ring.create(RING_BYTES);
    const toWorker = Ring.create(RING_BYTES);
    const workerBell = new Doorbell();
    return {
      kernelSide: new Link({
        transport,
        inbound: toKernel.buffer,
        outbound: toWorker.buffer,
        inBell: kernelBell.buffer,
        outBell: workerBell.buffer,
        port: port1,
      }),
      workerEnd: {
        transport,
        inbound: toWorker.buffer,
        outbound: toKernel.buffer,
        inBell: workerBell.buffer,
        outBell: kernelBell.buffer,
        port: port2,
      },
      transfer: [port2],
    };
  }

  constructor(end: LinkEnd) {
    this.transport = end.transport;
    this.#port = end.port;
    if (end.transport === 'ring') {
      this.#in = new Ring(end.inbound!);
      this.#out = new Ring(end.outbound!);
      this.inBell = new Doorbell(end.inBell);
      this.#outBell = new Doorbell(end.outBell);
      // Values that hold shared memory (a mapped region, a lease) cannot be copied into a ring.
      this.#port.on('message', (data) => this.#fromPort(data));
    } else {
      this.#port.on('message', (data: Uint8Array | { pid: number; req: number; value: unknown }) => {
        this.received++;
        if (!(data instanceof Uint8Array)) {
          this.#onFrame?.({ type: 'value', pid: data.pid, req: data.req, value: data.value });
          return;
        }
        const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
        this.#onFrame?.(decodeFrame(data, view, 0, data.byteLength));
      });
    }
  }

  #fromPort(data: { pid: number; req: number; value: unknown; lease?: unknown }): void {
    if (data.lease !== undefined) {
      this.#onLease?.(data.lease);
      return;
    }
    this.received++;
    this.#onFrame?.({ type: 'value', pid: data.pid, req: data.req, value: data.value });
  }

  /** Where lease grants (shared memory, sent with post) go. */
  onLease(handler: (grant: unknown) => void): void {
    this.#onLease = handler;
  }

  /** Sends a lease grant, which holds shared memory, over the port. */
  postLease(grant: unknown): void {
    this.#port.postMessage({ lease: grant });
  }

  /**
   * Handles now whatever the port holds (a ring frame announced something sent over the port
   * just before it: the port already has it, though its event has not run yet).
   */
  drainPort(): void {
    if (this.transport !== 'ring') return;
    for (let m = receiveMessageOnPort(this.#port); m; m = receiveMessageOnPort(this.#port))
      this.#fromPort(m.message);
  }

  /** Lets the process exit while this link is open (the kernel's side does). */
  unref(): void {
    this.#port.unref();
  }

  /** Where frames arriving over a MessagePort go (ring frames are taken by poll()). */
  onFrame(handler: (frame: Frame) => void): void {
    this.#onFrame = handler;
  }

  send(frame: Encoded): void {
    this.sent++;
    if (this.transport === 'port') {
      const bytes = new Uint8Array(frame.length);
      frame.fill(bytes, new DataView(bytes.buffer), 0);
      this.#port.postMessage(bytes, [bytes.buffer]);
      return;
    }
    if (this.#backlog.length > 0 || !this.#out!.writeWith(frame.length, frame.fill)) {
      this.#backlog.push(frame);
      if (this.#backlog.length === 1) setImmediate(() => this.#flush());
      return;
    }
    this.#outBell!.ring();
  }

  /** Sends a reply value that shares memory (a SharedArrayBuffer) rather than copying it. */
  sendShared(pid: number, req: number, value: unknown): void {
    this.sent++;
    this.#port.postMessage({ pid, req, value });
  }

  /** Sends a frame unless the ring is full now (a MessagePort always takes it). */
  trySend(frame: Encoded): boolean {
    if (this.transport === 'port' || this.#backlog.length > 0) {
      if (this.transport === 'ring') return false;
      this.send(frame);
      return true;
    }
    if (!this.#out!.writeWith(frame.length, frame.fill)) return false;
    this.sent++;
    this.#outBell!.ring();
    return true;
  }

  /** Handles every frame waiting in the inbound ring; returns how many. */
  poll(handler: (frame: Frame) => void): number {
    const ring = this.#in;
    if (ring === undefined) return 0;
    let count = 0;
    let frame: Frame | undefined;
    const take = (bytes: Uint8Array, view: DataView, offset: number, length: number) => {
      frame = decodeFrame(bytes, view, offset, length);
    };
    while (ring.readWith(take)) {
      count++;
      this.received++;
      handler(frame!);
    }
    if (count > 0 && this.#backlog.length > 0) this.#flush();
    return count;
  }

  hasInput(): boolean {
    return this.#in !== undefined && !this.#in.isEmpty();
  }

  /** Sends what waited for room; retries on the next turn while the ring stays full. */
  #flush(): void {
    const out = this.#out;
    if (out === undefined) return;
    let wrote = false;
    while (this.#backlog.length > 0 && out.writeWith(this.#backlog[0].length, this.#backlog[0].fill)) {
      this.#backlog.shift();
      wrote = true;
    }
    if (wrote) this.#outBell!.ring();
    if (this.#backlog.length > 0) {
      // The consumer is draining: look again on the next turn, then back off.
      if (++this.#retries < 64) setImmediate(() => this.#flush());
      else setTimeout(() => this.#flush(), 1);
    } else this.#retries = 0;
  }

  close(): void {
    this.#port.close();
  }
}
