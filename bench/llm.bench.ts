/**
 * The LLM as a scheduled resource (issue 22): many agents share one rate-limited provider
 * (test/helpers/rate-limited-provider.ts: slots, a token budget counted at admission, 429 with
 * Retry-After and x-ratelimit-* headers, prefill + decode latency, streamed). Three contenders
 * in the same run, each against a fresh provider with the same limits and the same workload:
 *
 * 1. uncontrolled: every agent calls the provider directly with the official OpenAI client's
 *    retry rules (openai-node: 2 retries; on 408, 409, 429, 5xx and connection errors; waiting
 *    retry-after-ms or Retry-After when 0 < it < 60 s, else 0.5 s × 2^n capped at 8 s, less up
 *    to 25% jitter), reimplemented here (the `openai` package is not a dependency and adding it
 *    for its retry loop is not justified), and retries at agent level until it has its answer;
 * 2. FIFO: the same calls through one first-come-first-served queue capped at the provider's
 *    slot count;
 * 3. aios: real isolate agents calling os.llm.generate through the kernel's scheduler, the
 *    provider configured in config.json, nothing told of its limits.
 *
 * Time is scaled down: 1 ms per generated token here stands for 20 ms (50 tokens/s), so every
 * duration maps to real time ×20 (the provider's "minute" is 3 s). `--quick` (or
 * BENCH_LLM_QUICK=1) runs a smaller load: `node bench/llm.bench.ts --quick`. BENCH_LLM_ONLY=aios
 * runs one contender; BENCH_LLM_DEBUG=1 traces the kernel's llm resource and the fairness data,
 * and prints where each contender lost the provider's capacity (bench/llm-timeline.ts).
 */
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { boot } from '../src/boot.ts';
import { RIGHTS } from '../src/kernel/rights.ts';
import { core } from '../test/helpers/internals.ts';
import type { Arrival, ProviderOptions, ProviderStats } from '../test/helpers/rate-limited-provider.ts';
import { fmt, mdTable, type Section, verdict } from './lib.ts';
import { type Done, type Load, runDirect, type Summary, summarise, workload } from './llm-contenders.ts';
import { type Timeline, timeline } from './llm-timeline.ts';

const QUICK = process.argv.includes('--quick') || process.env.BENCH_LLM_QUICK === '1';
/** Real time per ms here. */
const SCALE = 20;
const SLOTS = 8;

export default async function llmBench(): Promise<Section> {
  const load = workload(QUICK ? { agents: 60, requests: 5 } : { agents: 200, requests: 10 });
  const provider = providerOptions(load);
  const results: Summary[] = [];
  const only = process.env.BENCH_LLM_ONLY;
  for (const name of ['uncontrolled', 'fifo', 'aios'] as const) {
    if (only && only !== name) continue;
    const p = await startProvider(provider);
    try {
      if (name === 'aios') {
        const { done, learnt } = await runAios(load, p.url);
        results.push(summarise(name, load, done, { ...p.model, stats: await p.stats() }, learnt));
      } else {
        const done = await runDirect(load, p.url, name, SCALE);
        results.push(summarise(name, load, done, { ...p.model, stats: await p.stats() }));
      }
      if (process.env.BENCH_LLM_DEBUG)
        process.stderr.write(`${name} timeline: ${JSON.stringify(await p.timeline())}\n`);
    } finally {
      p.close();
    }
    process.stderr.write(`llm bench: ${name} done\n`);
  }
  return section(load, results);
}

/** The provider in a child process: its url, its figures on request, and its cost model. */
async function startProvider(options: ProviderOptions) {
  const child = fork(join(import.meta.dirname, 'llm-provider-process.ts'), [JSON.stringify(options)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () => new Promise<Record<string, unknown>>((resolve) => child.once('message', resolve));
  const { url } = (await next()) as { url: string };
  const serviceMs = (p: number, c: number) => p * options.prefillMsPerToken! + c * options.decodeMsPerToken!;
  return {
    url,
    model: { serviceMs, options: { slots: options.slots } },
    async stats(): Promise<ProviderStats> {
      child.send('stats');
      return ((await next()) as { stats: ProviderStats }).stats;
    },
    async timeline(): Promise<Timeline> {
      child.send('timeline');
      const { arrivals, slots } = (await next()) as { arrivals: Arrival[]; slots: number };
      return timeline(arrivals, slots);
    },
    close: () => child.send('close'),
  };
}

/** Limits of the provider: SLOTS slots, and a token budget a little above what they serve. */
function providerOptions(load: Load): ProviderOptions {
  const decode = 1;
  const prefill = 0.02;
  const service = load.requests.reduce((n, r) => n + r.prompt * prefill + r.maxTokens * decode, 0);
  const tokens = load.requests.reduce((n, r) => n + r.prompt + r.maxTokens, 0);
  const minuteMs = 60_000 / SCALE;
  // The slots bound the run at service / SLOTS; the budget admits 10% more than that.
  const tokensPerMinute = Math.round(((tokens / (service / SLOTS)) * minuteMs * 1.1) / 1000) * 1000;
  return { slots: SLOTS, tokensPerMinute, prefillMsPerToken: prefill, decodeMsPerToken: decode, minuteMs };
}

/** aios: one isolate agent per workload agent, each asking through os.llm.generate. */
async function runAios(load: Load, url: string): Promise<{ done: Done[]; learnt: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'aios-bench-llm-'));
  const home = join(dir, 'aios');
  mkdirSync(home, { recursive: true });
  writeFileSync(
    join(home, 'config.json'),
    JSON.stringify({
      llm: {
        providers: { bench: { api: 'openai', baseUrl: `${url}/v1`, timeoutMs: 120_000 } },
        models: { strong: { provider: 'bench', model: 'bench-model', stream: true, maxTokens: 4096 } },
        retries: { maxWaitMs: 60_000 },
      },
    }),
  );
  const env = { AIOS_LLM: process.env.AIOS_LLM };
  delete process.env.AIOS_LLM;
  const system = await boot({ home });
  try {
    // Every agent waits for the same moment, so the spawning of 200 isolates is not measured
    // as scheduling (the other contenders' agents are plain async functions, ready at once).
    // On a loaded machine an isolate can take tens of ms to start: each agent reports when it
    // did, and the run says if any started after the moment.
    const t0 = Date.now() + 1000 + 40 * load.agents.length;
    const pids = load.agents.map((a) => {
      const file = join(dir, `agent-${a.id}.js`);
      writeFileSync(
        file,
        AGENT.replace(
          '__PLAN__',
          JSON.stringify({ id: a.id, go: t0, think: a.thinkMs, start: a.startMs, calls: a.calls }),
        ),
      );
      const { pid, handle } = system.host.spawnFile(file, {
        runtime: 'isolate',
        schedClass: a.kind === 'realtime' ? 'realtime' : a.kind === 'interactive' ? 'normal' : 'batch',
        weight: a.weight,
        deadlineMs: a.kind === 'realtime' ? a.deadlineMs : undefined,
        grants: { llm: RIGHTS.USE },
        quotas: { llmTokensPerMin: 10_000_000 },
      });
      system.kernel.syscall(1, 'handle_close', { handle });
      return pid;
    });
    const done: Done[] = [];
    const slots: number[] = [];
    let late = 0;
    const lag = monitorEventLoopDelay({ resolution: 1 });
    lag.enable();
    const watch = setInterval(() => {
      const llm = core(system)
        .scheduler.resources()
        .find((r) => r.name === 'llm')!;
      slots.push(llm.slots);
      if (process.env.BENCH_LLM_DEBUG) process.stderr.write(`${Date.now() - t0} ${JSON.stringify(llm)}\n`);
    }, 50);
    for (const pid of pids) {
      const exit = await system.host.exitOf(pid, 600_000);
      if (exit.reason !== 'normal')
        throw new Error(`bench agent ${pid} ended ${exit.reason}: ${exit.message}`);
      const r = JSON.parse(exit.result!) as {
        id: number;
        ready: number;
        calls: { at: number; end: number; tokens: number; error?: string }[];
      };
      if (r.ready > t0) late++;
      for (const c of r.calls)
        done.push({ agent: r.id, at: c.at - t0, end: c.end - t0, tokens: c.tokens, failed: c.error });
    }
    clearInterval(watch);
    lag.disable();
    if (process.env.BENCH_LLM_DEBUG)
      process.stderr.write(
        `aios host event loop delay: p50 ${(lag.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(lag.percentile(99) / 1e6).toFixed(1)} ms\n`,
      );
    const tail = slots.slice(Math.floor(slots.length / 2));
    const learnt = `llm slots over the second half of the run: ${Math.min(...tail)} to ${Math.max(...tail)}, against the provider's ${SLOTS}${late ? `; ${late} agents started after the common start` : ''}`;
    return { done, learnt };
  } finally {
    await system.shutdown();
    if (env.AIOS_LLM !== undefined) process.env.AIOS_LLM = env.AIOS_LLM;
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An agent's code: its calls in order, each after its think time; times by the shared clock. */
const AGENT = `export default async function (os) {
  const plan = __PLAN__;
  const ready = Date.now();
  const calls = [];
  const wait = plan.go - Date.now() + plan.start;
  if (wait > 0) await os.sleep(wait);
  for (const call of plan.calls) {
    const at = Date.now();
    try {
      const r = await os.llm.generate({ prompt: call.prompt, maxTokens: call.maxTokens });
      calls.push({ at, end: Date.now(), tokens: r.text.split('tok ').length - 1 });
    } catch (e) {
      calls.push({ at, end: Date.now(), tokens: 0, error: String(e.code || e.message) });
    }
    if (plan.think > 0) await os.sleep(plan.think);
  }
  return { id: plan.id, ready, calls };
}`;

function section(load: Load, results: Summary[]): Section {
  const aios = results.find((r) => r.name === 'aios') ?? results[0];
  const uncontrolled = results.find((r) => r.name === 'uncontrolled') ?? aios;
  const rows = results.map((r) => [
    r.name,
    `${r.completed}/${r.total}${r.failed ? ` (${r.failed} failed)` : ''}`,
    fmt(r.makespanMs / 1000, 2),
    fmt(r.perMin, 0),
    fmt(r.tokensPerSec, 0),
    `${fmt(r.share * 100, 0)}%`,
    r.rejected,
    r.wasted,
    `${fmt(r.interactiveP50, 0)} / ${fmt(r.interactiveP99, 0)}`,
    `${r.deadlineMisses}/${r.realtimeCalls}`,
    fmt(r.jain, 3),
    `1 : ${fmt(r.shares[1], 2)} : ${fmt(r.shares[2], 2)}`,
  ]);
  const targets = {
    'aios ≥ 90% of the provider’s capacity': aios.share >= 0.9,
    'aios goodput ≥ uncontrolled': aios.perMin >= uncontrolled.perMin,
    'aios interactive p99 ≤ 1/3 of uncontrolled’s': aios.interactiveP99 <= uncontrolled.interactiveP99 / 3,
    'aios interactive p99 ≤ 2 s real (100 ms here)': aios.interactiveP99 <= 2000 / SCALE,
    'aios: no failed request': aios.failed === 0 && aios.completed === aios.total,
    'aios: no deadline miss (feasible real-time load)': aios.deadlineMisses === 0,
    'aios: Jain ≥ 0.99 across equal weights': aios.jain >= 0.99,
  };
  const body = `${mdTable(
    [
      'contender',
      'completed',
      'makespan s',
      'goodput req/min',
      'useful tokens/s',
      'share of capacity',
      '429s',
      'wasted tokens',
      'interactive p50 / p99 ms',
      'real-time misses',
      'Jain (equal weights)',
      'shares at weights 1:2:4',
    ],
    rows,
  )}

${mdTable(
  ['target', 'verdict'],
  Object.entries(targets).map(([k, v]) => [k, verdict(v)]),
)}

${load.agents.length} agents (${load.counts.interactive} interactive, ${load.counts.realtime} real-time with a ${load.deadlineMs} ms deadline, ${load.counts.batch} batch at weights 1, 2 and 4) × ${load.perAgent} requests = ${load.requests.length} requests, against a provider with ${SLOTS} slots, a token budget counted at admission (prompt + max_tokens) and 1 ms per generated token (0.02 ms per prompt token); each contender gets a fresh provider with the same limits. Capacity is the provider's limit, the sum of the service times over its slots (${fmt(results[0].capacityMs / 1000, 2)} s for this load); a contender's share is that over its makespan. Goodput counts answers received whole; wasted tokens are generated by the provider but in no answer an agent received. Times are at the bench's scale: ×${SCALE} gives real time (1 ms per token here stands for 50 tokens/s). Jain is over the tokens each batch agent was served by the time the first one finished (an answer still streaming then counts for its part generated), within each weight group (the lowest of the three); shares are the groups' means over weight 1's (with 10 requests an agent this snapshot reads 1 : 1.67 : 3 for an exact weighted fair queue, every agent being served its first request at once: src/kernel/sched/fair-shares.test.ts). aios learnt the provider's concurrency (${aios.learnt}) from its answers alone.${QUICK ? ' (--quick run)' : ''}`;
  return { title: 'The LLM as a scheduled resource (issue 22)', body, verdicts: targets };
}

// `node bench/llm.bench.ts [--quick]` prints the section alone (npm run bench -- llm writes it
// to docs/BENCHMARKS.md; BENCH_LLM_QUICK=1 makes that run quick too).
if (process.argv[1] === import.meta.filename) {
  const { body } = await llmBench();
  process.stdout.write(`${body}\n`);
  process.exit(0);
}
