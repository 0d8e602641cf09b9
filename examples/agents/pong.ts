/**
 * The other half of ping.ts: answers { ping: n } with { pong: n } until the channel closes.
 */
import type { Os } from '../../src/sdk/index.ts';

export default async function pong(os: Os) {
  let answered = 0;
  await os.ipc.serve(os.handles.peer, (request) => {
    answered++;
    return { pong: request.json<{ ping: number }>().ping };
  });
  return { answered };
}
