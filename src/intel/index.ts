/**
 * The intelligence layer's public surface: the translator Atlas uses, the LLM executor for
 * agents, and the learning hooks (feedback, outcomes, history links).
 *
 * With no model configured, createTranslator returns the offline translator unchanged, so
 * everything works with no LLM at all. With models configured it returns the cascade:
 * plan cache → router → strong/cheap model → the other model → offline translator, and
 * Translation.source says which produced the plan.
 *
 * @example
 * const translator = await createTranslator({ home, env: process.env, offline, catalog: toolCatalog });
 * const t = await translator.translate('show the 5 biggest files here', { cwd, home: os.homedir(), catalog: [] });
 * if (t.id) await recordOutcome(home, t.id, ok);
 */

import { llmConfigured } from './configured.ts';
import type { ExecutorOptions, LlmExecutor } from './executor.ts';
import type { CatalogEntry, Translator } from './intent.ts';
import type { FeedbackResult, Learning } from './learning.ts';

export type { LlmConfig } from './config.ts';
export { ConfigError } from './config-error.ts';
export { llmConfigured } from './configured.ts';
export type { Generated } from './executor.ts';

export interface TranslatorOptions {
  home: string;
  env: NodeJS.ProcessEnv;
  offline: Translator;
  /** The tool catalog, when a request's context carries none. */
  catalog?: () => CatalogEntry[];
}

/**
 * The translator for this configuration. Throws ConfigError (one line) when the
 * configuration is wrong; returns `offline` itself when no model is configured. The LLM
 * machinery is loaded only when a model is configured, so offline use pays nothing for it.
 */
export async function createTranslator(o: TranslatorOptions): Promise<Translator> {
  if (!llmConfigured(o.home, o.env)) return o.offline;
  const { loadLlmConfig } = await import('./config.ts');
  const config = loadLlmConfig(o.home, o.env);
  if (!config) return o.offline;
  const [{ CascadeTranslator }, { IntelDb }] = await Promise.all([import('./cascade.ts'), import('./db.ts')]);
  return new CascadeTranslator({
    config,
    db: IntelDb.open(o.home, config.retention),
    offline: o.offline,
    catalog: o.catalog,
  });
}

/** The executor for the host's 'llm' service (os.llm.generate); throws ConfigError without a model. */
export async function createLlmExecutor(o: ExecutorOptions): Promise<LlmExecutor> {
  return (await import('./executor.ts')).createLlmExecutor(o);
}

async function withLearning<T>(home: string, fn: (learning: Learning) => T): Promise<T> {
  const [{ IntelDb }, { Learning }] = await Promise.all([import('./db.ts'), import('./learning.ts')]);
  const db = IntelDb.open(home);
  try {
    return fn(new Learning(db));
  } finally {
    db.close();
  }
}

/** A vote about 'last', a translation id or an Atlas history id (stored even when unresolved). */
export function recordFeedback(home: string, ref: string, vote: 'up' | 'down'): Promise<FeedbackResult> {
  return withLearning(home, (l) => l.feedback(ref, vote));
}

/** Whether running the plan of a translation (or history entry) succeeded; false if unknown. */
export function recordOutcome(home: string, ref: string, ok: boolean): Promise<boolean> {
  return withLearning(home, (l) => l.outcome(ref, ok));
}

/** Ties a translation id (Translation.id) to the Atlas history id that ran it. */
export function linkHistory(home: string, translationId: string, historyId: string): Promise<void> {
  return withLearning(home, (l) => l.linkHistory(translationId, historyId));
}
