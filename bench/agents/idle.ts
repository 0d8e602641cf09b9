/**
 * Scale benchmark: an idle agent. It opens a channel and waits on it: awake (its isolate
 * kept, parked in recv) or, with the label hibernate=1, hibernating (its isolate released).
 */
import type { Os } from '../../src/sdk/index.ts';

export default async function (os: Os) {
  const [, inbox] = await os.ipc.channel(1);
  const labels = (await os.info(os.handles.self)).labels as Record<string, string>;
  if (labels.hibernate === '1') await os.hibernate({ kind: 'readable', handle: inbox });
  await os.ipc.recv(inbox);
}
