/**
 * How AUTO_LINK_MIN_SIMILARITY was chosen: on the dev part of the retrieval set, the cosine
 * between each memory and the question written apart from it (two phrasings of one fact: a
 * pair that should be linked) against the cosine between memories drawn at random (pairs that
 * should not). Prints both distributions' percentiles and, per candidate threshold, the share
 * of each above it. Held-out questions are not read.
 *
 *   node src/services/memoryd/eval/link-threshold.ts
 */
import { SentenceEncoder } from '../embedder.ts';
import { loadRetrievalSet } from './retrieval-set.ts';

function cosine(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j] * b[j];
  return s;
}

const set = loadRetrievalSet();
const encoder = new SentenceEncoder();
const memories = await encoder.embed(set.memories);
const questions = await encoder.embed(set.dev.map((q) => q.question));
const related = set.dev.map((q, i) => cosine(questions[i], memories[q.answer])).sort((a, b) => a - b);
let seed = 7;
const next = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const unrelated: number[] = [];
for (let i = 0; i < 20_000; i++) {
  const a = Math.floor(next() * memories.length);
  const b = Math.floor(next() * memories.length);
  if (a !== b) unrelated.push(cosine(memories[a], memories[b]));
}
unrelated.sort((a, b) => a - b);
const at = (xs: number[], p: number) =>
  xs[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))].toFixed(3);
const above = (xs: number[], t: number) => ((xs.filter((x) => x >= t).length / xs.length) * 100).toFixed(2);
console.log(
  `related (memory, its dev question), n=${related.length}: p10 ${at(related, 10)} p25 ${at(related, 25)} p50 ${at(related, 50)}`,
);
console.log(
  `unrelated (random memory pairs), n=${unrelated.length}: p50 ${at(unrelated, 50)} p99 ${at(unrelated, 99)} p99.9 ${at(unrelated, 99.9)}`,
);
for (const t of [0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7]) {
  console.log(`threshold ${t}: related above ${above(related, t)}%, unrelated above ${above(unrelated, t)}%`);
}
