/**
 * The translation cascade: plan cache, then the model the router picks (strong for complex
 * requests, cheap for simple ones), then the other model, then the offline translator. Each
 * model's plan is validated against PlanSchema and the catalog's argument schemas; an
 * invalid one is sent back once for repair, then the cascade moves on. Every translation is
 * recorded for feedback and learning; every valid LLM plan is cached.
 *
 * @example
 * const cascade = new CascadeTranslator({ config, db, offline });
 * const t = await cascade.translate('show the 5 biggest files here', { cwd, home, catalog });
 * t.source; // 'cache' | 'llm' | 'offline'
 */
import type { LlmConfig, ModelConfig } from './config.ts';
import type { IntelDb } from './db.ts';
import type {
  CatalogEntry,
  Plan,
  Proposed,
  TranslateContext,
  Translation,
  Translator,
  Turn,
} from './intent.ts';
import { Learning } from './learning.ts';
import { ModelCaller } from './model-call.ts';
import { type Built, PlanError, planFromAnswer, type ToolSet, toolsOf } from './plan-build.ts';
import { PlanCache, planKey } from './plan-cache.ts';
import { buildChat, type Example, type PromptVariant, repair } from './prompts.ts';
import { proposalsFromAnswer, proposeChat } from './propose.ts';
import { AttemptBudget } from './retry-budget.ts';
import { routeOf } from './router.ts';

export interface CascadeOptions {
  config: LlmConfig;
  db: IntelDb;
  offline: Translator;
  /** The catalog to use when a request's context carries none. */
  catalog?: () => CatalogEntry[];
  /** Wall clock (cache ages, breakers, records); injectable for tests. */
  now?: () => number;
  random?: () => number;
}

interface Attempt {
  request: string;
  context: TranslateContext;
  variant: PromptVariant;
  examples: Example[];
  tools: ToolSet;
  budget: AttemptBudget;
  trail: string[];
  spent: { input: number; output: number; costUsd: number };
}

export class CascadeTranslator implements Translator {
  readonly name = 'cascade';
  readonly cache: PlanCache;
  readonly learning: Learning;
  readonly caller: ModelCaller;
  readonly #config: LlmConfig;
  readonly #db: IntelDb;
  readonly #offline: Translator;
  readonly #catalog?: () => CatalogEntry[];

  constructor(o: CascadeOptions) {
    this.#config = o.config;
    this.#db = o.db;
    this.#offline = o.offline;
    this.#catalog = o.catalog;
    this.cache = new PlanCache(o.db, o.config.cache, o.now);
    this.learning = new Learning(o.db, o.now, o.random);
    this.caller = new ModelCaller(o.config, o.db, o.now);
  }

  async translate(request: string, context: TranslateContext): Promise<Translation> {
    const catalog = context.catalog.length > 0 ? context.catalog : (this.#catalog?.() ?? []);
    const ctx = catalog === context.catalog ? context : { ...context, catalog };
    const key = planKey(request, ctx, catalog);
    if (this.#config.cache.enabled) {
      const hit = this.cache.get(key);
      if (hit) {
        this.#db.count('cache_hit');
        const id = this.learning.record({
          request,
          cacheKey: key,
          plan: hit.plan,
          source: 'cache',
          model: hit.model,
        });
        return { plan: hit.plan, source: 'cache', model: hit.model, id };
      }
      this.#db.count('cache_miss');
    }

    const tools = toolsOf(catalog);
    const variant = this.learning.chooseVariant();
    const attempt: Attempt = {
      request,
      context: ctx,
      variant,
      examples: this.learning.examples(request, new Set(tools.byAction.keys()), variant.examples),
      tools,
      budget: new AttemptBudget(this.#config.retries.total, this.#deadlineMs()),
      trail: [],
      spent: { input: 0, output: 0, costUsd: 0 },
    };
    for (const model of this.#order(request, ctx.history)) {
      const built = await this.#ask(model, attempt);
      if (!built) continue;
      if (built.plan && this.#config.cache.enabled) this.cache.set(key, request, built.plan, model.model);
      const id = this.learning.record({
        request,
        cacheKey: key,
        plan: built.plan,
        source: 'llm',
        model: model.model,
        variant: variant.id,
      });
      return {
        ...(built.plan ? { plan: built.plan } : { clarify: built.clarify }),
        source: 'llm',
        model: model.model,
        usage: attempt.spent,
        id,
        trail: attempt.trail,
      };
    }

    attempt.trail.push('offline translator');
    const fallback = await this.#offline.translate(request, ctx);
    const id = this.learning.record({ request, cacheKey: key, plan: fallback.plan, source: 'offline' });
    const spent = attempt.spent.input + attempt.spent.output > 0 ? attempt.spent : fallback.usage;
    return { ...fallback, ...(spent ? { usage: spent } : {}), id, trail: attempt.trail };
  }

  /**
   * Up to `k` other ways to do `request`, from one model request (the routed model first, the
   * other when it gives no usable answer); `failed` says why there are none. Garbage, a cut
   * stream, a timeout or a refusal past the retry rules are all `failed`, never thrown.
   */
  async propose(
    request: string,
    context: TranslateContext,
    o: { k: number; asked?: Plan },
  ): Promise<Proposed> {
    const catalog = context.catalog.length > 0 ? context.catalog : (this.#catalog?.() ?? []);
    const ctx = catalog === context.catalog ? context : { ...context, catalog };
    const tools = toolsOf(catalog);
    const chat = proposeChat({ request, context: ctx, tools, k: o.k, asked: o.asked });
    const budget = new AttemptBudget(this.#config.retries.total, this.#deadlineMs());
    const trail: string[] = [];
    for (const model of this.#order(request, ctx.history)) {
      const answer = await this.caller.call(model, chat, {
        budget,
        trail,
        purpose: 'translate',
        signal: ctx.signal,
      });
      if (!answer) continue;
      try {
        return { model: model.model, proposals: proposalsFromAnswer(answer, request, tools, o.k), trail };
      } catch (error) {
        if (!(error instanceof PlanError)) throw error;
        trail.push(`${model.role} model ${model.model}: no alternatives: ${error.message}`);
      }
    }
    return { failed: trail.at(-1) ?? 'no model could be asked', trail };
  }

  /** Models in the order to try them: the routed role first, then the other one. */
  #order(request: string, history: readonly Turn[] | undefined): ModelConfig[] {
    const { strong, cheap } = this.#config.models;
    const first = routeOf(request, history, this.#config.routerThreshold);
    const ordered = first === 'strong' ? [strong, cheap] : [cheap, strong];
    const models = ordered.filter((m): m is ModelConfig => m !== undefined);
    // The same model in both roles is asked once.
    return models.filter(
      (m, i) => models.findIndex((x) => x.provider === m.provider && x.model === m.model) === i,
    );
  }

  /** Room for the first model, one retry and the second model. */
  #deadlineMs(): number {
    const slowest = Math.max(...[...this.#config.providers.values()].map((p) => p.timeoutMs));
    return slowest * 3 + this.#config.retries.maxWaitMs;
  }

  /** One model's plan, repaired once if invalid; undefined when it gave none. */
  async #ask(model: ModelConfig, a: Attempt): Promise<Built | undefined> {
    const chat = buildChat({
      variant: a.variant,
      request: a.request,
      context: a.context,
      examples: a.examples,
      mode: model.mode,
      tools: a.tools,
    });
    let messages = chat.messages;
    for (let round = 0; ; round++) {
      const answer = await this.caller.call(
        model,
        { ...chat, messages },
        { budget: a.budget, trail: a.trail, purpose: 'translate', signal: a.context.signal, spent: a.spent },
      );
      if (!answer) return undefined;
      try {
        return planFromAnswer(answer, a.request, a.tools);
      } catch (error) {
        if (!(error instanceof PlanError)) throw error;
        a.trail.push(`${model.role} model ${model.model}: invalid plan: ${error.message}`);
        if (!this.caller.retryAllowed(round, a.budget)) return undefined;
        messages = repair(messages, answer, error.message);
      }
    }
  }

  close(): void {
    this.#db.close();
  }
}
