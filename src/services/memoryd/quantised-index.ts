/**
 * A namespace's vectors in memory, quantised twice, for the two stages of a search:
 *
 * 1. sign bits (64 bytes for 512-d): a WebAssembly SIMD scan computes the Hamming distance from
 *    the query's sign bits to every code (popcount of 16 bytes per instruction) and keeps the
 *    `pool` nearest, found by counting distances, not by sorting;
 * 2. int8 (512 bytes for 512-d, one scale per vector): the pool is scored by a SIMD dot product
 *    with the query, close enough to the cosine that the exact top 10 lies in its top few dozen.
 *
 * The caller rescores that short list with the exact float32 vectors (vectors.ts). Both copies
 * are of the unit-length vector, so scores are cosines whatever length the caller's vector had.
 *
 * @example
 * const index = new QuantisedIndex(512);
 * index.set(7, vector);
 * index.nearest(query, 50, 2000);   // ids of the 50 best int8 scores among 2,000 by Hamming
 */
import { type CodeLayout, codeLayout, quantise } from './codes.ts';
import { SCAN_WASM } from './scan-wasm.ts';

// The WebAssembly JS API, as much as this file uses (the project's lib has no DOM types).
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
};

// Compiled once per process; each index gets its own instances (their own linear memories).
const scanModule = new WebAssembly.Module(Buffer.from(SCAN_WASM, 'base64'));

interface Scan {
  memory: WasmMemory;
  hamming(codes: number, n: number, groups: number, query: number, out: number, hist: number): void;
  collect(distances: number, n: number, cut: number, room: number, slots: number): number;
  dots(vectors: number, stride: number, slots: number, k: number, query: number, out: number): void;
}

function instantiate(): Scan {
  const { exports } = new WebAssembly.Instance(scanModule, {});
  return exports as unknown as Scan;
}

const PAGE = 65536;
// The query's int16 range: 4,096 dimensions of int8 x int16 sum within an i32 lane (see scan.wat).
const QUERY_SCALE = 8191;

/** Sign bits of `vector`, packed 32 to a word, dimension j in word j >> 5, bit j & 31. */
export function signBits(
  vector: Float32Array,
  out = new Uint32Array(Math.ceil(vector.length / 32)),
): Uint32Array {
  out.fill(0);
  for (let j = 0; j < vector.length; j++) if (vector[j] > 0) out[j >> 5] |= 1 << (j & 31);
  return out;
}

export class QuantisedIndex {
  readonly dimension: number;
  readonly layout: CodeLayout;
  /** Bytes per sign code (whole 64-byte groups) and per int8 vector (whole 16-byte lanes). */
  readonly #codeBytes: number;
  readonly #stride: number;
  readonly #scratch: Uint8Array;
  readonly #normFloat = new Float32Array(1);
  readonly #norm = new Uint8Array(this.#normFloat.buffer);
  // Views of the two linear memories, remade when they grow (growing detaches the old buffer).
  #codeBytesView = new Uint8Array(0);
  #int8View = new Uint8Array(0);
  readonly #codes = instantiate();
  readonly #vectors = instantiate();
  readonly #slotOf = new Map<number, number>();
  #ids = new Float64Array(0);
  #scales = new Float32Array(0);
  #capacity = 0;
  #size = 0;

  constructor(dimension: number) {
    this.dimension = dimension;
    this.layout = codeLayout(dimension);
    this.#codeBytes = this.layout.signBytes;
    this.#stride = this.layout.int8Bytes;
    this.#scratch = new Uint8Array(this.layout.bytes);
    this.#grow(1024);
  }

  get size(): number {
    return this.#size;
  }

  /** Bytes the index holds (both linear memories, ids and scales), for resident-memory reports. */
  get bytes(): number {
    return (
      this.#codes.memory.buffer.byteLength +
      this.#vectors.memory.buffer.byteLength +
      this.#ids.byteLength +
      this.#scales.byteLength
    );
  }

  /** Adds or replaces `id`'s vector (any length but zero; its direction is what is kept). */
  set(id: number, vector: Float32Array): void {
    this.setCode(id, quantise(vector, this.layout, this.#scratch));
  }

  /** Adds or replaces `id`'s vector by its code (codes.ts), as stored beside the vector. */
  setCode(id: number, code: Uint8Array): void {
    let slot = this.#slotOf.get(id);
    if (slot === undefined) {
      if (this.#size === this.#capacity) this.#grow(this.#capacity * 2);
      slot = this.#size++;
      this.#slotOf.set(id, slot);
      this.#ids[slot] = id;
    }
    const signBytes = this.#codeBytes;
    const int8Bytes = this.#stride;
    const { buffer, byteOffset } = code;
    this.#codeBytesView.set(new Uint8Array(buffer, byteOffset, signBytes), slot * signBytes);
    this.#int8View.set(new Uint8Array(buffer, byteOffset + signBytes, int8Bytes), slot * int8Bytes);
    // Four bytes into an aligned float: cheaper than a DataView per code when 100,000 load.
    this.#norm.set(new Uint8Array(buffer, byteOffset + signBytes + int8Bytes, 4));
    this.#scales[slot] = this.#normFloat[0];
  }

  /** Makes room for `count` vectors at once (a load knows how many are coming). */
  reserve(count: number): void {
    if (count > this.#capacity) this.#grow(count);
  }

  delete(id: number): boolean {
    const slot = this.#slotOf.get(id);
    if (slot === undefined) return false;
    const last = --this.#size;
    if (slot !== last) {
      const movedId = this.#ids[last];
      this.#ids[slot] = movedId;
      this.#scales[slot] = this.#scales[last];
      move(this.#codes.memory, this.#codeBytes, last, slot);
      move(this.#vectors.memory, this.#stride, last, slot);
      this.#slotOf.set(movedId, slot);
    }
    this.#slotOf.delete(id);
    return true;
  }

  has(id: number): boolean {
    return this.#slotOf.has(id);
  }

  ids(): number[] {
    return Array.from(this.#ids.subarray(0, this.#size));
  }

  /**
   * The ids of the `count` memories whose int8 vectors score best against `query`, among the
   * `pool` whose sign bits are nearest the query's, best first, with their estimated cosines.
   */
  nearest(query: Float32Array, count: number, pool: number): { id: number; score: number }[] {
    const n = this.#size;
    if (n === 0) return [];
    const slots = pool >= n ? Int32Array.from({ length: n }, (_, i) => i) : this.#hammingPool(query, pool);
    const scores = this.#dots(query, slots);
    const k = Math.min(count, slots.length);
    // The k-th best score, then everything at or above it (ties beyond k are cut below).
    const cut = scores.slice().sort()[slots.length - k];
    const out: { id: number; score: number }[] = [];
    for (let t = 0; t < slots.length; t++) {
      if (scores[t] >= cut) out.push({ id: this.#ids[slots[t]], score: scores[t] });
    }
    return out.sort((a, b) => b.score - a.score).slice(0, k);
  }

  /** Estimated cosines (int8) of memories `ids` with `query`; ids not in the index are left out. */
  estimate(query: Float32Array, ids: number[]): Map<number, number> {
    const known = ids.filter((id) => this.#slotOf.has(id));
    if (known.length === 0) return new Map();
    const scores = this.#dots(
      query,
      Int32Array.from(known, (id) => this.#slotOf.get(id)!),
    );
    return new Map(known.map((id, t) => [id, scores[t]]));
  }

  /** Slots of the `pool` codes nearest the query's sign bits (Hamming distance). */
  #hammingPool(query: Float32Array, pool: number): Int32Array {
    const n = this.#size;
    const bits = this.#codeBytes * 8;
    const { queryAt, histAt, distancesAt, slotsAt } = this.#codesLayout();
    const buffer = this.#codes.memory.buffer;
    new Uint8Array(buffer, queryAt, this.#codeBytes).set(
      new Uint8Array(signBits(query).buffer).subarray(0, this.#codeBytes),
    );
    const count = new Uint32Array(buffer, histAt, bits + 1);
    count.fill(0);
    this.#codes.hamming(0, n, this.#codeBytes / 64, queryAt, distancesAt, histAt);
    // Admit every distance below `cut`, and at `cut` only as many as the pool still has room for.
    let cut = 0;
    let below = 0;
    while (below + count[cut] < pool) below += count[cut++];
    const taken = this.#codes.collect(distancesAt, n, cut, pool - below, slotsAt);
    return new Int32Array(buffer, slotsAt, taken).slice();
  }

  /** The scratch area after the codes: the query's code, the histogram, distances, pool slots. */
  #codesLayout() {
    const queryAt = this.#capacity * this.#codeBytes;
    const histAt = queryAt + this.#codeBytes;
    const distancesAt = histAt + 4 * (this.#codeBytes * 8 + 1);
    const slotsAt = distancesAt + 2 * this.#capacity;
    return { queryAt, histAt, distancesAt, slotsAt, end: slotsAt + 4 * this.#capacity };
  }

  /** Estimated cosine of each slot's int8 vector with `query`. */
  #dots(query: Float32Array, slots: Int32Array): Float32Array {
    const k = slots.length;
    const queryAt = this.#capacity * this.#stride;
    const slotsAt = queryAt + 2 * this.#stride;
    const outAt = slotsAt + 4 * this.#capacity;
    const buffer = this.#vectors.memory.buffer;
    let max = 0;
    for (let j = 0; j < query.length; j++) max = Math.max(max, Math.abs(query[j]));
    const q = new Int16Array(buffer, queryAt, this.#stride);
    const scale = max > 0 ? QUERY_SCALE / max : 0;
    let norm = 0;
    for (let j = 0; j < query.length; j++) {
      q[j] = Math.round(query[j] * scale);
      norm += q[j] * q[j];
    }
    new Int32Array(buffer, slotsAt, k).set(slots);
    this.#vectors.dots(0, this.#stride, slotsAt, k, queryAt, outAt);
    const dots = new Int32Array(buffer, outAt, k);
    const inverse = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    const scores = new Float32Array(k);
    for (let t = 0; t < k; t++) scores[t] = dots[t] * this.#scales[slots[t]] * inverse;
    return scores;
  }

  /**
   * Room for `capacity` vectors. Each memory holds its data from offset 0 and a scratch area
   * after it (query, pool, results), sized for a full index; growing moves only the scratch.
   */
  #grow(capacity: number): void {
    this.#capacity = capacity;
    growTo(this.#codes.memory, this.#codesLayout().end);
    growTo(this.#vectors.memory, capacity * this.#stride + 2 * this.#stride + 8 * capacity);
    this.#codeBytesView = new Uint8Array(this.#codes.memory.buffer);
    this.#int8View = new Uint8Array(this.#vectors.memory.buffer);
    const ids = new Float64Array(capacity);
    ids.set(this.#ids);
    this.#ids = ids;
    const scales = new Float32Array(capacity);
    scales.set(this.#scales);
    this.#scales = scales;
  }
}

function growTo(memory: WasmMemory, bytes: number): void {
  const pages = Math.ceil(bytes / PAGE) - memory.buffer.byteLength / PAGE;
  if (pages > 0) memory.grow(pages);
}

function move(memory: WasmMemory, bytes: number, from: number, to: number): void {
  new Uint8Array(memory.buffer).copyWithin(to * bytes, from * bytes, (from + 1) * bytes);
}
