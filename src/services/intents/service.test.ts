import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { testEnv } from '../../../test/helpers/env.ts';
import { SentenceEncoder } from '../memoryd/embedder.ts';
import { HANDLERS } from './eval/handlers.ts';
import { INTENT_LIMITS } from './limits.ts';
import { offlineRouter } from './offline.ts';
import { intentService } from './service.ts';
import { RegistrationStore } from './store.ts';

// One encoder for the file: it takes a few seconds to load on a busy machine.
const encoder = new SentenceEncoder();
const closers: (() => void)[] = [];
after(() => {
  for (const close of closers) close();
});

/** A service incarnation over the store at `path`, its clock at `clock.now`. */
function incarnation(path: string, clock: { now: number }) {
  const offline = offlineRouter(encoder);
  const store = new RegistrationStore(path);
  closers.push(offline.close, () => store.close());
  const logged: string[] = [];
  const impl = intentService(offline.router, {
    audit: async () => {},
    log: (m) => logged.push(m),
    store,
    now: () => clock.now,
  });
  return { h: impl.handlers, logged, store };
}

const caller = (name: string) => ({ pid: 10, name, owner: false });
const WEATHER = HANDLERS.find((r) => r.handler === 'weather')!;
const args = (r: typeof WEATHER, intent = r.intent) => ({
  intent,
  description: r.description,
  examples: [...r.examples],
  tags: [...(r.tags ?? [])],
});

test('a registration whose handler is not seen for the TTL is dropped at the next start; a seen one is kept', async (t) => {
  const env = testEnv(t);
  const path = join(env.dir, 'intents.db');
  const clock = { now: 1_000_000 };
  const first = incarnation(path, clock);
  await first.h.register(args(WEATHER), caller('forecaster'));
  await first.h.register(args(HANDLERS[0]), caller('planner'));
  first.store.close();

  // a day later the planner calls again (its first call binds it); the forecaster never does
  clock.now += 24 * 3_600_000;
  const second = incarnation(path, clock);
  await second.h.next({ waitMs: 0 }, caller('planner'));
  const listed = (await second.h.handlers({}, caller('alice'))).handlers;
  assert.deepEqual(
    listed.map((r) => [r.intent, r.handler, r.running]),
    [
      ['weather', 'forecaster', false],
      ['calendar', 'planner', true],
    ],
  );
  second.store.close();

  clock.now += INTENT_LIMITS.REGISTRATION_TTL_MS - 3_600_000;
  const third = incarnation(path, clock);
  const kept = (await third.h.handlers({}, caller('alice'))).handlers;
  assert.deepEqual(
    kept.map((r) => r.intent),
    ['calendar'],
    'the forecaster, unseen for longer than the TTL, is gone',
  );
  assert.ok(
    third.logged.some((m) => /dropped 1 registrations .*: weather/.test(m)),
    third.logged.join('\n'),
  );
});

test('a look-alike registration is taken with a warning naming the other, and the older wins a tie', async (t) => {
  const env = testEnv(t);
  const { h } = incarnation(join(env.dir, 'intents.db'), { now: 1 });
  const first = await h.register(args(WEATHER), caller('forecaster'));
  assert.deepEqual(first.warnings, []);
  const other = await h.register(args(HANDLERS[1]), caller('mailer'));
  assert.deepEqual(other.warnings, [], 'a different handler is no look-alike');
  const copy = await h.register(args(WEATHER, 'weather-2'), caller('copycat'));
  assert.equal(copy.warnings.length, 1);
  assert.match(copy.warnings[0], /^'weather-2' reads like 'weather' of 'forecaster' \(1\.00 alike\): /);
  // a name that differs only by punctuation reads exactly alike: equal scores, the older wins
  await h.register(args(WEATHER, 'weather.'), caller('mimic'));
  await h.next({ waitMs: 0 }, caller('mimic'));
  const route = await h.route({ intent: 'will it snow in oslo on friday' }, caller('alice'));
  assert.equal(route.handler, 'forecaster');
  const mimic = route.candidates.find((c) => c.handler === 'mimic');
  assert.equal(mimic?.score, route.score, 'a tie');
});
