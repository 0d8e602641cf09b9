/**
 * Options shared by `aios spawn` and `aios run`, turned into a spawn request.
 */
import { resolve } from 'node:path';
import type { ParseArgsOptionsConfig } from 'node:util';
import { parseRights } from '../../kernel/rights.ts';
import { isSpawnTier, SPAWN_TIERS, type SpawnTier, tierList } from '../../kernel/runtimes.ts';
import { type CommandContext, intArg, UsageError } from '../command.ts';

export const SPAWN_OPTIONS: ParseArgsOptionsConfig = {
  runtime: { type: 'string' },
  name: { type: 'string' },
  class: { type: 'string' },
  weight: { type: 'string' },
  grant: { type: 'string', multiple: true },
  mem: { type: 'string' },
  'cpu-ms': { type: 'string' },
  'llm-tokens': { type: 'string' },
};

export const SPAWN_HELP = `  --runtime R     isolate (default for .ts .js .mjs), wasm (default for .wasm), process
                  (a child process, for trusted agents needing npm packages) or builtin
                  (unconfined); see docs/runtimes.md
  --name NAME     display name
  --class C       realtime, normal (default) or batch
  --weight N      fair-share weight, 1-1000
  --grant G       give the agent a handle: llm, tool, cpu or system, with rights after a
                  colon (--grant llm:use, --grant system:inspect,spawn); may repeat
  --mem MB        memory quota in MiB (at most 1024): heap limit and region pool
  --cpu-ms MS     CPU ms per scheduling epoch; also the longest the agent may compute
                  without yielding before it is stopped (default 200)
  --llm-tokens N  LLM tokens a minute the agent may ask for, prompt and answer together
                  (its budget; default 100000)`;

export interface SpawnRequest {
  file: string;
  runtime?: SpawnTier;
  name?: string;
  schedClass?: 'realtime' | 'normal' | 'batch';
  weight?: number;
  quotas?: { memoryBytes?: number; cpuMsPerEpoch?: number; llmTokensPerMin?: number };
  grants?: Record<string, string>;
}

const RESOURCES = ['llm', 'tool', 'cpu', 'system'];

export function spawnRequest(ctx: CommandContext, file: string): SpawnRequest {
  const v = ctx.values;
  const runtime = v.runtime as string | undefined;
  if (runtime !== undefined && !isSpawnTier(runtime)) {
    throw new UsageError(`--runtime must be ${tierList(SPAWN_TIERS)}, not '${runtime}'`);
  }
  const schedClass = v.class as string | undefined;
  if (schedClass !== undefined && !['realtime', 'normal', 'batch'].includes(schedClass)) {
    throw new UsageError(`--class must be realtime, normal or batch, not '${schedClass}'`);
  }
  const weight = intArg(v.weight, '--weight');
  if (weight !== undefined && weight > 1000) throw new UsageError('--weight must be at most 1000');
  const mem = intArg(v.mem, '--mem');
  if (mem !== undefined && mem > 1024) throw new UsageError('--mem must be at most 1024 (MiB)');
  const cpu = intArg(v['cpu-ms'], '--cpu-ms');
  const llmTokens = intArg(v['llm-tokens'], '--llm-tokens');
  const grants: Record<string, string> = {};
  for (const g of (v.grant as string[] | undefined) ?? []) {
    const [name, rights = name === 'system' ? 'inspect' : 'use'] = g.split(':');
    if (!RESOURCES.includes(name))
      throw new UsageError(`--grant names one of ${RESOURCES.join(', ')}, not '${name}'`);
    try {
      parseRights(rights);
    } catch (error) {
      throw new UsageError(`--grant ${g}: ${(error as Error).message}`);
    }
    grants[name] = rights;
  }
  const quotas: SpawnRequest['quotas'] = {};
  if (mem !== undefined) quotas.memoryBytes = mem * 1024 * 1024;
  if (cpu !== undefined) quotas.cpuMsPerEpoch = cpu;
  if (llmTokens !== undefined) quotas.llmTokensPerMin = llmTokens;
  return {
    file: resolve(file),
    runtime,
    name: v.name as string | undefined,
    schedClass: schedClass as SpawnRequest['schedClass'],
    weight,
    quotas: Object.keys(quotas).length ? quotas : undefined,
    grants: Object.keys(grants).length ? grants : undefined,
  };
}
