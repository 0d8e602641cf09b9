/**
 * Which translator `aios do` uses. For now the offline translator, which needs no model;
 * the LLM cascade (src/intel/index.ts createTranslator) plugs in here when a model is
 * configured, with the offline translator as its last resort.
 */
import type { System } from '../boot.ts';
import type { Translator } from '../intel/intent.ts';
import { OfflineTranslator } from '../intel/offline/translator.ts';

export async function selectTranslator(_system: System): Promise<Translator> {
  return new OfflineTranslator();
}
