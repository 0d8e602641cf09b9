/**
 * The dot product of two vectors of equal length (the cosine, for unit vectors), in four
 * running sums: it runs for every example of every handler on every message, and four
 * independent sums let the CPU overlap them.
 *
 * @example
 * dot(Float32Array.of(1, 0), Float32Array.of(0.6, 0.8));   // 0.6
 */
export function dot(a: Float32Array, b: Float32Array): number {
  const n = a.length;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += a[i] * b[i];
    s1 += a[i + 1] * b[i + 1];
    s2 += a[i + 2] * b[i + 2];
    s3 += a[i + 3] * b[i + 3];
  }
  for (; i < n; i++) s0 += a[i] * b[i];
  return s0 + s1 + s2 + s3;
}
