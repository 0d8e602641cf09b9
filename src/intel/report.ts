/**
 * What `aios stats` shows, gathered from intel.db: tokens and cost per model, the plan
 * cache, translations by source and their feedback, prompt variants, and breakers.
 *
 * @example
 * const report = statsReport(home, { sinceMs: 7 * 86_400_000 }); // undefined before any LLM use
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Accounting, type ModelSummary } from './accounting.ts';
import { type BreakerInfo, Breakers } from './breaker.ts';
import { IntelDb } from './db.ts';
import { Learning, type VariantStats } from './learning.ts';

export interface StatsReport {
  models: ModelSummary[];
  totals: { calls: number; input: number; output: number; costUsd: number };
  cache: { entries: number; hits: number; misses: number };
  translations: Record<string, number>;
  feedback: { up: number; down: number; pending: number };
  variants: VariantStats[];
  breakers: BreakerInfo[];
}

export function statsReport(home: string, options: { sinceMs?: number } = {}): StatsReport | undefined {
  if (!existsSync(join(home, 'intel.db'))) return undefined;
  const db = IntelDb.open(home);
  try {
    const models = new Accounting(db).summary(options);
    const since = options.sinceMs === undefined ? 0 : Date.now() - options.sinceMs;
    const bySource = db
      .sql('SELECT source, count(*) AS n FROM translations WHERE at >= ? GROUP BY source ORDER BY source')
      .all(since) as { source: string; n: number }[];
    const votes = db
      .sql(
        `SELECT sum(vote = 1) AS up, sum(vote = -1) AS down, sum(translation_id IS NULL) AS pending
         FROM feedback WHERE at >= ?`,
      )
      .get(since) as { up: number | null; down: number | null; pending: number | null };
    const counters = db.counters();
    const entries = (db.sql('SELECT count(*) AS n FROM plan_cache').get() as { n: number }).n;
    return {
      models,
      totals: models.reduce(
        (t, m) => ({
          calls: t.calls + m.calls,
          input: t.input + m.input,
          output: t.output + m.output,
          costUsd: t.costUsd + m.costUsd,
        }),
        { calls: 0, input: 0, output: 0, costUsd: 0 },
      ),
      cache: { entries, hits: counters.cache_hit ?? 0, misses: counters.cache_miss ?? 0 },
      translations: Object.fromEntries(bySource.map((r) => [r.source, r.n])),
      feedback: { up: votes.up ?? 0, down: votes.down ?? 0, pending: votes.pending ?? 0 },
      variants: new Learning(db).variantStats(),
      breakers: new Breakers(db, { failures: 1, cooldownMs: 0 }).all(),
    };
  } finally {
    db.close();
  }
}
