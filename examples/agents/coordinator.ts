/**
 * A worker pool with a coordinator: this agent starts four copies of square-worker.ts, each
 * with its own channel, deals out twenty jobs round-robin as requests, and gathers the
 * answers. Every worker is an isolated agent of its own.
 *
 *   npx aios run examples/agents/coordinator.ts --grant system:spawn
 */
import type { Os } from '../../src/sdk/index.ts';

export default async function coordinator(os: Os) {
  const workers: { channel: number; pid: number; handle: number }[] = [];
  for (let i = 0; i < 4; i++) {
    const [mine, theirs] = await os.ipc.channel();
    const child = await os.spawn('square-worker.ts', { name: `worker-${i}`, grants: { jobs: theirs } });
    workers.push({ channel: mine, ...child });
  }
  const jobs = Array.from({ length: 20 }, (_, i) => i + 1);
  const answers = await Promise.all(
    jobs.map(async (n, i) => {
      const worker = workers[i % workers.length];
      const reply = await os.ipc.call(worker.channel, { n });
      return reply.json<{ square: number; by: number }>();
    }),
  );
  for (const w of workers) await os.handle.close(w.channel);
  const done = await Promise.all(workers.map((w) => os.wait(w.handle)));
  return {
    sumOfSquares: answers.reduce((sum, a) => sum + a.square, 0),
    workersUsed: new Set(answers.map((a) => a.by)).size,
    workersExited: done.filter((d) => d.reason === 'normal').length,
  };
}
