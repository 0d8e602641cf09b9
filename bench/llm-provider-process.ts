/**
 * The rate-limited provider in a process of its own, as a real one would be: the bench's
 * agents and scheduler then do not slow its clock down (they shared one event loop before).
 * Started with its options as JSON in argv[2]; sends {url} when listening, answers 'stats'
 * with its figures, and exits on 'close'.
 */
import { startRateLimitedProvider } from '../test/helpers/rate-limited-provider.ts';

const provider = await startRateLimitedProvider(JSON.parse(process.argv[2]));
process.send!({ url: provider.url });
process.on('message', async (message) => {
  if (message === 'stats') process.send!({ stats: provider.stats });
  if (message === 'timeline') process.send!({ arrivals: provider.arrivals, slots: provider.options.slots });
  if (message === 'close') {
    await provider.close();
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
