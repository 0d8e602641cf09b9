/**
 * The workload of bench/llm.bench.ts, its two contenders that call the provider directly
 * (uncontrolled, FIFO) and the figures every contender is judged by.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { RateLimitedProvider } from '../test/helpers/rate-limited-provider.ts';
import { percentile } from './lib.ts';

export type Kind = 'interactive' | 'realtime' | 'batch';

export interface Call {
  prompt: string;
  maxTokens: number;
}

export interface AgentPlan {
  id: number;
  kind: Kind;
  weight: number;
  /** Wait before the first call and between calls, in ms. */
  startMs: number;
  thinkMs: number;
  deadlineMs?: number;
  calls: Call[];
}

export interface Load {
  agents: AgentPlan[];
  requests: { agent: number; prompt: number; maxTokens: number }[];
  counts: Record<Kind, number>;
  perAgent: number;
  deadlineMs: number;
  slots: number;
}

/** One request as an agent saw it: times in ms from the contender's start. */
export interface Done {
  agent: number;
  at: number;
  end: number;
  /** Tokens in the answer it received. */
  tokens: number;
  failed?: string;
}

const SHAPE: Record<Kind, { prompt: number; maxTokens: number }> = {
  interactive: { prompt: 50, maxTokens: 16 },
  realtime: { prompt: 30, maxTokens: 8 },
  batch: { prompt: 100, maxTokens: 64 },
};
const DEADLINE_MS = 250;

/** 10% interactive, 10% real-time with deadlines, 80% batch at weights 1, 2, 4; deterministic. */
export function workload(o: { agents: number; requests: number; slots?: number }): Load {
  const slots = o.slots ?? 8;
  const kinds: Kind[] = [];
  for (let i = 0; i < o.agents; i++)
    kinds.push(i % 10 === 0 ? 'interactive' : i % 10 === 5 ? 'realtime' : 'batch');
  const batch = kinds.filter((k) => k === 'batch').length;
  // The batch work alone keeps the slots busy this long; the others spread their calls over
  // most of it, as people and periodic jobs would.
  const busyMs = (batch * o.requests * (SHAPE.batch.prompt * 0.02 + SHAPE.batch.maxTokens)) / slots;
  const think = Math.max(50, Math.round((0.6 * busyMs) / o.requests));
  let batchIndex = 0;
  const agents = kinds.map((kind, id): AgentPlan => {
    const shape = SHAPE[kind];
    const calls = Array.from({ length: o.requests }, (_, n) => ({
      prompt: `${kind} ${id} ${n} `.padEnd(shape.prompt * 4, 'abc '),
      maxTokens: shape.maxTokens,
    }));
    return {
      id,
      kind,
      weight: kind === 'batch' ? [1, 2, 4][batchIndex++ % 3] : 1,
      startMs: kind === 'batch' ? 0 : (id * 37) % think,
      thinkMs: kind === 'batch' ? 0 : think,
      deadlineMs: kind === 'realtime' ? DEADLINE_MS : undefined,
      calls,
    };
  });
  return {
    agents,
    requests: agents.flatMap((a) =>
      a.calls.map((c) => ({ agent: a.id, prompt: c.prompt.length / 4, maxTokens: c.maxTokens })),
    ),
    counts: {
      interactive: kinds.filter((k) => k === 'interactive').length,
      realtime: kinds.filter((k) => k === 'realtime').length,
      batch,
    },
    perAgent: o.requests,
    deadlineMs: DEADLINE_MS,
    slots,
  };
}

/**
 * Every agent calls the provider itself with the OpenAI client's retry rules, retrying until
 * it has its answer; 'fifo' first queues each call in one FIFO capped at the provider's slots.
 */
export async function runDirect(
  load: Load,
  url: string,
  mode: 'uncontrolled' | 'fifo',
  scale: number,
): Promise<Done[]> {
  const t0 = performance.now();
  const done: Done[] = [];
  const gate = mode === 'fifo' ? new Fifo(load.slots) : undefined;
  await Promise.all(
    load.agents.map(async (a) => {
      if (a.startMs > 0) await sleep(a.startMs);
      for (const call of a.calls) {
        const at = performance.now() - t0;
        let tokens = 0;
        let failed: string | undefined = 'never answered';
        // The agent's own retry: the client gave up, so it asks again (bounded).
        for (let attempt = 0; attempt < 1000 && failed !== undefined; attempt++) {
          await gate?.acquire();
          try {
            tokens = await openAiClientCall(url, call, scale);
            failed = undefined;
          } catch (error) {
            failed = (error as Error).message;
          } finally {
            gate?.release();
          }
        }
        done.push({ agent: a.id, at, end: performance.now() - t0, tokens, failed });
        if (a.thinkMs > 0) await sleep(a.thinkMs);
      }
    }),
  );
  return done;
}

const RETRYABLE = new Set([408, 409, 429]);

/**
 * One call as openai-node makes it (its defaults): up to 2 retries on 408, 409, 429, 5xx and
 * connection errors (x-should-retry decides first); the wait is retry-after-ms, else
 * Retry-After (seconds or a date), when 0 < it < 60 s; otherwise 0.5 s × 2^retries capped at
 * 8 s, less up to 25% jitter, scaled here like every other time. Returns the answer's tokens.
 */
async function openAiClientCall(url: string, call: Call, scale: number): Promise<number> {
  const maxRetries = 2;
  for (let retriesRemaining = maxRetries; ; retriesRemaining--) {
    let res: Response | undefined;
    let error: unknown;
    try {
      res = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'bench-model',
          messages: [{ role: 'user', content: call.prompt }],
          max_tokens: call.maxTokens,
          stream: true,
        }),
      });
      if (res.ok) {
        const text = await res.text();
        if (!text.includes('data: [DONE]')) throw new Error('the stream ended early');
        return text.split('tok ').length - 1;
      }
      await res.arrayBuffer();
    } catch (e) {
      error = e;
      res = undefined;
    }
    const should = res?.headers.get('x-should-retry');
    const retry =
      should === 'true' ||
      (should !== 'false' && (res === undefined || RETRYABLE.has(res.status) || res.status >= 500));
    if (!retry || retriesRemaining <= 0) {
      throw new Error(res ? `HTTP ${res.status}` : `connection error: ${(error as Error)?.message}`);
    }
    let wait: number | undefined;
    const ms = Number.parseFloat(res?.headers.get('retry-after-ms') ?? '');
    if (!Number.isNaN(ms)) wait = ms;
    const after = res?.headers.get('retry-after');
    if (after && !wait) {
      const seconds = Number.parseFloat(after);
      wait = Number.isNaN(seconds) ? Date.parse(after) - Date.now() : seconds * 1000;
    }
    if (!(wait && wait >= 0 && wait < 60_000)) {
      const sleepSeconds = Math.min(0.5 * 2 ** (maxRetries - retriesRemaining), 8);
      wait = (sleepSeconds * (1 - Math.random() * 0.25) * 1000) / scale;
    }
    await sleep(wait);
  }
}

/** First come, first served, at most `cap` at once. */
class Fifo {
  #free: number;
  readonly #waiting: (() => void)[] = [];

  constructor(cap: number) {
    this.#free = cap;
  }

  async acquire(): Promise<void> {
    if (this.#free > 0) {
      this.#free--;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#free++;
  }
}

export interface Summary {
  name: string;
  total: number;
  completed: number;
  failed: number;
  makespanMs: number;
  perMin: number;
  tokensPerSec: number;
  capacityMs: number;
  share: number;
  rejected: number;
  wasted: number;
  interactiveP50: number;
  interactiveP99: number;
  realtimeCalls: number;
  deadlineMisses: number;
  jain: number;
  /** Mean service of weight 1, 2 and 4 batch agents over weight 1's. */
  shares: [number, number, number];
  learnt: string;
}

export function summarise(
  name: string,
  load: Load,
  done: Done[],
  provider: Pick<RateLimitedProvider, 'serviceMs' | 'stats'> & { options: { slots: number } },
  learnt = '',
): Summary {
  const ok = done.filter((d) => d.failed === undefined);
  const makespanMs = Math.max(...done.map((d) => d.end));
  const received = ok.reduce((n, d) => n + d.tokens, 0);
  const capacityMs =
    load.requests.reduce((n, r) => n + provider.serviceMs(r.prompt, r.maxTokens), 0) / provider.options.slots;
  const byAgent = new Map(load.agents.map((a) => [a.id, a]));
  const of = (kind: Kind) => done.filter((d) => byAgent.get(d.agent)!.kind === kind);
  const interactive = of('interactive').map((d) => d.end - d.at);
  const realtime = of('realtime');
  const batch = load.agents.filter((a) => a.kind === 'batch');
  const lastEnd = new Map<number, number>();
  for (const d of done) lastEnd.set(d.agent, Math.max(lastEnd.get(d.agent) ?? 0, d.end));
  // Everyone is backlogged until the first batch agent is through: service up to then. A call
  // still being generated at that moment counts for the part generated (the provider decodes
  // at a steady rate over the end of its service time): counting whole answers only would
  // measure where each agent happened to be in its 64-token answer, not its share.
  const cutoff = Math.min(...batch.map((a) => lastEnd.get(a.id) ?? Infinity));
  const shape = new Map(load.requests.map((r) => [r.agent, r]));
  const served = new Map<number, number>();
  for (const d of ok) {
    const r = shape.get(d.agent)!;
    const decodeMs = provider.serviceMs(0, r.maxTokens);
    const part = Math.min(1, Math.max(0, (cutoff - (d.end - decodeMs)) / decodeMs));
    served.set(d.agent, (served.get(d.agent) ?? 0) + d.tokens * part);
  }
  const group = (w: number) => batch.filter((a) => a.weight === w).map((a) => served.get(a.id) ?? 0);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const groups = [group(1), group(2), group(4)];
  if (process.env.BENCH_LLM_DEBUG) {
    const st = provider.stats;
    process.stderr.write(
      `${name}: slots occupied ${((100 * st.occupiedMs) / (provider.options.slots * makespanMs)).toFixed(0)}% of the run, service took ${(st.occupiedMs / st.serviceMs).toFixed(2)}× the model's\n`,
    );
    process.stderr.write(`${name} cutoff ${cutoff}: ${JSON.stringify(groups)}\n`);
  }
  return {
    name,
    total: load.requests.length,
    completed: ok.length,
    failed: done.length - ok.length,
    makespanMs,
    perMin: ok.length / (makespanMs / 60_000),
    tokensPerSec: received / (makespanMs / 1000),
    capacityMs,
    share: capacityMs / makespanMs,
    rejected: provider.stats.rejected,
    wasted: provider.stats.outputTokens + provider.stats.wastedTokens - received,
    interactiveP50: percentile(interactive, 50),
    interactiveP99: percentile(interactive, 99),
    realtimeCalls: realtime.length,
    deadlineMisses: realtime.filter((d) => d.failed !== undefined || d.end - d.at > load.deadlineMs).length,
    jain: Math.min(...groups.map(jain)),
    shares: [1, mean(groups[1]) / mean(groups[0]), mean(groups[2]) / mean(groups[0])],
    learnt,
  };
}

/** Jain's fairness index: 1 when all are equal, 1/n when one has everything. */
export function jain(xs: number[]): number {
  const sum = xs.reduce((a, b) => a + b, 0);
  const squares = xs.reduce((a, b) => a + b * b, 0);
  return squares === 0 ? 1 : (sum * sum) / (xs.length * squares);
}
