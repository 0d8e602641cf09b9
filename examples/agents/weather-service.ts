/**
 * A service reached by meaning: it registers the intent 'weather' with semantic-ipcd (a
 * description and example phrases) and answers what it is sent, until it is stopped. Senders
 * need not know its name or its words (ask-weather.ts asks "do I need an umbrella in Oslo?").
 *
 *   npx aios up &
 *   npx aios spawn examples/agents/weather-service.ts
 *   npx aios run examples/agents/ask-weather.ts
 */
import type { Os } from '../../src/sdk/index.ts';

const FORECASTS: Record<string, string> = {
  oslo: 'Rain all day, 9 °C: take an umbrella.',
  lisbon: 'Sunny, 24 °C.',
};

export default async function weatherService(os: Os) {
  await os.intent.register({
    intent: 'weather',
    description: 'Weather forecasts and current conditions for a city',
    examples: ['will it rain tomorrow', 'weather in Paris this weekend', 'how warm is it in Rome today'],
    tags: ['weather', 'forecast'],
    schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  });
  await os.log('weather service registered');
  for (;;) {
    const { message } = await os.intent.next({});
    if (message === null) continue; // nothing came in a while: wait again
    const city = String((message.payload as { city: string }).city).toLowerCase();
    const forecast = FORECASTS[city];
    if (forecast === undefined)
      await os.intent.answer({ id: message.id, error: `No forecast for '${city}'` });
    else await os.intent.answer({ id: message.id, reply: { city, forecast, for: message.from } });
  }
}
