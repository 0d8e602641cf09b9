/**
 * Feedback and learning. Every translation the cascade produces is recorded (request, plan,
 * source, model, prompt variant). `aios feedback up|down` and the outcome of running a plan
 * mark it good or bad; good plans become few-shot examples for similar requests, a bad one
 * leaves the plan cache at once. Prompt variants are served A/B (the champion most of the
 * time, challengers the rest) and a challenger whose success rate is clearly better — the
 * lower end of its 95% Wilson interval above the champion's rate, over at least MIN_TRIALS
 * judged plans each — is promoted.
 *
 * @example
 * const learning = new Learning(db);
 * const id = learning.record({ request, cacheKey, plan, source: 'llm', model: 'qwen', variant: 'v1-direct' });
 * learning.feedback('last', 'up');
 * learning.examples('show the largest files', actions); // similar plans that worked
 */
import { randomBytes } from 'node:crypto';
import type { IntelDb } from './db.ts';
import type { Plan, Translation } from './intent.ts';
import { normaliseRequest } from './plan-cache.ts';
import { type Example, PROMPT_VARIANTS, type PromptVariant } from './prompts.ts';

/** Judged plans each variant needs before a promotion is considered. */
export const MIN_TRIALS = 20;
/** Share of translations that go to challengers. */
export const EXPLORE = 0.2;
const CHAMPION_KEY = 'prompt_champion';

export interface RecordInput {
  request: string;
  cacheKey: string;
  plan?: Plan;
  source: Translation['source'];
  model?: string;
  variant?: string;
}

export interface FeedbackResult {
  /** The translation the vote applied to, when the reference could be resolved. */
  translationId?: string;
  request?: string;
}

export interface VariantStats {
  id: string;
  trials: number;
  successes: number;
  rate: number;
  champion: boolean;
}

interface Row {
  id: string;
  request: string;
  norm: string;
  plan: string | null;
  cache_key: string;
}

export class Learning {
  readonly #db: IntelDb;
  readonly #now: () => number;
  readonly #random: () => number;

  constructor(db: IntelDb, now: () => number = Date.now, random: () => number = Math.random) {
    this.#db = db;
    this.#now = now;
    this.#random = random;
  }

  /** Records a translation; returns its id (what feedback and outcomes refer to). */
  record(t: RecordInput): string {
    const id = randomBytes(6).toString('hex');
    this.#db
      .sql(
        `INSERT INTO translations (id, at, request, norm, cache_key, plan, source, model, variant)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        this.#now(),
        t.request,
        normaliseRequest(t.request),
        t.cacheKey,
        t.plan ? JSON.stringify(t.plan) : null,
        t.source,
        t.model ?? null,
        t.variant ?? null,
      );
    return id;
  }

  /**
   * Stores a vote about `ref` ('last', a translation id, or an Atlas history id) and applies
   * it when `ref` resolves. A down vote removes the plan from the cache.
   */
  feedback(ref: string, vote: 'up' | 'down'): FeedbackResult {
    const value = vote === 'up' ? 1 : -1;
    return this.#db.transaction(() => {
      const row = this.#resolve(ref);
      this.#db
        .sql('INSERT INTO feedback (at, ref, vote, translation_id) VALUES (?, ?, ?, ?)')
        .run(this.#now(), ref, value, row?.id ?? null);
      if (!row) return {};
      this.#vote(row, value);
      return { translationId: row.id, request: row.request };
    });
  }

  /** Records whether running the plan of `ref` succeeded (called by Atlas after a run). */
  outcome(ref: string, ok: boolean): boolean {
    const row = this.#resolve(ref);
    if (!row) return false;
    this.#db.sql('UPDATE translations SET outcome = ? WHERE id = ?').run(ok ? 1 : 0, row.id);
    if (!ok) this.#db.sql('DELETE FROM plan_cache WHERE key = ?').run(row.cache_key);
    this.#promote();
    return true;
  }

  /** Ties a translation to the Atlas history entry that ran it, applying votes given before. */
  linkHistory(translationId: string, historyId: string): void {
    this.#db.transaction(() => {
      this.#db.sql('UPDATE translations SET history_id = ? WHERE id = ?').run(historyId, translationId);
      const pending = this.#db
        .sql('SELECT id, vote FROM feedback WHERE ref = ? AND translation_id IS NULL ORDER BY id')
        .all(historyId) as { id: number; vote: number }[];
      const row = this.#resolve(translationId);
      if (!row) return;
      for (const f of pending) {
        this.#db.sql('UPDATE feedback SET translation_id = ? WHERE id = ?').run(translationId, f.id);
        this.#vote(row, f.vote);
      }
    });
  }

  /** Up to `k` plans that worked for requests most like `request`, using only known actions. */
  examples(request: string, actions: ReadonlySet<string>, k = 5): Example[] {
    const rows = this.#db
      .sql(
        `SELECT request, norm, plan FROM translations
         WHERE plan IS NOT NULL AND source != 'cache' AND (vote = 1 OR (vote IS NULL AND outcome = 1))
         ORDER BY at DESC LIMIT 500`,
      )
      .all() as { request: string; norm: string; plan: string }[];
    const words = wordsOf(normaliseRequest(request));
    const seen = new Set<string>();
    const scored: { score: number; example: Example }[] = [];
    for (const r of rows) {
      if (seen.has(r.norm)) continue;
      seen.add(r.norm);
      const plan = JSON.parse(r.plan) as Plan;
      if (!plan.steps.every((s) => actions.has(`${s.tool}.${s.action}`))) continue;
      scored.push({ score: jaccard(words, wordsOf(r.norm)), example: { request: r.request, plan } });
    }
    return scored
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, k)
      .map((s) => s.example);
  }

  champion(): PromptVariant {
    const id = this.#db.get(CHAMPION_KEY);
    return PROMPT_VARIANTS.find((v) => v.id === id) ?? PROMPT_VARIANTS[0];
  }

  /** The variant for the next translation: the champion, or now and then a challenger. */
  chooseVariant(): PromptVariant {
    const champion = this.champion();
    const challengers = PROMPT_VARIANTS.filter((v) => v.id !== champion.id);
    if (challengers.length === 0 || this.#random() >= EXPLORE) return champion;
    return challengers[Math.min(challengers.length - 1, Math.floor(this.#random() * challengers.length))];
  }

  variantStats(): VariantStats[] {
    const rows = this.#db
      .sql(
        `SELECT variant, count(*) AS trials,
           sum(CASE WHEN vote = 1 OR (vote IS NULL AND outcome = 1) THEN 1 ELSE 0 END) AS successes
         FROM translations
         WHERE variant IS NOT NULL AND source = 'llm' AND (vote IS NOT NULL OR outcome IS NOT NULL)
         GROUP BY variant`,
      )
      .all() as { variant: string; trials: number; successes: number }[];
    const champion = this.champion().id;
    return PROMPT_VARIANTS.map((v) => {
      const r = rows.find((x) => x.variant === v.id);
      const trials = r?.trials ?? 0;
      const successes = r?.successes ?? 0;
      return {
        id: v.id,
        trials,
        successes,
        rate: trials ? successes / trials : 0,
        champion: v.id === champion,
      };
    });
  }

  #resolve(ref: string): Row | undefined {
    const cols = 'id, request, norm, plan, cache_key';
    if (ref === 'last') {
      return this.#db.sql(`SELECT ${cols} FROM translations ORDER BY at DESC, rowid DESC LIMIT 1`).get() as
        | Row
        | undefined;
    }
    return this.#db
      .sql(`SELECT ${cols} FROM translations WHERE id = ? OR history_id = ? ORDER BY at DESC LIMIT 1`)
      .get(ref, ref) as Row | undefined;
  }

  #vote(row: Row, value: number): void {
    this.#db.sql('UPDATE translations SET vote = ? WHERE id = ?').run(value, row.id);
    if (value < 0) this.#db.sql('DELETE FROM plan_cache WHERE key = ?').run(row.cache_key);
    this.#promote();
  }

  #promote(): void {
    const stats = this.variantStats();
    const champion = stats.find((s) => s.champion);
    if (!champion || champion.trials < MIN_TRIALS) return;
    const best = stats
      .filter(
        (s) => !s.champion && s.trials >= MIN_TRIALS && wilsonLower(s.successes, s.trials) > champion.rate,
      )
      .sort((a, b) => b.rate - a.rate)[0];
    if (best) this.#db.set(CHAMPION_KEY, best.id);
  }
}

/** Lower bound of the 95% Wilson score interval of a success rate. */
export function wilsonLower(successes: number, trials: number): number {
  if (trials === 0) return 0;
  const z = 1.96;
  const p = successes / trials;
  const denominator = 1 + (z * z) / trials;
  const centre = p + (z * z) / (2 * trials);
  const margin = z * Math.sqrt((p * (1 - p)) / trials + (z * z) / (4 * trials * trials));
  return (centre - margin) / denominator;
}

const STOP = new Set([
  'the',
  'a',
  'an',
  'in',
  'of',
  'to',
  'and',
  'my',
  'me',
  'here',
  'this',
  'please',
  'all',
]);

function wordsOf(text: string): Set<string> {
  return new Set(text.split(/[^a-z0-9.]+/).filter((w) => w.length > 1 && !STOP.has(w)));
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return common / (a.size + b.size - common);
}
