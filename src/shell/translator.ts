/**
 * Which translator Atlas uses: the intelligence layer's choice for this configuration. With
 * no model configured that is the offline translator itself; with models it is the cascade
 * (plan cache, router, strong and cheap models) with the offline translator as its last
 * resort, so a request is never left without an answer because a model is away.
 */
import type { System } from '../boot.ts';
import type { TranslateContext, Translator, Turn } from '../intel/intent.ts';
import { OfflineTranslator } from '../intel/offline/translator.ts';
import { toolCatalog } from '../tools/catalog.ts';

export async function selectTranslator(system: System): Promise<Translator> {
  const { createTranslator } = await import('../intel/index.ts');
  return createTranslator({
    home: system.home,
    env: process.env,
    offline: new OfflineTranslator(),
    catalog: toolCatalog,
  });
}

/** What a translator is told of a request's setting: where, whose home, the session's earlier turns. */
export function translateContext(cwd: string, home: string, history: readonly Turn[]): TranslateContext {
  return {
    cwd,
    home,
    // Built on first use: JSON Schemas for every action cost time a rule translator never needs.
    get catalog() {
      return toolCatalog();
    },
    history,
  };
}
