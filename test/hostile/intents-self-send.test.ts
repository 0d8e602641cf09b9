/**
 * An agent that both handles an intent and sends by intent on its one connection to
 * semantic-ipcd: while its `send` waits for the handler's answer, its own `next` and `answer`
 * calls must be served, or a handler that asks another handler — or itself — for help stalls
 * until the send times out. `send` is declared `waits` (src/services/declare.ts) for this.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agent, withServices } from '../helpers/services.ts';

const ECHO = {
  intent: 'echo',
  description: 'Repeat back the text it is given, word for word',
  examples: ['echo hello', 'repeat after me', 'say this back to me'],
  tags: ['echo'],
};

test('a handler that sends a message routed to itself is served while its send waits', async (t) => {
  const s = await withServices(t);
  const result = (await s.run(
    'parrot',
    agent(`
      await os.intent.register(${JSON.stringify(ECHO)});
      const sent = os.ipc.sendIntent('echo', { text: 'polly' });
      const served = (async () => {
        const { message: m } = await os.intent.next({ waitMs: 10000 });
        if (!m) return 'nothing came';
        await os.intent.answer({ id: m.id, reply: 'echo: ' + m.payload.text });
        return 'answered';
      })();
      const [reply, handled] = await Promise.all([attempt(() => sent), served]);
      return { reply, handled };
    `),
  )) as {
    reply: { ok?: { handler: string; reply: string }; code?: string; message?: string };
    handled: string;
  };
  assert.equal(result.handled, 'answered', JSON.stringify(result));
  assert.equal(result.reply.ok?.handler, 'parrot', JSON.stringify(result.reply));
  assert.equal(result.reply.ok?.reply, 'echo: polly');
});
