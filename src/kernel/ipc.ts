/**
 * Channels: pairs of endpoints carrying binary messages of at most 64 KiB (header, handle
 * slots and payload together). Queues are bounded; a full queue answers E_WOULD_BLOCK, which
 * is the backpressure. Handles travel only inside messages. channel_call pairs a request with
 * its reply by transaction id and times out at a deadline checked by expire().
 *
 * @example
 * const [a, b] = ipc.createPair(1024);
 * ipc.write(alice, a, bytes, []);
 * const msg = ipc.read(bob, b);
 */
import { KernelError } from './errors.ts';
import type { Handles } from './handles.ts';
import type { Endpoint, Handle, Message, PendingCall } from './objects.ts';
import { PARAMS } from './params.ts';
import type { Agent } from './process.ts';
import { RIGHTS } from './rights.ts';

export type IpcSignal = 'readable' | 'writable' | 'peer_closed' | 'replied';

export interface IpcHooks {
  nextKoid(): number;
  /** Something waiting on this endpoint may now proceed. */
  signal(endpoint: Endpoint, signal: IpcSignal, call?: PendingCall): void;
}

export interface ReadResult {
  bytes: Uint8Array;
  handles: number[];
  txid: number;
}

const NO_HANDLES: Handle[] = [];
const NO_VALUES: number[] = [];

export class Ipc {
  readonly #handles: Handles;
  readonly #hooks: IpcHooks;
  /** Calls awaiting a reply, with the endpoint they wait on. */
  readonly #pending = new Map<PendingCall, Endpoint>();
  #nextTxid = 1;
  messages = 0;
  bytes = 0;

  constructor(handles: Handles, hooks: IpcHooks) {
    this.#handles = handles;
    this.#hooks = hooks;
  }

  createPair(depth: number): [Endpoint, Endpoint] {
    const make = (): Endpoint => ({
      koid: this.#hooks.nextKoid(),
      kind: 'channel',
      handleCount: 0,
      peer: undefined,
      queue: [],
      head: 0,
      depth,
      calls: new Map(),
      closed: false,
      reader: 0,
      lease: undefined,
    });
    const a = make();
    const b = make();
    a.peer = b;
    b.peer = a;
    return [a, b];
  }

  /**
   * Queues a message on the peer of `endpoint`, or, with `replyTo`, answers the pending call
   * with that transaction id. Throws E_TOO_BIG, E_PEER_CLOSED, E_WOULD_BLOCK, E_NOT_FOUND.
   */
  write(
    sender: Agent,
    endpoint: Endpoint,
    bytes: Uint8Array,
    handleValues: readonly number[],
    txid = 0,
    replyTo = false,
  ): void {
    this.settle(endpoint);
    const size = PARAMS.MSG_HEADER_BYTES + handleValues.length * PARAMS.MSG_HANDLE_SLOT_BYTES + bytes.length;
    if (size > PARAMS.MSG_MAX_BYTES) {
      throw new KernelError(
        'E_TOO_BIG',
        `Message is ${size} bytes with its header; the limit is ${PARAMS.MSG_MAX_BYTES}. Send larger data in a memory region`,
      );
    }
    if (handleValues.length > PARAMS.MSG_MAX_HANDLES) {
      throw new KernelError('E_TOO_BIG', `A message carries at most ${PARAMS.MSG_MAX_HANDLES} handles`);
    }
    const peer = endpoint.peer;
    if (peer === undefined || peer.closed)
      throw new KernelError('E_PEER_CLOSED', 'The other end of the channel is closed');
    let call: PendingCall | undefined;
    if (replyTo) {
      call = peer.calls.get(txid);
      if (call === undefined || call.status !== 'waiting') {
        throw new KernelError('E_NOT_FOUND', `No call ${txid} awaits a reply (it may have timed out)`);
      }
    } else if (peer.queue.length - peer.head >= peer.depth) {
      throw new KernelError(
        'E_WOULD_BLOCK',
        `Channel queue is full (${peer.depth} messages); wait until it drains`,
      );
    }
    const handles =
      handleValues.length === 0 ? NO_HANDLES : this.#takeHandles(sender, endpoint, handleValues);
    const message: Message = { bytes: bytes.slice(), handles, txid };
    this.messages++;
    this.bytes += bytes.length;
    if (call !== undefined) {
      call.reply = message;
      call.status = 'replied';
      this.#pending.delete(call);
      this.#hooks.signal(peer, 'replied', call);
      return;
    }
    const wasEmpty = peer.queue.length === peer.head;
    peer.queue.push(message);
    if (wasEmpty) this.#hooks.signal(peer, 'readable');
  }

  /** Takes the next message; throws E_WOULD_BLOCK when empty, E_PEER_CLOSED when drained and closed. */
  read(reader: Agent, endpoint: Endpoint): ReadResult {
    this.settle(endpoint);
    if (endpoint.queue.length === endpoint.head) {
      if (endpoint.peer === undefined || endpoint.peer.closed) {
        throw new KernelError(
          'E_PEER_CLOSED',
          'The other end of the channel is closed and no messages remain',
        );
      }
      throw new KernelError('E_WOULD_BLOCK', 'No message is waiting');
    }
    const wasFull = endpoint.queue.length - endpoint.head >= endpoint.depth;
    const message = endpoint.queue[endpoint.head++];
    endpoint.reader = reader.pid;
    this.#compact(endpoint);
    if (wasFull && endpoint.peer) this.#hooks.signal(endpoint.peer, 'writable');
    return { bytes: message.bytes, handles: this.#giveHandles(reader, message), txid: message.txid };
  }

  /** Sends a request and registers for its reply; returns the transaction id. */
  call(
    caller: Agent,
    endpoint: Endpoint,
    bytes: Uint8Array,
    handleValues: readonly number[],
    deadline: number,
  ): number {
    this.settle(endpoint);
    const txid = this.#nextTxid;
    this.#nextTxid = txid >= 0x7fffffff ? 1 : txid + 1;
    const call: PendingCall = {
      txid,
      pid: caller.pid,
      deadline,
      reply: undefined,
      status: 'waiting',
      boosted: 0,
    };
    endpoint.calls.set(txid, call);
    this.#pending.set(call, endpoint);
    try {
      this.write(caller, endpoint, bytes, handleValues, txid);
    } catch (error) {
      endpoint.calls.delete(txid);
      this.#pending.delete(call);
      throw error;
    }
    return txid;
  }

  /** Collects a call's outcome: the reply, or E_WOULD_BLOCK / E_TIMED_OUT / E_PEER_CLOSED / E_NOT_FOUND. */
  takeReply(caller: Agent, endpoint: Endpoint, txid: number): ReadResult {
    this.settle(endpoint);
    const call = endpoint.calls.get(txid);
    if (call === undefined || call.pid !== caller.pid) {
      throw new KernelError('E_NOT_FOUND', `No call ${txid} is pending on this channel`);
    }
    if (call.status === 'waiting') throw new KernelError('E_WOULD_BLOCK', 'The reply has not arrived yet');
    endpoint.calls.delete(txid);
    if (call.status === 'timed_out')
      throw new KernelError('E_TIMED_OUT', `No reply to call ${txid} before its deadline`);
    if (call.status === 'peer_closed')
      throw new KernelError('E_PEER_CLOSED', 'The other end closed before replying');
    const message = call.reply!;
    call.reply = undefined;
    return { bytes: message.bytes, handles: this.#giveHandles(caller, message), txid };
  }

  /** Times out calls whose deadline has passed; returns how many. */
  expire(now: number): number {
    let expired = 0;
    for (const [call, endpoint] of this.#pending) {
      if (call.deadline <= now) {
        call.status = 'timed_out';
        this.#pending.delete(call);
        expired++;
        this.#hooks.signal(endpoint, 'replied', call);
      }
    }
    return expired;
  }

  /** The last handle to an endpoint is gone: close it and wake whoever waits on the peer. */
  close(endpoint: Endpoint): void {
    if (endpoint.closed) return;
    this.settle(endpoint);
    endpoint.closed = true;
    for (let i = endpoint.head; i < endpoint.queue.length; i++) {
      for (const h of endpoint.queue[i].handles) this.#handles.drop(h);
    }
    endpoint.queue.length = 0;
    endpoint.head = 0;
    for (const call of endpoint.calls.values()) {
      if (call.reply) for (const h of call.reply.handles) this.#handles.drop(h);
      this.#pending.delete(call);
    }
    endpoint.calls.clear();
    const peer = endpoint.peer;
    if (peer && !peer.closed) {
      for (const call of peer.calls.values()) {
        if (call.status !== 'waiting') continue;
        call.status = 'peer_closed';
        this.#pending.delete(call);
        this.#hooks.signal(peer, 'replied', call);
      }
      this.#hooks.signal(peer, 'peer_closed');
    }
  }

  /** Brings a leased channel's traffic back into the kernel (see EndpointLease); a no-op otherwise. */
  settle(endpoint: Endpoint): void {
    endpoint.lease?.recall();
  }

  /**
   * Takes back what a lease carried (see EndpointLease): `messages` join the endpoint's queue
   * in order, `calls` (registered on this endpoint, waiting or replied) join its calls. The
   * lease must already be gone from both ends.
   */
  adopt(endpoint: Endpoint, messages: readonly Message[], calls: readonly PendingCall[]): void {
    const wasEmpty = endpoint.queue.length === endpoint.head;
    for (const message of messages) endpoint.queue.push(message);
    for (const call of calls) {
      endpoint.calls.set(call.txid, call);
      if (call.status === 'waiting') this.#pending.set(call, endpoint);
    }
    if (wasEmpty && messages.length > 0) this.#hooks.signal(endpoint, 'readable');
    for (const call of calls) if (call.status === 'replied') this.#hooks.signal(endpoint, 'replied', call);
  }

  #takeHandles(sender: Agent, endpoint: Endpoint, values: readonly number[]): Handle[] {
    const taken: Handle[] = [];
    for (const value of values) {
      const h = sender.table.get(value);
      if (h === undefined) throw new KernelError('E_BAD_HANDLE', `Handle ${value} is not held by this agent`);
      if (h.revoked) throw new KernelError('E_REVOKED', `Handle ${value} has been revoked`);
      if ((h.rights & RIGHTS.TRANSFER) === 0) {
        throw new KernelError('E_NO_RIGHTS', `Handle ${value} lacks the transfer right`);
      }
      if (h.object === endpoint)
        throw new KernelError('E_BAD_ARG', 'A channel endpoint cannot be sent through itself');
      if (taken.includes(h)) throw new KernelError('E_BAD_ARG', `Handle ${value} is listed twice`);
      taken.push(h);
    }
    for (const h of taken) this.#handles.detach(sender.table, h);
    return taken;
  }

  #giveHandles(reader: Agent, message: Message): number[] {
    if (message.handles.length === 0) return NO_VALUES;
    const values: number[] = [];
    for (const h of message.handles) {
      this.#handles.attach(reader.table, reader.pid, h);
      values.push(h.value);
    }
    return values;
  }

  #compact(endpoint: Endpoint): void {
    if (endpoint.head === endpoint.queue.length) {
      endpoint.queue.length = 0;
      endpoint.head = 0;
    } else if (endpoint.head > PARAMS.IPC_QUEUE_COMPACT_AFTER && endpoint.head * 2 > endpoint.queue.length) {
      endpoint.queue.splice(0, endpoint.head);
      endpoint.head = 0;
    }
  }
}
