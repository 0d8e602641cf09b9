import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { testEnv } from '../../../test/helpers/env.ts';
import { SentenceEncoder } from '../memoryd/embedder.ts';
import { Lru } from './cache.ts';
import { IntentError } from './errors.ts';
import { HANDLERS } from './eval/handlers.ts';
import { offlineRouter } from './offline.ts';
import { IntentRouter } from './router.ts';

// One encoder for the file: it takes a few seconds to load on a busy machine.
const encoder = new SentenceEncoder();
const offline = offlineRouter(encoder);
const router = offline.router;

before(async () => {
  for (const h of HANDLERS) await router.register(h);
});
after(() => offline.close());

function rejects(promise: Promise<unknown>, code: string, pattern: RegExp): Promise<void> {
  return assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof IntentError, `an IntentError, got ${err}`);
    assert.equal(err.code, code);
    assert.match(err.message, pattern);
    assert.doesNotMatch(err.message, /\n|\.$/, 'one line, no trailing period');
    return true;
  });
}

test('a message naming an intent exactly goes to its handler, whatever the case', async (t) => {
  testEnv(t);
  const route = await router.route({ intent: 'Smart-Home' });
  assert.equal(route.handler, 'home');
  assert.equal(route.how, 'exact');
});

test('a paraphrase sharing no word with a handler reaches it by meaning, with its score', async (t) => {
  testEnv(t);
  const route = await router.route({ intent: 'will I need sunglasses and a coat at the weekend' });
  assert.equal(route.handler, 'weather');
  assert.equal(route.how, 'meaning');
  assert.ok(route.score > 0 && route.score <= 1);
  assert.equal(route.candidates[0].handler, 'weather');
  const music = await router.route({ intent: 'i feel like listening to something by miles davis' });
  assert.equal(music.handler, 'music');
  // with 3-5 examples "hearing" was refused (music closest); an author's 30 phrasings cover it
  assert.equal(
    (await router.route({ intent: 'i feel like hearing something by miles davis' })).handler,
    'music',
  );
});

test('tags in a message weigh toward handlers carrying them', async (t) => {
  testEnv(t);
  const without = (await router.score({ intent: 'what is new' })).find((s) => s.handler === 'news');
  const withTags = (await router.score({ intent: 'what is new', tags: ['news', 'headlines'] })).find(
    (s) => s.handler === 'news',
  );
  assert.ok(without && withTags);
  assert.equal(withTags.tags, 1);
  assert.ok(withTags.score > without.score);
});

test('a message no handler should take is refused, naming the closest handlers with their scores', async (t) => {
  testEnv(t);
  await rejects(
    router.route({ intent: 'how many moons does jupiter have' }),
    'E_NOT_FOUND',
    /closest: '[^']+' \([^)]+\) 0\.\d\d/,
  );
});

test('an unknown intent name on an empty router says none is registered', async (t) => {
  testEnv(t);
  const empty = new IntentRouter({ embedder: encoder });
  await rejects(empty.route({ intent: 'weather' }), 'E_NOT_FOUND', /none is registered/);
});

test("a payload that does not fit the handler's schema is refused naming the field", async (t) => {
  testEnv(t);
  router.check('translate', { text: 'hello', to: 'fr' });
  assert.throws(
    () => router.check('translate', { text: 'hello' }),
    (err: unknown) => err instanceof IntentError && err.code === 'E_BAD_ARG' && /'to'/.test(err.message),
  );
  assert.throws(
    () => router.check('payments', { amount: 'lots' }),
    (err: unknown) => err instanceof IntentError && /'amount'/.test(err.message),
  );
});

test('another handler cannot take over a registered intent name; its holder can replace or drop it', async (t) => {
  testEnv(t);
  const r = new IntentRouter({ embedder: encoder });
  const payments = HANDLERS.find((h) => h.handler === 'payments');
  assert.ok(payments);
  await r.register(payments);
  await rejects(r.register({ ...payments, handler: 'evil' }), 'E_BAD_STATE', /already handled by 'payments'/);
  assert.equal(r.unregister('payments', 'evil'), false);
  assert.equal((await r.route({ intent: 'payments' })).handler, 'payments');
  await r.register({ ...payments, description: 'Payments and refunds' });
  assert.equal(r.get('payments')?.description, 'Payments and refunds');
  assert.equal(r.unregister('payments', 'payments'), true);
  assert.equal(r.list().length, 0);
});

test('a schema that is not JSON Schema is refused at registration', async (t) => {
  testEnv(t);
  const r = new IntentRouter({ embedder: encoder });
  await rejects(
    r.register({
      handler: 'x',
      intent: 'x',
      description: 'x',
      examples: ['x'],
      schema: { type: 'no-such-type' },
    }),
    'E_BAD_ARG',
    /Payload schema of 'x'/,
  );
});

test('a repeated message is not embedded again', async (t) => {
  testEnv(t);
  let embedded = 0;
  const counting = {
    model: encoder.model,
    dimension: encoder.dimension,
    embed: (texts: string[]) => {
      embedded += texts.length;
      return encoder.embed(texts);
    },
  };
  const r = new IntentRouter({ embedder: counting });
  await r.register(HANDLERS[3]);
  await r.route({ intent: 'is it raining in leeds' });
  const once = embedded;
  await r.route({ intent: 'Is it raining in Leeds ' });
  assert.equal(embedded, once);
});

test('the cache drops the least recently used entry first', () => {
  const lru = new Lru<string, number>(2);
  lru.set('a', 1);
  lru.set('b', 2);
  lru.get('a');
  lru.set('c', 3);
  assert.equal(lru.get('b'), undefined);
  assert.equal(lru.get('a'), 1);
  assert.equal(lru.size, 2);
});

test('a compound request goes to what it asks for, not to what its purpose clause mentions', async (t) => {
  testEnv(t);
  const route = await router.route({ intent: 'remind me tomorrow to email the landlord' });
  assert.equal(route.handler, 'reminders');
});

test('a typo that spells a rare real word is read as the registered word it is one edit from', async (t) => {
  testEnv(t);
  const route = await router.route({ intent: 'summerize this chapter for me' });
  assert.equal(route.handler, 'summarise');
});

test('a handler given many more examples does not draw in messages meant for nobody', async (t) => {
  testEnv(t);
  // twenty more weather requests and twenty requests for nobody, written for this test (none is
  // in the evaluation sets)
  const more = [
    'is it going to be foggy in the morning',
    'what is the temperature outside right now',
    'will the rain stop before noon',
    'forecast for glasgow on thursday',
    'is a thunderstorm expected tonight',
    'how strong will the wind be at the beach',
    'do i need sunscreen today',
    'will it freeze tonight',
    'what is the uv index',
    'is it going to hail',
    'weekly forecast for madrid',
    'how much snow will fall in the mountains',
    'is it dry enough for a barbecue on sunday',
    'what is the humidity like',
    'when will the sun set today',
    'will it be cloudy for the eclipse',
    'how warm will the sea be',
    'is the storm getting closer',
    'will the roads be icy in the morning',
    'rain radar for my area',
  ];
  const nobody = [
    'how many teeth does a shark have',
    'who discovered gravity',
    'how do i get rid of hiccups',
    'recommend a good film',
    'write a short poem about the sea',
    'how tall is the eiffel tower',
    'what is the capital of peru',
    'give me a recipe for pancakes',
    'tell me a riddle',
    'what is 12 times 13',
    'what does a koala eat',
    'who won the world cup in 1966',
    'paint me a picture of a sunset',
    'what is the meaning of the word serendipity',
    'how do volcanoes form',
    'sing me a lullaby',
    'what should i wear to a wedding',
    'how long do tortoises live',
    'plan a picnic menu',
    'explain how rainbows form',
  ];
  const weather = HANDLERS.find((h) => h.handler === 'weather');
  assert.ok(weather);
  const extended = offlineRouter(encoder);
  t.after(() => extended.close());
  const many = extended.router;
  for (const h of HANDLERS)
    await many.register(h === weather ? { ...h, examples: [...h.examples, ...more] } : h);
  const weatherScore = async (r: IntentRouter, text: string) =>
    (await r.score({ intent: text })).find((s) => s.handler === 'weather')?.score ?? 0;
  let rise = 0;
  let taken = 0;
  for (const text of nobody) {
    rise += ((await weatherScore(many, text)) - (await weatherScore(router, text))) / nobody.length;
    if ((await many.score({ intent: text }))[0].handler === 'weather') taken++;
  }
  // the closest third of 23 examples, not the closest two: a larger set still covers more, but
  // its nearest pair no longer sits close to everything (with the closest two: +0.057, 8 of 20)
  assert.ok(
    rise <= 0.04,
    `weather's score for messages meant for nobody rose by ${rise.toFixed(3)} on average`,
  );
  assert.ok(
    taken <= 5,
    `weather was the closest handler to ${taken} of ${nobody.length} messages meant for nobody`,
  );
  assert.equal(
    (await many.route({ intent: 'will my washing dry outside this afternoon' })).handler,
    'weather',
  );
});

test('the refusal threshold is calibrated on the registered examples: requests for nobody that 0.30 let through are refused', async (t) => {
  testEnv(t);
  // half of the examples score at least this much at a handler they are not for (the evaluation's handlers: 0.35)
  const threshold = await router.threshold();
  assert.ok(threshold > 0.3 && threshold <= 0.4, `threshold ${threshold}`);
  // requests written for this test; with a fixed 0.30 each went to the handler named
  for (const text of [
    'how tall is the eiffel tower', // directions
    'what is the capital of peru', // translate
    'how do i get rid of hiccups', // music
    'paint me a picture of a sunset', // weather
  ]) {
    await rejects(
      router.route({ intent: text }),
      'E_NOT_FOUND',
      new RegExp(`needs ${threshold.toFixed(2)}\\)`),
    );
  }
  assert.equal(
    (await router.route({ intent: 'is it going to be foggy on the drive home' })).handler,
    'weather',
  );
  const single = new IntentRouter({ embedder: encoder });
  await single.register(HANDLERS[3]);
  assert.equal(await single.threshold(), 0.3, 'one registration: nothing to calibrate on, the floor');
});

test('one agent registering copies of the others does not move the refusal threshold', async (t) => {
  testEnv(t);
  const r = new IntentRouter({ embedder: encoder });
  const some = HANDLERS.slice(0, 6);
  for (const h of some) await r.register(h);
  const honest = await r.threshold();
  for (const h of some) await r.register({ ...h, handler: 'mimic', intent: `${h.intent}-copy` });
  const threshold = await r.threshold();
  // a copy reads like its original, so an example's copy is not "another handler" to calibrate on
  assert.ok(Math.abs(threshold - honest) < 0.02, `threshold ${honest} before the copies, ${threshold} after`);
  assert.equal((await r.route({ intent: 'will it snow in oslo tomorrow' })).handler, 'weather');
});

test("a handler's counterexamples keep what it is not for away from it, and leave its own requests alone", async (t) => {
  testEnv(t);
  const weather = HANDLERS.find((h) => h.handler === 'weather');
  assert.ok(weather?.counterexamples?.length);
  const plain = offlineRouter(encoder);
  t.after(() => plain.close());
  for (const h of HANDLERS) await plain.router.register({ ...h, counterexamples: undefined });
  const at = async (r: IntentRouter, text: string) =>
    (await r.score({ intent: text })).find((s) => s.handler === 'weather')?.score ?? 0;
  // written for this test: closer to "compose song lyrics about a storm" than to any weather example
  const poem = 'write some verses about a thunderstorm';
  assert.ok(
    (await at(router, poem)) < (await at(plain.router, poem)),
    `weather scores ${await at(router, poem)} with its counterexamples, ${await at(plain.router, poem)} without`,
  );
  const forecast = 'is a thunderstorm on its way this afternoon';
  assert.equal(await at(router, forecast), await at(plain.router, forecast));
  assert.equal((await router.route({ intent: forecast })).handler, 'weather');
});

test('a message scored before is scored again once the registrations change', async (t) => {
  testEnv(t);
  const r = new IntentRouter({ embedder: encoder });
  const music = HANDLERS.find((h) => h.handler === 'music');
  assert.ok(music);
  await r.register(HANDLERS[3]);
  assert.deepEqual(
    (await r.score({ intent: 'put on some jazz' })).map((s) => s.handler),
    ['weather'],
  );
  await r.register(music);
  assert.equal((await r.score({ intent: 'put on some jazz' }))[0].handler, 'music');
  assert.ok(r.unregister('music', 'music'));
  assert.deepEqual(
    (await r.score({ intent: 'put on some jazz' })).map((s) => s.handler),
    ['weather'],
  );
});
