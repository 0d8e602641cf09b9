/** Scale benchmark: computes for `ms` (label) wall time, yielding every ~0.1 ms of work. */
import type { Os } from '../../src/sdk/index.ts';

export default async function (os: Os) {
  const labels = (await os.info(os.handles.self)).labels as Record<string, string>;
  const end = Date.now() + Number(labels.ms);
  let x = 0;
  while (Date.now() < end) {
    for (let i = 0; i < 20_000; i++) x = (x + i * i) % 1_000_003;
    await os.yield();
  }
  return x;
}
