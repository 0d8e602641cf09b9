/**
 * The LLM executor for agents: what `os.llm.generate({prompt, system?, maxTokens?, model?})`
 * reaches through the host service 'llm', after the kernel's scheduler granted the request a
 * slot on the 'llm' resource. It validates the agent's payload, picks the model (named, or by
 * the router), falls back to the other model on failure, and accounts every call against the
 * agent's pid.
 *
 * @example
 * host.setExecutor('llm', await createLlmExecutor({ home, env: process.env }));
 * // in an agent: const { text, tokens } = await os.llm.generate({ prompt: 'Say hi' });
 */
import { z } from 'zod';
import { KernelError } from '../kernel/errors.ts';
import type { Agent } from '../kernel/index.ts';
import type { Executor } from '../runtime/host.ts';
import { type ExecutorContext, PREEMPTED, Preempted } from '../runtime/preempt.ts';
import { costOf } from './accounting.ts';
import type { KeyCapacity, LlmCapacity } from './capacity.ts';
import { LlmClientThread } from './client-thread.ts';
import { ConfigError, type LlmConfig, loadLlmConfig, type ModelConfig, ROLES } from './config.ts';
import { IntelDb } from './db.ts';
import { ModelCaller, providersOf } from './model-call.ts';
import { estimateTokens } from './providers/types.ts';
import { AttemptBudget, RetryBudget } from './retry-budget.ts';
import { routeOf } from './router.ts';

/** Order of the kernel's classes, for the wait for a provider's slot. */
const CLASS_RANK = { realtime: 0, normal: 1, batch: 2 } as const;

const GenerateSchema = z
  .object({
    prompt: z.string().min(1).max(400_000),
    system: z.string().max(100_000).optional(),
    maxTokens: z.number().int().min(1).max(200_000).optional(),
    model: z.string().min(1).max(200).optional(),
  })
  .strict();

export interface Generated {
  text: string;
  /** Tokens spent, prompt and completion together. */
  tokens: number;
  model: string;
  usage: { input: number; output: number };
  costUsd: number;
}

export interface ExecutorOptions {
  home: string;
  env: NodeJS.ProcessEnv;
  /** Already loaded configuration (otherwise read from home and env). */
  config?: LlmConfig;
  /** Told each time what the providers can serve changes: the host resizes the kernel's llm resource. */
  onCapacity?: (capacity: LlmCapacity) => void;
}

/**
 * The executor, what it has learnt of each provider (for ps, the API and tests), and the
 * thread its requests go out from.
 */
export type LlmExecutor = Executor & {
  readonly capacity: { snapshot(): KeyCapacity[] };
  readonly client: LlmClientThread;
  close(): void;
};

export async function createLlmExecutor(o: ExecutorOptions): Promise<LlmExecutor> {
  const config = o.config ?? loadLlmConfig(o.home, o.env);
  if (!config) throw new ConfigError('No LLM model is configured; set AIOS_LLM_MODEL or see docs/llm.md');
  const retryBudget = new RetryBudget();
  // Shared by every call: the thread that sends agents' requests, owns the connections to
  // the providers and learns what each can serve. It starts now, beside the host's boot.
  const client = new LlmClientThread([...config.providers.values()], { onCapacity: o.onCapacity });
  void client.thread;
  const providers = providersOf(config);
  const executor = async (agent: Agent, payload: unknown, context?: ExecutorContext): Promise<Generated> => {
    const parsed = GenerateSchema.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new KernelError(
        'E_BAD_ARG',
        `os.llm.generate: ${issue.path.join('.') || 'request'}: ${issue.message}`,
      );
    }
    const request = parsed.data;
    const models = modelsFor(config, request.model, request.prompt);
    // One connection for the executor's life: opening and closing per call made SQLite
    // checkpoint its WAL each time the last connection closed, on the event loop every agent
    // shares. After close() (the system shut down) a late call opens its own.
    const db = shared && !closed ? shared : IntelDb.open(o.home, config.retention);
    shared ??= closed ? undefined : db;
    try {
      const caller = new ModelCaller(config, db, Date.now, retryBudget, { client, providers });
      const slowest = Math.max(...models.map((m) => config.providers.get(m.provider)!.timeoutMs));
      const budget = new AttemptBudget(config.retries.total, slowest * 2 + config.retries.maxWaitMs);
      const trail: string[] = [];
      const resumeFrom = context?.resumeFrom ?? '';
      const spent = { input: 0, output: 0, costUsd: 0 };
      for (const model of models) {
        let partial = '';
        let answer: Awaited<ReturnType<ModelCaller['call']>>;
        try {
          answer = await caller.call(
            model,
            {
              system: request.system,
              // A preempted generation continues from its partial output (assistant prefill).
              messages: resumeFrom
                ? [
                    { role: 'user', content: request.prompt },
                    { role: 'assistant', content: resumeFrom },
                  ]
                : [{ role: 'user', content: request.prompt }],
              // What the preempted run generated counts against the length asked for.
              maxTokens:
                resumeFrom && request.maxTokens !== undefined
                  ? Math.max(1, request.maxTokens - estimateTokens(resumeFrom))
                  : request.maxTokens,
              onText: (delta) => {
                partial += delta;
              },
            },
            {
              budget,
              trail,
              purpose: 'generate',
              pid: agent.pid,
              signal: context?.signal,
              rank: CLASS_RANK[agent.schedClass],
              preempt: context?.preempt,
              spent,
            },
          );
        } catch (error) {
          if (context?.signal.reason === PREEMPTED) {
            throw new Preempted(resumeFrom + partial, Math.ceil(partial.length / 4), {
              tokens: spent.input + spent.output,
              costUsd: spent.costUsd,
            });
          }
          throw error;
        }
        if (!answer) continue;
        return {
          text: resumeFrom + answer.text,
          tokens: answer.usage.input + answer.usage.output,
          model: model.model,
          usage: { input: answer.usage.input, output: answer.usage.output },
          costUsd: costOf(answer.usage, model.price),
        };
      }
      const timedOut = trail.length > 0 && trail.every((t) => t.includes(': timeout:'));
      throw new KernelError(
        timedOut ? 'E_TIMED_OUT' : 'E_BAD_STATE',
        `No model answered: ${trail.join('; ')}`,
      );
    } finally {
      if (db !== shared) db.close();
    }
  };
  let shared: IntelDb | undefined;
  let closed = false;
  const close = () => {
    closed = true;
    client.close();
    shared?.close();
    shared = undefined;
  };
  return Object.assign(executor, { capacity: { snapshot: () => client.snapshot() }, client, close });
}

/** The named model only, or the routed one first and then the other. */
function modelsFor(config: LlmConfig, name: string | undefined, prompt: string): ModelConfig[] {
  const all = ROLES.map((r) => config.models[r]).filter((m): m is ModelConfig => m !== undefined);
  if (name !== undefined) {
    const named = all.find((m) => m.role === name || m.model === name);
    if (!named) {
      const known = [...new Set(all.flatMap((m) => [m.role, m.model]))].join(', ');
      throw new KernelError('E_NOT_FOUND', `No model '${name}' is configured; use one of ${known}`);
    }
    return [named];
  }
  // With one model there is nothing to route (the router reads the whole prompt).
  if (all.length === 1) return all;
  const first = routeOf(prompt, [], config.routerThreshold);
  return all.sort((a, b) => (a.role === first ? -1 : b.role === first ? 1 : 0));
}
