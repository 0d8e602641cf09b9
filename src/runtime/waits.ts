/**
 * Where agents wait: per kernel object (readable, writable, exit) and per call (reply).
 * The kernel's signals wake the waiters; a woken agent retries its syscall, so a spurious
 * wake-up is harmless.
 */

import type { Endpoint, IpcSignal, KObject, PendingCall } from '../kernel/index.ts';
import type { Wait } from '../sdk/port.ts';

type Wake = () => void;

export class Waits {
  readonly #readable = new Map<number, Set<Wake>>();
  readonly #writable = new Map<number, Set<Wake>>();
  readonly #exit = new Map<number, Set<Wake>>();
  readonly #reply = new Map<number, Set<Wake>>();

  add(kind: 'readable' | 'writable' | 'exit' | 'reply', key: number, wake: Wake): () => void {
    const map = this.#map(kind);
    let set = map.get(key);
    if (!set) {
      set = new Set();
      map.set(key, set);
    }
    set.add(wake);
    return () => {
      set.delete(wake);
      if (set.size === 0 && map.get(key) === set) map.delete(key);
    };
  }

  onSignal(endpoint: Endpoint, signal: IpcSignal, call?: PendingCall): void {
    if (signal === 'readable') this.#wake(this.#readable, endpoint.koid);
    else if (signal === 'writable') this.#wake(this.#writable, endpoint.koid);
    else if (signal === 'replied' && call) this.#wake(this.#reply, call.txid);
    else if (signal === 'peer_closed') {
      this.#wake(this.#readable, endpoint.koid);
      this.#wake(this.#writable, endpoint.koid);
    }
  }

  onExit(agentKoid: number): void {
    this.#wake(this.#exit, agentKoid);
  }

  #wake(map: Map<number, Set<Wake>>, key: number): void {
    const set = map.get(key);
    if (!set) return;
    map.delete(key);
    for (const wake of set) wake();
  }

  #map(kind: 'readable' | 'writable' | 'exit' | 'reply'): Map<number, Set<Wake>> {
    if (kind === 'readable') return this.#readable;
    if (kind === 'writable') return this.#writable;
    if (kind === 'exit') return this.#exit;
    return this.#reply;
  }
}

/** Whether a channel wait already holds (a message waits, there is room, or the peer closed). */
export function alreadyReady(kind: Wait['kind'], object: KObject): boolean {
  if (object.kind !== 'channel') return false;
  const peerGone = object.peer === undefined || object.peer.closed;
  if (kind === 'readable') return object.queue.length > object.head || peerGone;
  if (kind === 'writable') {
    const peer = object.peer;
    return peerGone || (peer !== undefined && peer.queue.length - peer.head < peer.depth);
  }
  return false;
}

/** What a blocking call waits for between attempts. */
export function waitFor(name: string, args: Record<string, unknown>): Wait {
  const handle = args.handle as number;
  switch (name) {
    case 'channel_read':
      return { kind: 'readable', handle };
    case 'channel_call_result':
      return { kind: 'reply', handle, txid: args.txid as number };
    case 'process_wait':
      return { kind: 'exit', handle };
    default:
      return { kind: 'writable', handle };
  }
}
