import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IntentError } from './errors.ts';
import { Mailboxes } from './mailbox.ts';

const message = { from: 'alice', intent: 'weather', tags: [], payload: { place: 'Oslo' } };

test('a message waits for its handler, reaches it in order, and its answer settles the send', async () => {
  const boxes = new Mailboxes();
  const first = boxes.deliver('forecaster', message);
  const second = boxes.deliver('forecaster', { ...message, payload: { place: 'Rome' } });
  const a = await boxes.next('forecaster', 1000);
  const b = await boxes.next('forecaster', 1000);
  assert.deepEqual([a?.payload, b?.payload], [{ place: 'Oslo' }, { place: 'Rome' }]);
  assert.equal(boxes.answer('mallory', a!.id, { reply: 'stolen' }), false, 'only its handler answers it');
  assert.equal(boxes.answer('forecaster', a!.id, { reply: 'rain' }), true);
  assert.equal(boxes.answer('forecaster', a!.id, { reply: 'again' }), false, 'once');
  boxes.answer('forecaster', b!.id, { error: 'no data for Rome' });
  assert.equal(await first, 'rain');
  await assert.rejects(
    second,
    (e: unknown) =>
      e instanceof IntentError && /could not handle 'weather': no data for Rome/.test(e.message),
  );
});

test('a waiting handler is handed the next message; with none, next resolves null', async () => {
  const boxes = new Mailboxes();
  const waiting = boxes.next('forecaster', 5000);
  const sent = boxes.deliver('forecaster', message);
  const m = await waiting;
  assert.equal(m?.from, 'alice');
  boxes.answer('forecaster', m!.id, { reply: 'sun' });
  assert.equal(await sent, 'sun');
  assert.equal(await boxes.next('forecaster', 10), null);
});

test('a handler that never answers fails its sender with E_TIMED_OUT; one that leaves fails them with E_UNAVAILABLE', async () => {
  const boxes = new Mailboxes();
  await assert.rejects(boxes.deliver('sleepy', message, 20), { code: 'E_TIMED_OUT' });
  assert.equal(await boxes.next('sleepy', 10), null, 'the message timed out of the queue too');
  const left = boxes.deliver('gone', message);
  boxes.drop('gone');
  await assert.rejects(left, { code: 'E_UNAVAILABLE' });
});
