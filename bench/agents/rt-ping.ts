/**
 * Transport benchmark: starts rt-pong.ts (placed on another worker), or takes the `peer` it is
 * given, then times request/reply round trips of 64-byte messages; returns the microseconds of
 * each.
 */
import type { Os } from '../../src/sdk/index.ts';

export default async function (os: Os) {
  const labels = (await os.info(os.handles.self)).labels as Record<string, string>;
  const rounds = Number(labels.rounds) || 20_000;
  // Given a `peer` (rt-service.ts serves it), calls that; otherwise starts rt-pong.ts.
  const given = os.handles.peer;
  const [mine, theirs] = given === undefined ? await os.ipc.channel() : [given, 0];
  const pong = given === undefined ? await os.spawn('rt-pong.ts', { grants: { peer: theirs } }) : undefined;
  const payload = new Uint8Array(64);
  for (let i = 0; i < 500; i++) await os.ipc.call(mine, payload); // warm-up
  // An isolate has a high-resolution clock only in a benchmark (AIOS_BENCH_CLOCK, with V8's
  // Temporal); without one only the mean over all rounds is known.
  const clock = (globalThis as { performance?: { now(): number } }).performance;
  const us: number[] = [];
  const start = Date.now();
  for (let i = 0; i < rounds; i++) {
    const t0 = clock?.now() ?? 0;
    await os.ipc.call(mine, payload);
    if (clock) us.push((clock.now() - t0) * 1000);
  }
  if (!clock) us.push(((Date.now() - start) * 1000) / rounds);
  if (pong) await os.kill(pong.handle);
  return us;
}
