/**
 * A vector's quantised code: what the in-memory index searches, and what `memory_codes` keeps
 * beside each float32 vector so that loading a namespace's index is one read of small BLOBs,
 * not a re-quantisation of every float vector (100,000 × 2 KiB read and scaled took seconds).
 *
 * Layout, for dimension d: the sign bits (dimension j in word j >> 5, bit j & 31; padded to
 * whole 64-byte groups for the SIMD Hamming scan), then the int8 copy scaled so that its
 * largest component is ±127 (padded with zeros to whole 16-byte lanes), then 1 / |int8 copy|
 * as a little-endian float32, so that a cosine estimate is one multiply. 580 bytes for 512-d.
 *
 * @example
 * const layout = codeLayout(512);
 * const code = quantise(vector, layout);   // Uint8Array(580)
 */

export interface CodeLayout {
  dimension: number;
  /** Bytes of sign bits: whole 64-byte groups. */
  signBytes: number;
  /** Bytes of the int8 copy: whole 16-byte lanes. */
  int8Bytes: number;
  /** The whole code: sign bits, int8 copy, and the float32 inverse norm. */
  bytes: number;
}

export function codeLayout(dimension: number): CodeLayout {
  const signBytes = Math.ceil(dimension / 512) * 64;
  const int8Bytes = Math.ceil(dimension / 16) * 16;
  return { dimension, signBytes, int8Bytes, bytes: signBytes + int8Bytes + 4 };
}

/**
 * The code of `vector` (any length but zero; the code is of its direction), written into `out`
 * (a fresh array unless given).
 */
export function quantise(
  vector: Float32Array,
  layout: CodeLayout = codeLayout(vector.length),
  out: Uint8Array = new Uint8Array(layout.bytes),
): Uint8Array {
  const d = vector.length;
  out.fill(0);
  let max = 0;
  for (let j = 0; j < d; j++) {
    const x = vector[j] < 0 ? -vector[j] : vector[j];
    if (x > max) max = x;
  }
  const scale = max > 0 ? 127 / max : 0;
  const base = layout.signBytes;
  let norm = 0;
  for (let j = 0; j < d; j++) {
    const r = Math.round(vector[j] * scale);
    out[base + j] = r & 0xff;
    norm += r * r;
    if (vector[j] > 0) out[j >> 3] |= 1 << (j & 7);
  }
  new DataView(out.buffer, out.byteOffset, out.byteLength).setFloat32(
    base + layout.int8Bytes,
    norm > 0 ? 1 / Math.sqrt(norm) : 0,
    true,
  );
  return out;
}
