/**
 * A namespace's vectors as sign bits in memory (one bit per dimension, 64 bytes for 512-d):
 * a Hamming scan over all of them picks candidates, which the caller rescores with the exact
 * float vectors. 32 times smaller than float32, and a scan of 100,000 codes is a few million
 * popcounts rather than 51 million multiply-adds.
 *
 * @example
 * const index = new BinaryIndex(512);
 * index.add(7, vector);
 * const ids = index.candidates(query, 400);   // ids to rescore exactly
 */

/** Sign bits of `vector`, packed 32 to a word, dimension j in word j >> 5, bit j & 31. */
export function signBits(
  vector: Float32Array,
  out = new Uint32Array(Math.ceil(vector.length / 32)),
): Uint32Array {
  out.fill(0);
  for (let j = 0; j < vector.length; j++) if (vector[j] > 0) out[j >> 5] |= 1 << (j & 31);
  return out;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export class BinaryIndex {
  readonly dimension: number;
  readonly #words: number;
  #ids = new Float64Array(1024);
  #codes: Uint32Array;
  #slotOf = new Map<number, number>();
  #size = 0;

  constructor(dimension: number) {
    this.dimension = dimension;
    this.#words = Math.ceil(dimension / 32);
    this.#codes = new Uint32Array(1024 * this.#words);
  }

  get size(): number {
    return this.#size;
  }

  /** Bytes the index holds (ids and codes), for resident-memory reports. */
  get bytes(): number {
    return this.#ids.byteLength + this.#codes.byteLength;
  }

  /** Adds or replaces `id`'s code; `code` is signBits(vector) or sqlite-vec's vec_quantize_binary. */
  set(id: number, code: Uint32Array): void {
    let slot = this.#slotOf.get(id);
    if (slot === undefined) {
      slot = this.#size++;
      if (slot >= this.#ids.length) this.#grow();
      this.#slotOf.set(id, slot);
      this.#ids[slot] = id;
    }
    this.#codes.set(code.subarray(0, this.#words), slot * this.#words);
  }

  add(id: number, vector: Float32Array): void {
    this.set(id, signBits(vector));
  }

  delete(id: number): boolean {
    const slot = this.#slotOf.get(id);
    if (slot === undefined) return false;
    const last = --this.#size;
    if (slot !== last) {
      const movedId = this.#ids[last];
      this.#ids[slot] = movedId;
      this.#codes.copyWithin(slot * this.#words, last * this.#words, (last + 1) * this.#words);
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

  /** The ids of the `count` codes nearest `query` by Hamming distance (ties at the cut included). */
  candidates(query: Float32Array, count: number): number[] {
    const n = this.#size;
    if (n <= count) return this.ids();
    const words = this.#words;
    const q = signBits(query);
    const dist = new Uint16Array(n);
    const histogram = new Uint32Array(this.dimension + 1);
    const codes = this.#codes;
    for (let i = 0, o = 0; i < n; i++, o += words) {
      let d = 0;
      for (let w = 0; w < words; w++) d += popcount(codes[o + w] ^ q[w]);
      dist[i] = d;
      histogram[d]++;
    }
    // The smallest distance cut that admits `count` codes, found by counting, not sorting.
    let cut = 0;
    for (let seen = 0; seen < count && cut <= this.dimension; cut++) seen += histogram[cut];
    const out: number[] = [];
    for (let i = 0; i < n; i++) if (dist[i] < cut) out.push(this.#ids[i]);
    return out;
  }

  #grow(): void {
    const ids = new Float64Array(this.#ids.length * 2);
    ids.set(this.#ids);
    this.#ids = ids;
    const codes = new Uint32Array(ids.length * this.#words);
    codes.set(this.#codes);
    this.#codes = codes;
  }
}
