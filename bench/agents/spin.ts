/** Scale benchmark: logs once, then computes forever without yielding (for the kill switch). */
import type { Os } from '../../src/sdk/index.ts';

export default async function (os: Os) {
  await os.log('spinning');
  for (;;) {}
}
