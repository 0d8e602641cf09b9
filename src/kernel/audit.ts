/**
 * The audit chain. Every syscall decision and lifecycle event becomes a journal line
 *   {"seq":…,"t":…,"kind":…,"pid":…,"what":…,"ok":…[,"code":…][,"detail":…],"hash":"<hex>"}
 * where hash = SHA-256(previous hash + the line without its hash). Every AUDIT_SEAL_EVERY
 * entries a seal entry records the SHA-256 of the block's exact lines and an ML-DSA signature
 * over (from, to, block digest, head hash, previous seal), so a verifier can check a whole
 * block with one hash and one signature, and an attacker without the key cannot rewrite
 * history. See audit-verify.ts. (Journals written before seals had that name call them
 * `checkpoint` entries, signed under that name; the verifier accepts both.)
 *
 * Recording is cheap (an array push); hashing happens in flush(), which the host calls on a
 * timer and before acknowledging a write, and which runs by itself when AUDIT_PENDING_MAX
 * records are waiting. Entries after the last seal are only hash-chained, which anyone can
 * recompute: the host closes that tail with a seal of its own (flush with `seal`) every
 * AUDIT_SEAL_MS while there is one, and at shutdown. At the `standard` level, allowed
 * data-plane calls (channel reads and writes, region access) are counted per agent and call
 * and written as one `syscalls` entry per flush; denials and every control-plane decision are
 * always entries of their own. At the `paranoid` level every allowed call is an entry of its
 * own too.
 *
 * @example
 * audit.record(7, 'syscall', 'process_kill', false, 'E_NO_RIGHTS', { target: 9 });
 * const lines = audit.flush(); // persist these, in order
 */
import { base64urlEncode, utf8 } from './encoding.ts';
import { PARAMS } from './params.ts';
import type { KernelPorts } from './ports.ts';

export type AuditKind = 'boot' | 'syscall' | 'syscalls' | 'lifecycle' | 'token' | 'seal' | 'note';
/** The kinds a seal line has had: 'seal', and 'checkpoint' in journals written before the rename. */
export type SealKind = 'seal' | 'checkpoint';
export type AuditLevel = 'standard' | 'paranoid';

export interface AuditEntry {
  seq: number;
  t: number;
  kind: AuditKind;
  pid: number;
  what: string;
  ok: boolean;
  code?: string;
  detail?: Record<string, unknown>;
  hash: string;
}

export interface AuditHead {
  seq: number;
  hash: string;
  /** Hash of the last seal entry ('' before the first). */
  sealHash: string;
  /** Lines written since the last seal, oldest first. */
  block: string[];
}

export const GENESIS_HASH = '0'.repeat(64);
/** Length of `,"hash":"<64 hex>"}` at the end of every line. */
export const HASH_SUFFIX_LENGTH = 75;

type Pending = [
  t: number,
  kind: AuditKind,
  pid: number,
  what: string,
  ok: boolean,
  code?: string,
  detail?: object,
];

/** What a seal signs; a seal line's kind names the format (see SealKind). */
export function sealMessage(
  kind: SealKind,
  from: number,
  to: number,
  digest: string,
  head: string,
  prev: string,
): Uint8Array {
  return utf8(`aios-audit-${kind}/1|${from}|${to}|${digest}|${head}|${prev}`);
}

export class AuditChain {
  readonly #ports: KernelPorts;
  readonly level: AuditLevel;
  readonly #sealEvery: number;
  #pending: Pending[] = [];
  readonly #counts = new Map<
    number,
    { pid: number; what: string; count: number; bytes: number; t: number }
  >();
  #seq = 0;
  #hash = GENESIS_HASH;
  #sealHash = '';
  #block: string[] = [];
  #onFull: (() => void) | undefined;

  constructor(ports: KernelPorts, options: { level?: AuditLevel; sealEvery?: number } = {}) {
    this.#ports = ports;
    this.level = options.level ?? 'standard';
    this.#sealEvery = options.sealEvery ?? PARAMS.AUDIT_SEAL_EVERY;
  }

  /** Continues the chain kept by the store. */
  restore(head: AuditHead): void {
    this.#seq = head.seq;
    this.#hash = head.hash;
    this.#sealHash = head.sealHash;
    this.#block = [...head.block];
  }

  get head(): { seq: number; hash: string } {
    return { seq: this.#seq, hash: this.#hash };
  }

  get pendingCount(): number {
    return this.#pending.length + this.#counts.size;
  }

  /** Entries (queued or written) that no seal covers yet. */
  get unsealedCount(): number {
    return this.#block.length + this.pendingCount;
  }

  /** Queues one entry; it gets its seq and hash at the next flush(). */
  record(pid: number, kind: AuditKind, what: string, ok: boolean, code?: string, detail?: object): void {
    this.#pending.push([this.#ports.now(), kind, pid, what, ok, code, detail]);
    if (this.#pending.length >= PARAMS.AUDIT_PENDING_MAX) this.#onFull?.();
  }

  /**
   * An allowed data-plane call: counted (standard) or recorded (paranoid). `slot` is a small
   * number naming the call and outcome (the syscall number, +256 for E_WOULD_BLOCK), so the
   * hot path does no string work. `times` > 1 adds that many calls of `bytes` in total (calls
   * a runtime carried outside the kernel and reports in bulk).
   */
  count(pid: number, slot: number, what: string, bytes: number, times = 1): void {
    if (times <= 0) return;
    if (this.level === 'paranoid') {
      for (let i = 0; i < times; i++) {
        const each = Math.floor(bytes / times) + (i < bytes % times ? 1 : 0);
        this.record(pid, 'syscall', what, true, undefined, each > 0 ? { bytes: each } : undefined);
      }
      return;
    }
    const key = pid * 512 + slot;
    const entry = this.#counts.get(key);
    if (entry !== undefined) {
      entry.count += times;
      entry.bytes += bytes;
    } else {
      this.#counts.set(key, { pid, what, count: times, bytes, t: this.#ports.now() });
    }
  }

  /** Called when AUDIT_PENDING_MAX records wait; the kernel flushes and hands lines to the store. */
  onFull(callback: () => void): void {
    this.#onFull = callback;
  }

  /**
   * Hashes everything queued into journal lines, adding seals; returns the new lines. With
   * `seal`, a seal also closes whatever block is open, however short.
   */
  flush(options: { seal?: boolean } = {}): string[] {
    const out: string[] = [];
    const pending = this.#pending;
    this.#pending = [];
    for (const p of pending) this.#append(out, p[0], p[1], p[2], p[3], p[4], p[5], p[6]);
    if (this.#counts.size > 0) {
      for (const c of this.#counts.values()) {
        this.#append(out, c.t, 'syscalls', c.pid, c.what, true, undefined, {
          count: c.count,
          bytes: c.bytes,
        });
      }
      this.#counts.clear();
    }
    if (options.seal && this.#block.length > 0) this.#seal(out, this.#ports.now());
    return out;
  }

  #append(
    out: string[],
    t: number,
    kind: AuditKind,
    pid: number,
    what: string,
    ok: boolean,
    code?: string,
    detail?: object,
  ): void {
    const seq = ++this.#seq;
    const body = JSON.stringify({ seq, t, kind, pid, what, ok, code, detail });
    const hash = this.#ports.sha256Hex(this.#hash + body);
    const line = `${body.slice(0, -1)},"hash":"${hash}"}`;
    this.#hash = hash;
    out.push(line);
    if (kind === 'seal') {
      this.#sealHash = hash;
      this.#block = [];
      return;
    }
    this.#block.push(line);
    if (this.#block.length >= this.#sealEvery) this.#seal(out, t);
  }

  #seal(out: string[], t: number): void {
    const from = this.#seq - this.#block.length + 1;
    const to = this.#seq;
    const digest = this.#ports.sha256Hex(this.#block.join('\n'));
    const prev = this.#sealHash;
    const sig = base64urlEncode(this.#ports.sign(sealMessage('seal', from, to, digest, this.#hash, prev)));
    this.#append(out, t, 'seal', 0, 'seal', true, undefined, { from, to, digest, prev, sig });
  }
}
