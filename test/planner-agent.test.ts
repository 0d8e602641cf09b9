/**
 * agent nodes: a message by intent through semantic-ipcd to the best handler, whose reply is the
 * node's output. The handler sees the planner as the sender and whom it acts for in the payload.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INIT_PID } from '../src/kernel/index.ts';
import { agent, withServices } from './helpers/services.ts';

/** A handler that registers, answers one message with `answer` (an expression of `m`) and returns who sent it. */
const handlerAgent = (reg: object, answer: string) =>
  agent(`
    await os.intent.register(${JSON.stringify(reg)});
    for (;;) {
      const { message: m } = await os.intent.next({ waitMs: 5000 });
      if (!m) continue;
      await os.intent.answer({ id: m.id, reply: ${answer} });
      return [m.from];
    }
  `);

test('an agent node reaches a handler by intent and its reply flows on', async (t) => {
  const s = await withServices(t);
  const music = {
    intent: 'music',
    description: 'Play, pause and skip music, songs, albums, artists and playlists',
    examples: ['play some classical music', 'pause the music', 'next track'],
  };
  const handler = s.system.host.spawnFile(
    s.file('jukebox', handlerAgent(music, "'playing ' + m.payload.payload + ' for ' + m.payload.onBehalfOf")),
    { name: 'jukebox' },
  ).pid;
  for (let i = 0; i < 600; i++) {
    const { handlers } = (await s.system.services.call(INIT_PID, 'semantic-ipcd', 'handlers', {})) as {
      handlers: unknown[];
    };
    if (handlers.length > 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const view = (await s.system.services.call(INIT_PID, 'planner', 'run', {
    plan: {
      nodes: [
        { id: 'tell', kind: 'agent', args: { intent: 'put on some classical music', payload: 'Bach' } },
      ],
    },
    wait: true,
  })) as { state: string; nodes: { output: { handler: string; reply: string } }[] };
  assert.equal(view.state, 'done', JSON.stringify(view));
  assert.equal(view.nodes[0].output.handler, 'jukebox');
  assert.equal(view.nodes[0].output.reply, 'playing Bach for init');
  const exit = await s.system.host.exitOf(handler, 60_000);
  assert.deepEqual(JSON.parse(exit.result ?? '[]'), ['planner'], 'the handler saw the planner as the sender');
});
