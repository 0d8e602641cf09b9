/** Transport benchmark: answers every request on its `peer` channel with the same bytes. */
import type { Os } from '../../src/sdk/index.ts';

export default async function (os: Os) {
  await os.ipc.serve(os.handles.peer, (m) => m.bytes);
}
