/**
 * Sends a question by meaning, not by address: semantic-ipcd routes "do I need an umbrella in
 * Oslo tomorrow" to whichever agent registered the closest intent (weather-service.ts), though
 * the question shares almost no words with its description or examples, and returns the reply
 * with who handled it and how sure the router was. Tries for a while if no handler is there yet.
 *
 *   npx aios spawn examples/agents/weather-service.ts
 *   npx aios run examples/agents/ask-weather.ts
 */
import type { Os } from '../../src/sdk/index.ts';

export default async function askWeather(os: Os) {
  for (let attempt = 0; ; attempt++) {
    try {
      const sent = await os.ipc.sendIntent('do I need an umbrella in Oslo tomorrow', { city: 'Oslo' });
      return {
        handler: sent.handler,
        intent: sent.intent,
        how: sent.how,
        score: sent.score,
        reply: sent.reply,
      };
    } catch (error) {
      // No handler registered yet (the service is still starting): ask again shortly
      if ((error as { code?: string }).code !== 'E_NOT_FOUND' || attempt >= 50) throw error;
      await os.sleep(200);
    }
  }
}
