/**
 * One attempt at a provider: wait for its learnt concurrency and Retry-After (a permit from
 * the CapacityLearner), send, and tell the learner what happened (answered, refused with 429,
 * or ended otherwise). The same steps run on the LLM client thread (client-worker.ts) for
 * agents' requests, and in the caller's own thread for a ModelCaller with a local learner.
 *
 * @example
 * const outcome = await attempt(provider, learner, { key, cost, rank, chat, deadlineMs: 30_000 }, signal);
 * if (outcome.kind === 'answer') use(outcome.answer);
 */
import type { CapacityLearner } from './capacity.ts';
import { type ChatRequest, type ChatResult, LlmError, type Provider } from './providers/types.ts';

/** What an attempt is given: the request and where it waits among others for the provider. */
export interface AttemptInput {
  /** provider/model: the learner's key. */
  key: string;
  /** Tokens charged at admission (prompt estimate + max tokens). */
  cost: number;
  /** The caller's class rank, lowest first, for the wait for a provider's slot. */
  rank?: number;
  /** The request without its signal or callbacks; timeoutMs is the provider's own deadline. */
  chat: Omit<ChatRequest, 'signal' | 'onText' | 'onAdmitted'>;
  /** Ms from now within which the whole attempt, its wait included, must end. */
  deadlineMs: number;
}

/**
 * How an attempt ended. `partial` is the text streamed before an error; `waitedMs` how long it
 * waited for the provider's slot before it was sent.
 */
export type Outcome =
  | { kind: 'answer'; answer: ChatResult; waitedMs: number }
  | { kind: 'error'; error: LlmError; partial: string; waitedMs: number }
  | { kind: 'out_of_time' };

export interface AttemptHooks {
  /** Stops this attempt for a more urgent one waiting for the provider's slot. */
  preempt?: () => void;
  /** Each piece of text as it streams in. */
  onText?: (delta: string) => void;
}

/**
 * Runs one attempt. Throws only what is not an LlmError (a bug); an abort of `signal` ends it
 * as an 'aborted' error (or before it was sent, with the signal's reason thrown).
 */
export async function attempt(
  provider: Provider,
  learner: CapacityLearner | undefined,
  input: AttemptInput,
  signal?: AbortSignal,
  hooks: AttemptHooks = {},
): Promise<Outcome> {
  const until = performance.now() + input.deadlineMs;
  let permit: Awaited<ReturnType<CapacityLearner['acquire']>> | undefined;
  if (learner) {
    const deadline = AbortSignal.timeout(Math.max(1, Math.ceil(input.deadlineMs)));
    try {
      permit = await learner.acquire(input.key, input.cost, {
        signal: signal ? AbortSignal.any([signal, deadline]) : deadline,
        rank: input.rank,
        preempt: hooks.preempt,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      return { kind: 'out_of_time' };
    }
  }
  const started = performance.now();
  const waitedMs = started - (until - input.deadlineMs);
  let partial = '';
  try {
    const answer = await provider.chat({
      ...input.chat,
      timeoutMs: Math.max(1, Math.min(input.chat.timeoutMs, until - started)),
      signal,
      onAdmitted: permit ? (limits) => learner!.admitted(permit!, limits) : undefined,
      onText: (delta) => {
        partial += delta;
        hooks.onText?.(delta);
      },
    });
    if (permit) learner!.success(permit, { msPerToken: msPerToken(answer, started), limits: answer.limits });
    return { kind: 'answer', answer, waitedMs };
  } catch (error) {
    if (permit && error instanceof LlmError && error.kind === 'rate_limit')
      learner!.rateLimited(permit, error);
    else if (permit)
      learner!.released(permit, { hungUp: error instanceof LlmError && error.kind === 'aborted' });
    if (!(error instanceof LlmError)) throw error;
    return { kind: 'error', error, partial, waitedMs };
  }
}

/** Answers shorter than this say too little of a provider's speed (overheads dominate). */
const LATENCY_MIN_TOKENS = 32;

/**
 * Ms per generated token over the whole call, for answers long enough to tell: the decode
 * rate is what a loaded server loses (streams arrive in chunks, so their inner timing is not).
 */
function msPerToken(answer: ChatResult, started: number): number | undefined {
  const out = answer.usage.output;
  if (out < LATENCY_MIN_TOKENS || answer.usage.estimated) return undefined;
  return (performance.now() - started) / out;
}
