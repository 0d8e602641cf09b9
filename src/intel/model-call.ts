/**
 * One model call done properly: the provider's circuit breaker is asked first and told the
 * result; transport failures worth it (429, 5xx, network, malformed answers) are retried
 * within the attempt budget, the process-wide retry budget and the translation's deadline,
 * waiting what Retry-After says (never longer than maxWaitMs); and every call, good or bad,
 * is accounted per model with its tokens and cost.
 *
 * @example
 * const caller = new ModelCaller(config, db);
 * const answer = await caller.call(config.models.cheap!, chat, { budget, trail, purpose: 'translate' });
 * // undefined: this model gave no answer in time; the cascade moves on
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Accounting, costOf } from './accounting.ts';
import { Breakers } from './breaker.ts';
import type { LlmConfig, ModelConfig } from './config.ts';
import type { IntelDb } from './db.ts';
import { createProvider } from './providers/index.ts';
import { type ChatRequest, type ChatResult, LlmError, type Provider } from './providers/types.ts';
import { type AttemptBudget, RetryBudget } from './retry-budget.ts';

export interface CallOptions {
  budget: AttemptBudget;
  /** Lines describing what happened, appended to. */
  trail: string[];
  purpose: 'translate' | 'generate';
  pid?: number;
  signal?: AbortSignal;
  /** Running totals for the caller (tokens and USD over every call it made). */
  spent?: { input: number; output: number; costUsd: number };
}

export type Chat = Omit<ChatRequest, 'model' | 'maxTokens' | 'stream' | 'timeoutMs' | 'signal'> & {
  maxTokens?: number;
};

/** First wait between retries when the server gave no Retry-After; doubles each time. */
const BACKOFF_MS = 200;

export class ModelCaller {
  readonly config: LlmConfig;
  readonly accounting: Accounting;
  readonly breakers: Breakers;
  readonly retryBudget: RetryBudget;
  readonly #providers = new Map<string, Provider>();

  constructor(config: LlmConfig, db: IntelDb, now: () => number = Date.now, retryBudget = new RetryBudget()) {
    this.config = config;
    this.accounting = new Accounting(db, now);
    this.breakers = new Breakers(db, config.breaker, now);
    this.retryBudget = retryBudget;
    for (const [name, p] of config.providers) this.#providers.set(name, createProvider(p));
  }

  /**
   * The model's answer, or undefined when it could not give one (circuit open, failures past
   * the budget, out of time). Throws only when the caller's signal aborted.
   */
  async call(model: ModelConfig, chat: Chat, o: CallOptions): Promise<ChatResult | undefined> {
    const label = `${model.role} model ${model.model}`;
    const provider = this.#providers.get(model.provider)!;
    const timeoutMs = this.config.providers.get(model.provider)!.timeoutMs;
    this.retryBudget.request();
    for (let attempt = 0; ; attempt++) {
      if (!this.breakers.allow(model.provider)) {
        o.trail.push(`${label}: skipped, the circuit for provider '${model.provider}' is open`);
        return undefined;
      }
      const left = o.budget.remainingMs();
      if (left === 0) {
        o.trail.push(`${label}: skipped, the translation is out of time`);
        return undefined;
      }
      const started = performance.now();
      try {
        const answer = await provider.chat({
          ...chat,
          model: model.model,
          maxTokens: Math.min(chat.maxTokens ?? model.maxTokens, model.maxTokens),
          stream: model.stream,
          timeoutMs: Math.min(timeoutMs, left),
          signal: o.signal,
        });
        this.breakers.success(model.provider);
        const costUsd = costOf(answer.usage, model.price);
        this.#account(model, o, started, answer.usage, costUsd);
        if (o.spent) {
          o.spent.input += answer.usage.input;
          o.spent.output += answer.usage.output;
          o.spent.costUsd += costUsd;
        }
        return answer;
      } catch (error) {
        if (!(error instanceof LlmError)) throw error;
        this.#account(model, o, started, { input: 0, output: 0, estimated: false }, 0, error);
        if (error.kind === 'aborted') throw error;
        this.breakers.failure(model.provider);
        o.trail.push(`${label}: ${error.kind}: ${error.message}`);
        const wait = this.#retryWait(error, attempt, o.budget);
        if (wait === undefined) return undefined;
        if (typeof wait === 'string') {
          o.trail.push(`${label}: ${wait}`);
          return undefined;
        }
        await sleep(wait, undefined, { signal: o.signal });
      }
    }
  }

  /** How long to wait before retrying, undefined for no retry, or a reason not to wait. */
  #retryWait(error: LlmError, attempt: number, budget: AttemptBudget): number | string | undefined {
    // A timeout has already cost a full deadline: the next model is the better bet.
    if (!error.retryable || error.kind === 'timeout') return undefined;
    if (attempt >= this.config.retries.perModel) return undefined;
    const wait = error.retryAfterMs ?? BACKOFF_MS * 2 ** attempt;
    if (wait > this.config.retries.maxWaitMs) {
      return `not waiting ${Math.ceil(wait / 1000)} s for it (retries.maxWaitMs is ${this.config.retries.maxWaitMs} ms)`;
    }
    if (wait >= budget.remainingMs()) return 'no time left to wait for a retry';
    if (!budget.takeRetry()) return 'the retry budget of this request is spent';
    if (!this.retryBudget.tryRetry()) return 'the retry budget of this process is spent';
    return wait;
  }

  /** Takes one retry for a reason other than transport (an invalid plan to repair). */
  retryAllowed(attempt: number, budget: AttemptBudget): boolean {
    return attempt < this.config.retries.perModel && budget.takeRetry() && this.retryBudget.tryRetry();
  }

  #account(
    model: ModelConfig,
    o: CallOptions,
    started: number,
    usage: ChatResult['usage'],
    costUsd: number,
    error?: LlmError,
  ): void {
    this.accounting.record({
      purpose: o.purpose,
      provider: model.provider,
      model: model.model,
      role: model.role,
      usage,
      costUsd,
      latencyMs: performance.now() - started,
      ok: error === undefined,
      error: error ? `${error.kind}: ${error.message}`.slice(0, 300) : undefined,
      pid: o.pid,
    });
  }
}
