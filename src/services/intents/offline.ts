/**
 * The router as the service runs it, offline: the sentence encoder memoryd uses, WordNet's
 * synonyms for the word side, and WordNet's corpus counts to tell a typo that spells a rare
 * word ("summerize") from a word meant as written. The service, the bench and the tests build
 * it here, so they measure the same router.
 *
 * @example
 * const { router, close } = offlineRouter();
 * await router.register({ handler: 'weather', intent: 'weather', description: 'Forecasts', examples: ['will it rain'] });
 * close();
 */
import { type Embedder, SentenceEncoder } from '../memoryd/embedder.ts';
import { WordNet } from '../memoryd/wordnet.ts';
import { RareWords } from './rare-words.ts';
import { IntentRouter } from './router.ts';

export function offlineRouter(
  embedder: Embedder = new SentenceEncoder(),
  options: { threshold?: number } = {},
): {
  router: IntentRouter;
  close(): void;
} {
  const wordnet = new WordNet();
  const rare = new RareWords();
  const router = new IntentRouter({
    embedder,
    threshold: options.threshold,
    synonyms: (w) => wordnet.synonyms(w),
    // a real word, unless WordNet never met it in use: then a typo may have spelt it
    known: (w) => wordnet.synonyms(w).length > 0 && !rare.is(w),
  });
  return {
    router,
    close() {
      rare.close();
      wordnet.close();
    },
  };
}
