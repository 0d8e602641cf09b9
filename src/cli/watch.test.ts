import assert from 'node:assert/strict';
import { test } from 'node:test';
import { watchJobs } from './watch.ts';

const answers = (list: object[][]) => {
  let i = 0;
  return async () => ({ jobs: list[Math.min(i++, list.length - 1)] });
};
const job = (done: number, state = 'running') => ({
  namespace: 'agent/alice',
  to: 'onnx:m',
  done,
  total: 200,
  state,
});

test('--watch on a terminal redraws one progress bar a job until done', async () => {
  let out = '';
  const code = await watchJobs(answers([[job(50)], [job(200, 'done')]]), {
    json: false,
    tty: true,
    write: (t) => {
      out += t;
    },
  });
  assert.equal(code, 0);
  assert.match(out, /agent\/alice {2}\[######-{18}\] {3}25% {2}50\/200 {2}running {2}onnx:m\n/);
  assert.match(out, /\x1b\[1A\r\x1b\[2Kagent\/alice {2}\[#{24}\] {2}100% {2}200\/200 {2}done/);
});

test('--watch off a terminal prints a JSON line a change; a waiting job ends it with its line', async () => {
  let out = '';
  const write = (t: string) => {
    out += t;
  };
  await watchJobs(answers([[job(50)], [job(50)], [job(200, 'done')]]), { json: true, tty: false, write });
  assert.deepEqual(
    out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).done),
    [50, 200],
  );
  await assert.rejects(
    watchJobs(answers([[{ ...job(10, 'waiting'), error: 'Embeddings provider failed' }]]), {
      json: true,
      tty: false,
      write,
    }),
    /agent\/alice: Embeddings provider failed; it goes on in the background/,
  );
});
