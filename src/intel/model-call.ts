/**
 * One model call done properly: the provider's circuit breaker is asked first and told the
 * result; transport failures worth it (5xx, network, malformed answers) are retried within
 * the attempt budget, the process-wide retry budget and the translation's deadline; a 429 is
 * back-pressure, not failure: it never counts against the breaker or those budgets, and is
 * sent again after its Retry-After (never longer than maxWaitMs, at most
 * LLM_RATE_LIMIT_RETRIES times, within the deadline). With a CapacityLearner, or the LLM client
 * thread that holds one (agents' requests), each attempt waits for the provider's learnt
 * concurrency and Retry-After and tells it what happened (attempt.ts).
 * Every call, good or bad, is accounted per model with its tokens and cost.
 *
 * @example
 * const caller = new ModelCaller(config, db);
 * const answer = await caller.call(config.models.cheap!, chat, { budget, trail, purpose: 'translate' });
 * // undefined: this model gave no answer in time; the cascade moves on
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { PARAMS } from '../kernel/params.ts';
import { Accounting, costOf } from './accounting.ts';
import { type AttemptInput, attempt, type Outcome } from './attempt.ts';
import { Breakers } from './breaker.ts';
import type { CapacityLearner } from './capacity.ts';
import type { LlmClientThread } from './client-thread.ts';
import type { LlmConfig, ModelConfig } from './config.ts';
import type { IntelDb } from './db.ts';
import { createProvider } from './providers/index.ts';
import {
  type ChatRequest,
  type ChatResult,
  estimateTokens,
  type LlmError,
  type Provider,
} from './providers/types.ts';
import { type AttemptBudget, RetryBudget } from './retry-budget.ts';

export interface CallOptions {
  budget: AttemptBudget;
  /** Lines describing what happened, appended to. */
  trail: string[];
  purpose: 'translate' | 'generate';
  pid?: number;
  signal?: AbortSignal;
  /** Order among calls waiting for a provider's slot, lowest first (the caller's class). */
  rank?: number;
  /** Stops this call for a more urgent one waiting for the provider's slot (see CapacityLearner.acquire). */
  preempt?: () => void;
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
  readonly capacity: CapacityLearner | undefined;
  readonly #client: LlmClientThread | undefined;
  readonly #providers: Map<string, Provider>;

  constructor(
    config: LlmConfig,
    db: IntelDb,
    now: () => number = Date.now,
    retryBudget = new RetryBudget(),
    shared: { capacity?: CapacityLearner; client?: LlmClientThread; providers?: Map<string, Provider> } = {},
  ) {
    this.config = config;
    this.accounting = new Accounting(db, now);
    this.breakers = new Breakers(db, config.breaker, now);
    this.retryBudget = retryBudget;
    this.capacity = shared.capacity;
    this.#client = shared.client;
    this.#providers = shared.providers ?? providersOf(config);
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
    const key = `${model.provider}/${model.model}`;
    const maxTokens = Math.min(chat.maxTokens ?? model.maxTokens, model.maxTokens);
    const cost =
      estimateTokens(`${chat.system ?? ''}${chat.messages.map((m) => m.content).join('')}`) + maxTokens;
    let limited = 0;
    for (let attempt = 0; ; ) {
      if (!this.breakers.allow(model.provider)) {
        o.trail.push(`${label}: skipped, the circuit for provider '${model.provider}' is open`);
        return undefined;
      }
      const left = o.budget.remainingMs();
      if (left === 0) {
        o.trail.push(`${label}: skipped, the translation is out of time`);
        return undefined;
      }
      let streamed = 0;
      const started = performance.now();
      const outcome = await this.#attempt(
        provider,
        model,
        { key, cost, maxTokens, timeoutMs, chat },
        o,
        (delta) => {
          streamed += delta.length;
          chat.onText?.(delta);
        },
      );
      if (outcome.kind === 'out_of_time') {
        o.trail.push(`${label}: skipped, the translation is out of time`);
        return undefined;
      }
      if (outcome.kind === 'answer') {
        const answer = outcome.answer;
        this.breakers.success(model.provider);
        const costUsd = costOf(answer.usage, model.price);
        this.#account(model, o, performance.now() - started - outcome.waitedMs, answer.usage, costUsd);
        if (o.spent) {
          o.spent.input += answer.usage.input;
          o.spent.output += answer.usage.output;
          o.spent.costUsd += costUsd;
        }
        return answer;
      }
      const error = outcome.error;
      // A generation stopped part way (preempted, or its agent ended) was still generated and
      // read up to there: the prompt and what streamed are accounted, as estimates.
      const stopped =
        error.kind === 'aborted' && streamed > 0
          ? { input: cost - maxTokens, output: Math.ceil(streamed / 4), estimated: true }
          : { input: 0, output: 0, estimated: false };
      const stoppedUsd = costOf(stopped, model.price);
      this.#account(model, o, performance.now() - started - outcome.waitedMs, stopped, stoppedUsd, error);
      if (o.spent) {
        o.spent.input += stopped.input;
        o.spent.output += stopped.output;
        o.spent.costUsd += stoppedUsd;
      }
      if (error.kind === 'aborted') throw error;
      if (error.kind === 'rate_limit') {
        o.trail.push(`${label}: ${error.kind}: ${error.message}`);
        const wait = this.#rateLimitWait(error, limited++, o.budget);
        if (typeof wait === 'string') {
          o.trail.push(`${label}: ${wait}`);
          return undefined;
        }
        // With a learner the wait happens at acquire(), for every request to this provider.
        if (!this.capacity) await sleep(wait, undefined, { signal: o.signal });
        continue;
      }
      if (error.countsAgainstProvider) this.breakers.failure(model.provider);
      o.trail.push(`${label}: ${error.kind}: ${error.message}`);
      const wait = this.#retryWait(error, attempt++, o.budget);
      if (wait === undefined) return undefined;
      if (typeof wait === 'string') {
        o.trail.push(`${label}: ${wait}`);
        return undefined;
      }
      await sleep(wait, undefined, { signal: o.signal });
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

  /** How long a 429 asks to wait, or why not to wait for it. */
  #rateLimitWait(error: LlmError, limited: number, budget: AttemptBudget): number | string {
    if (limited >= PARAMS.LLM_RATE_LIMIT_RETRIES) {
      return `rate limited ${limited + 1} times in a row; giving up on this model`;
    }
    const wait = error.retryAfterMs ?? BACKOFF_MS * 2 ** Math.min(limited, 5);
    if (wait > this.config.retries.maxWaitMs) {
      return `not waiting ${Math.ceil(wait / 1000)} s for it (retries.maxWaitMs is ${this.config.retries.maxWaitMs} ms)`;
    }
    if (wait >= budget.remainingMs()) return 'no time left to wait for a retry';
    return wait;
  }

  /**
   * One attempt: through the LLM client thread when there is one (agents' requests), else
   * here, waiting for the local learner's permit when there is one.
   */
  #attempt(
    provider: Provider,
    model: ModelConfig,
    r: { key: string; cost: number; maxTokens: number; timeoutMs: number; chat: Chat },
    o: CallOptions,
    onText: (delta: string) => void,
  ): Promise<Outcome> {
    const { onText: _text, onAdmitted: _admitted, ...chat } = r.chat;
    const input: AttemptInput = {
      key: r.key,
      cost: r.cost,
      rank: o.rank,
      deadlineMs: o.budget.remainingMs(),
      chat: {
        ...chat,
        model: model.model,
        maxTokens: r.maxTokens,
        stream: model.stream,
        timeoutMs: r.timeoutMs,
      },
    };
    const hooks = { preempt: o.preempt, onText };
    if (this.#client) return this.#client.send(model.provider, input, { signal: o.signal, ...hooks });
    return attempt(provider, this.capacity, input, o.signal, hooks);
  }

  /** Takes one retry for a reason other than transport (an invalid plan to repair). */
  retryAllowed(attempt: number, budget: AttemptBudget): boolean {
    return attempt < this.config.retries.perModel && budget.takeRetry() && this.retryBudget.tryRetry();
  }

  #account(
    model: ModelConfig,
    o: CallOptions,
    latencyMs: number,
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
      latencyMs,
      ok: error === undefined,
      error: error ? `${error.kind}: ${error.message}`.slice(0, 300) : undefined,
      pid: o.pid,
    });
  }
}

/** One provider client per configured provider. */
export function providersOf(config: LlmConfig): Map<string, Provider> {
  const providers = new Map<string, Provider>();
  for (const [name, p] of config.providers) providers.set(name, createProvider(p));
  return providers;
}
