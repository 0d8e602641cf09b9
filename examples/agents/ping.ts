/**
 * Ping-pong: this agent starts pong.ts beside it, hands it one end of a channel and plays
 * ten rounds of request/reply over it; it returns the rounds and the average round trip.
 *
 *   npx aios run examples/agents/ping.ts --grant system:spawn
 */
import type { Os } from '../../src/sdk/index.ts';

export default async function ping(os: Os) {
  const [mine, theirs] = await os.ipc.channel();
  const pong = await os.spawn('pong.ts', { name: 'pong', grants: { peer: theirs } });
  const rounds: string[] = [];
  const started = Date.now();
  for (let i = 1; i <= 10; i++) {
    const reply = await os.ipc.call(mine, { ping: i });
    rounds.push(reply.json<{ pong: number }>().pong === i ? 'ok' : 'wrong');
  }
  const averageMs = (Date.now() - started) / 10;
  await os.handle.close(mine); // pong sees the peer close and returns
  const exit = await os.wait(pong.handle);
  return { rounds: rounds.length, allOk: rounds.every((r) => r === 'ok'), averageMs, pong: exit.reason };
}
