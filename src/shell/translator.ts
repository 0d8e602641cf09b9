/**
 * Which translator Atlas uses: the intelligence layer's choice for this configuration. With
 * no model configured that is the offline translator itself; with models it is the cascade
 * (plan cache, router, strong and cheap models) with the offline translator as its last
 * resort, so a request is never left without an answer because a model is away.
 */
import type { System } from '../boot.ts';
import type { Translator } from '../intel/intent.ts';
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
