/**
 * Kernel objects: what handles point at. Each kind's behaviour lives in its own file
 * (process.ts, ipc.ts, memory.ts, tokens.ts); this file holds only their shapes, so the
 * files can refer to each other without import cycles.
 */
import type { ObjectKind } from './rights.ts';

export interface KObjectBase {
  readonly koid: number;
  readonly kind: ObjectKind;
  /** Live handles pointing here; at zero the object is released. */
  handleCount: number;
}

export interface AgentObject extends KObjectBase {
  readonly kind: 'agent';
  readonly pid: number;
}

/** One end of a channel. Messages written to an endpoint are queued on its peer. */
export interface Endpoint extends KObjectBase {
  readonly kind: 'channel';
  peer: Endpoint | undefined;
  /** Messages waiting to be read from this end (a ring: items[head..]). */
  readonly queue: Message[];
  head: number;
  /** Most messages the queue holds before writers get E_WOULD_BLOCK. */
  depth: number;
  /** Callers waiting for a reply on this end, by transaction id. */
  readonly calls: Map<number, PendingCall>;
  closed: boolean;
  /** Pid that last read from this end: the server a blocked caller may lend its priority to. */
  reader: number;
  /**
   * Set while a runtime carries this channel's traffic outside the kernel (both ends share
   * one lease). The kernel recalls it before it reads or changes the queue or the calls.
   */
  lease: EndpointLease | undefined;
}

/**
 * A runtime's claim on a channel's data plane (src/runtime/fast). recall() hands every queued
 * message and pending call back to the kernel (Ipc.adopt) and ends the lease; handleGone() is
 * told when a handle to either end is closed, revoked or sent away.
 */
export interface EndpointLease {
  recall(): void;
  handleGone(handle: Handle): void;
}

export interface Message {
  readonly bytes: Uint8Array;
  /** Handles in flight: owned by no agent until read. */
  readonly handles: Handle[];
  /** Non-zero for a request (from channel_call) or its reply. */
  readonly txid: number;
}

export interface PendingCall {
  readonly txid: number;
  readonly pid: number;
  readonly deadline: number;
  reply: Message | undefined;
  status: 'waiting' | 'replied' | 'timed_out' | 'peer_closed';
  /** Pid whose priority was raised while this call waits (priority inheritance), or 0. */
  boosted: number;
}

export interface Region extends KObjectBase {
  readonly kind: 'region';
  readonly size: number;
  readonly buffer: SharedArrayBuffer;
  /** The agent whose pool pays for the region. */
  readonly chargedTo: number;
  /** The owner and its ancestors whose subtree budgets the region was charged to. */
  readonly chargedTrees: readonly number[];
  readonly chargedBytes: number;
  /** Freed: every handle to it has stopped working. */
  freed: boolean;
  /**
   * Live agents that mapped its buffer. A mapping cannot be taken back (a SharedArrayBuffer
   * cannot be detached), so a freed region stays charged until the last of them has ended.
   */
  readonly mappedBy: Set<number>;
  /** Its pages went back to the pool (freed, and no mapping left). */
  released: boolean;
}

/** A scheduled resource (llm, tool, cpu) or the root `system` object. */
export interface ResourceObject extends KObjectBase {
  readonly kind: 'resource';
  readonly name: string;
}

export interface TokenObject extends KObjectBase {
  readonly kind: 'token';
  readonly tokenId: string;
}

export type KObject = AgentObject | Endpoint | Region | ResourceObject | TokenObject;

/** The capability token a handle's authority came from. */
export interface TokenOrigin {
  readonly tokenId: string;
  readonly expiresAt: number;
}

/**
 * A handle is an object, the rights held on it, and its owner. `parent`/`children` record
 * derivation, so that revoking a handle revokes everything duplicated from it.
 */
export interface Handle {
  value: number;
  readonly object: KObject;
  readonly rights: number;
  /** Owning pid; 0 while the handle travels inside a message. */
  owner: number;
  revoked: boolean;
  live: boolean;
  readonly parent: Handle | undefined;
  children: Handle[] | undefined;
  /**
   * Set on a handle redeemed from a token and on every handle derived from it: from the
   * token's expiry on, lookups answer E_TOKEN_EXPIRED (and the kernel's tick revokes it).
   */
  readonly token: TokenOrigin | undefined;
}
