/**
 * semantic-ipcd as a system service, through a real system booted with its services in a temp
 * AIOS_HOME: two isolate agents register what they handle and serve what is routed to them; a
 * third reaches each by meaning, without naming either, and learns who handled it and the score.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hostPlaneOf } from '../src/boot.ts';
import { INIT_PID } from '../src/kernel/index.ts';
import { agent, withServices } from './helpers/services.ts';

/** A handler agent: registers `reg`, answers `count` messages with `answer(m)`, then ends. */
export function handlerAgent(reg: object, count: number, answer: string): string {
  return agent(`
    await os.intent.register(${JSON.stringify(reg)});
    const seen = [];
    while (seen.length < ${count}) {
      const { message: m } = await os.intent.next({ waitMs: 5000 });
      if (!m) continue;
      seen.push(m.from);
      await os.intent.answer({ id: m.id, reply: ${answer} });
    }
    return seen;
  `);
}

/** Waits (inside an agent) until `n` handlers are registered. */
export const untilHandlers = (n: number) => `
    for (let i = 0; i < 600 && (await os.intent.handlers({})).handlers.length < ${n}; i++) await os.sleep(50);
`;

const WEATHER = {
  intent: 'weather',
  description: 'Weather forecasts and current conditions: temperature, rain, wind, snow',
  examples: [
    'will it rain tomorrow',
    'weather in Paris this weekend',
    'how hot is it going to be on Saturday',
  ],
  tags: ['weather', 'forecast'],
  schema: { type: 'object', properties: { place: { type: 'string' } }, required: ['place'] },
};
const MUSIC = {
  intent: 'music',
  description: 'Play, pause and skip music, songs, albums, artists and playlists',
  examples: ['play some classical music', 'pause the music', 'next track', 'play songs by the Beatles'],
  tags: ['music', 'song'],
};

test('two handler agents registered; a third reaches each by meaning and learns who handled it', async (t) => {
  const s = await withServices(t);
  const spawn = (name: string, code: string) => s.system.host.spawnFile(s.file(name, code), { name }).pid;
  const weather = spawn('forecaster', handlerAgent(WEATHER, 1, "'rain in ' + m.payload.place"));
  const music = spawn('jukebox', handlerAgent(MUSIC, 1, "'now playing: ' + m.text"));
  const out = (await s.run(
    'alice',
    agent(`
      ${untilHandlers(2)}
      const umbrella = await os.ipc.sendIntent('do I need an umbrella in Oslo', { place: 'Oslo' });
      const tune = await os.ipc.sendIntent({ intent: 'put on something by miles davis', tags: ['song'] });
      const dry = await os.intent.route({ intent: 'is it going to snow' });
      const badPayload = await attempt(() => os.ipc.sendIntent('weather', { place: 42 }));
      const nobody = await attempt(() => os.ipc.sendIntent('how many moons does jupiter have', {}));
      return { umbrella, tune, dry, badPayload, nobody };
    `),
  )) as Record<string, Record<string, unknown>>;
  assert.equal(out.umbrella.handler, 'forecaster');
  assert.equal(out.umbrella.how, 'meaning');
  assert.equal(out.umbrella.reply, 'rain in Oslo');
  assert.ok((out.umbrella.score as number) > 0);
  assert.equal(out.tune.handler, 'jukebox');
  assert.equal(out.tune.reply, 'now playing: put on something by miles davis');
  assert.equal(out.dry.handler, 'forecaster', 'a dry run names the handler without sending');
  assert.equal(out.badPayload.code, 'E_BAD_ARG');
  assert.match(out.badPayload.message as string, /'place'/);
  assert.equal(out.nobody.code, 'E_NOT_FOUND');
  assert.match(
    out.nobody.message as string,
    /closest: 'weather' \(forecaster\)|closest: 'music' \(jukebox\)/,
  );

  assert.deepEqual((await s.system.host.exitOf(weather, 60_000)).result, JSON.stringify(['alice']));
  assert.deepEqual((await s.system.host.exitOf(music, 60_000)).result, JSON.stringify(['alice']));
  const listed = (await s.system.services.call(INIT_PID, 'semantic-ipcd', 'handlers', {})) as {
    handlers: { handler: string; intent: string }[];
  };
  assert.deepEqual(
    listed.handlers.map((h) => [h.intent, h.handler]).sort(),
    [
      ['music', 'jukebox'],
      ['weather', 'forecaster'],
    ],
    'both registered, in the order they finished registering',
  );

  // every routing decision is in the audit: intent, handler, score, caller; never the payload
  const plane = hostPlaneOf(s.system);
  plane.flushAudit();
  s.system.persist.tryFlush();
  const lines = s.system.store.audit.page(0, 100_000).filter((l) => l.includes('"tool":"semantic-ipcd"'));
  const sends = lines.filter((l) => l.includes('"action":"send"'));
  assert.ok(
    sends.some((l) => /umbrella in Oslo.*handler=forecaster.*score=0\.\d+ by alice/.test(l)),
    sends.join('\n'),
  );
  assert.ok(
    sends.some((l) => l.includes('refused=no-handler')),
    'a refusal is audited',
  );
  assert.ok(lines.some((l) => l.includes('"action":"route"') && l.includes('dry-run')));
  assert.ok(!lines.some((l) => l.includes('"place"')), 'no payload in the audit');
});
