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
 * if (t.id) recordOutcome(home, t.id, ok);
 */
import { CascadeTranslator } from './cascade.ts';
import { loadLlmConfig } from './config.ts';
import { IntelDb } from './db.ts';
import type { CatalogEntry, Translator } from './intent.ts';
import { type FeedbackResult, Learning } from './learning.ts';

export { ConfigError, type LlmConfig, loadLlmConfig } from './config.ts';
export { llmConfigured } from './configured.ts';
export { createLlmExecutor, type Generated } from './executor.ts';

export interface TranslatorOptions {
  home: string;
  env: NodeJS.ProcessEnv;
  offline: Translator;
  /** The tool catalog, when a request's context carries none. */
  catalog?: () => CatalogEntry[];
}

/**
 * The translator for this configuration. Throws ConfigError (one line) when the
 * configuration is wrong; returns `offline` itself when no model is configured.
 */
export async function createTranslator(o: TranslatorOptions): Promise<Translator> {
  const config = loadLlmConfig(o.home, o.env);
  if (!config) return o.offline;
  return new CascadeTranslator({ config, db: IntelDb.open(o.home), offline: o.offline, catalog: o.catalog });
}

function withLearning<T>(home: string, fn: (learning: Learning) => T): T {
  const db = IntelDb.open(home);
  try {
    return fn(new Learning(db));
  } finally {
    db.close();
  }
}

/** A vote about 'last', a translation id or an Atlas history id (stored even when unresolved). */
export function recordFeedback(home: string, ref: string, vote: 'up' | 'down'): FeedbackResult {
  return withLearning(home, (l) => l.feedback(ref, vote));
}

/** Whether running the plan of a translation (or history entry) succeeded; false if unknown. */
export function recordOutcome(home: string, ref: string, ok: boolean): boolean {
  return withLearning(home, (l) => l.outcome(ref, ok));
}

/** Ties a translation id (Translation.id) to the Atlas history id that ran it. */
export function linkHistory(home: string, translationId: string, historyId: string): void {
  withLearning(home, (l) => l.linkHistory(translationId, historyId));
}
