/**
 * Schemas of the API's requests and responses, shared by validation and the OpenAPI document.
 */
import { z } from 'zod';
import { DEFAULT_RESOURCES } from '../kernel/index.ts';
import { PARAMS } from '../kernel/params.ts';
import { RIGHT_GROUP_NAMES, RIGHT_NAMES } from '../kernel/rights.ts';
import { SPAWN_TIERS } from '../kernel/runtimes.ts';
import { parseScope, SCOPE_PATTERN, SCOPE_WORDS } from '../kernel/scope.ts';

/** A right by name, as responses list them. */
export const Right = z.enum(RIGHT_NAMES);

const RIGHT_WORDS = [...RIGHT_NAMES, ...RIGHT_GROUP_NAMES].join('|');

/** Rights as requests name them: rights and groups, comma-separated (parseRights). */
export const RightsText = z
  .string()
  .min(1)
  .max(256)
  .regex(new RegExp(`^(${RIGHT_WORDS})(,(${RIGHT_WORDS}))*$`), {
    message: `rights are comma-separated names: ${RIGHT_WORDS.replaceAll('|', ', ')}`,
  });

/** What a token or a grant may name: the system or one of the scheduled resources. */
export const RESOURCE_NAMES = ['system', ...DEFAULT_RESOURCES.map((r) => r.name)] as [string, ...string[]];
const RESOURCE_WORDS = RESOURCE_NAMES.filter((r) => r !== 'system').join('|');

/** A token's scope, in the kernel's grammar (kernel/scope.ts), naming a resource this system has. */
export const Scope = z
  .string()
  .regex(SCOPE_PATTERN, { message: `a scope is ${SCOPE_WORDS}` })
  .refine(
    (text) => {
      const scope = parseScope(text);
      return scope?.kind !== 'resource' || RESOURCE_NAMES.includes(scope.name);
    },
    { message: `a resource scope names one of: ${RESOURCE_WORDS.replaceAll('|', ', ')}` },
  );

export const Pid = z.coerce
  .number()
  .int()
  .min(1)
  .max(2 ** 31)
  .describe('Agent pid');

export const Quotas = z
  .object({
    memoryBytes: z
      .number()
      .int()
      .positive()
      .max(2 ** 30),
    cpuMsPerEpoch: z.number().positive(),
    ipcQueueDepth: z.number().int().min(1).max(65536),
    llmTokensPerMin: z.number().int().min(0),
    children: z.number().int().min(0),
  })
  .partial();

export const ExitStatus = z.object({
  code: z.number(),
  reason: z.string(),
  message: z.string().optional(),
  result: z.string().optional(),
});

const EarlierBoot = z
  .literal(true)
  .optional()
  .describe('Recorded by an earlier boot of aios (its usage is not kept); absent for this boot’s agents');

export const Agent = z.object({
  pid: z.number(),
  parent: z.number(),
  name: z.string(),
  image: z.object({ ref: z.string(), hash: z.string() }),
  runtime: z.string(),
  state: z.enum(['spawning', 'running', 'blocked', 'suspended', 'exited', 'crashed']),
  schedClass: z.enum(['realtime', 'normal', 'batch']),
  weight: z.number(),
  deadlineMs: z.number().nullable(),
  quotas: z.object({
    memoryBytes: z.number(),
    cpuMsPerEpoch: z.number(),
    ipcQueueDepth: z.number(),
    llmTokensPerMin: z.number(),
    children: z.number(),
  }),
  usage: z.object({
    memoryBytes: z.number(),
    cpuMsThisEpoch: z.number(),
    cpuMsTotal: z.number(),
    llmTokensThisMinute: z.number(),
    llmMinuteStart: z.number(),
    syscalls: z.number(),
    denied: z.number(),
    messagesSent: z.number(),
    bytesSent: z.number(),
    llmTokens: z.number().describe('Tokens of its answered LLM calls, prompt and completion'),
    llmCostUsd: z.number().describe('What its LLM calls cost, in USD, at the configured prices'),
  }),
  handles: z.number(),
  children: z.array(z.number()),
  createdAt: z.number(),
  exit: ExitStatus.nullable(),
  labels: z.record(z.string(), z.string()),
  earlierBoot: EarlierBoot,
});

/** What GET /v1/agents lists for each agent (GET /v1/agents/:pid, or ?view=full, has the rest). */
export const AgentSummary = z.object({
  pid: z.number(),
  parent: z.number(),
  name: z.string(),
  runtime: z.string(),
  state: Agent.shape.state,
  schedClass: Agent.shape.schedClass,
  createdAt: z.number(),
  usage: z.object({
    memoryBytes: z.number(),
    cpuMsTotal: z.number(),
    syscalls: z.number(),
    messagesSent: z.number(),
    llmTokens: z.number(),
    llmCostUsd: z.number(),
  }),
  exit: ExitStatus.nullable(),
  labels: z.record(z.string(), z.string()).optional().describe('Absent when every label is empty'),
  earlierBoot: EarlierBoot,
});

export const AgentListQuery = z.object({
  view: z
    .enum(['summary', 'full'])
    .default('summary')
    .describe('summary (default): what a table shows; full: every field, as GET /v1/agents/:pid'),
});

export const SpawnRequest = z
  .object({
    file: z
      .string()
      .min(1)
      .max(4096)
      .regex(/\.(ts|js|mjs|wasm)$/, { message: 'an agent file ends in .ts, .js, .mjs or .wasm' })
      .describe('Path of the agent file on the aios host (.ts, .js, .mjs or .wasm)'),
    runtime: z.enum(SPAWN_TIERS).optional(),
    name: z.string().max(128).optional(),
    schedClass: z.enum(['realtime', 'normal', 'batch']).optional(),
    weight: z.number().int().min(1).max(1000).optional(),
    quotas: Quotas.optional(),
    grants: z
      .partialRecord(z.enum(RESOURCE_NAMES), RightsText)
      .optional()
      .describe('Resource name -> rights, e.g. { "llm": "use" }'),
    wait: z.boolean().optional().describe('Wait for the agent to end and return its exit status'),
    restart: z
      .enum(['permanent', 'transient', 'temporary'])
      .optional()
      .describe('Supervise it: a one-child tree restarts it by this restart type'),
    critical: z.boolean().optional().describe('With restart: keep a warm standby that takes over'),
    timeoutMs: z
      .number()
      .int()
      .min(1)
      .max(24 * 3600 * 1000)
      .optional(),
  })
  .strict();

export const SpawnResponse = z.object({
  pid: z.number(),
  exit: ExitStatus.optional(),
  supervisor: z.string().optional().describe('Name of the tree supervising it'),
});

export const MintRequest = z
  .object({
    rights: RightsText.describe('Comma-separated rights or groups, e.g. "inspect,manage"'),
    scope: Scope.optional().describe(`${SCOPE_WORDS} (default system)`),
    agentId: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31)
      .optional()
      .describe('0 (default) for a bearer token; else only that agent may redeem it'),
    ttlMs: z
      .number()
      .int()
      .min(1)
      .max(PARAMS.TOKEN_TTL_MAX_MS)
      .optional()
      .describe(
        `Lifetime in ms (default ${PARAMS.TOKEN_TTL_DEFAULT_MS}, at most ${PARAMS.TOKEN_TTL_MAX_MS})`,
      ),
  })
  .strict();

export const MintResponse = z.object({ token: z.string(), tokenId: z.string(), expiresAt: z.number() });

export const TokenRecord = z.object({
  tokenId: z.string(),
  agentId: z.number(),
  rights: z.array(Right),
  scope: z.string(),
  issuedAt: z.number(),
  expiresAt: z.number(),
  revoked: z.boolean(),
  mintedBy: z.string().nullable().describe('The token it was minted under; revoking that one revokes it too'),
});

export const AuditPageQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(5000).default(100),
});

export const VerifyReport = z.object({
  ok: z.boolean(),
  entries: z.number(),
  seals: z.number().describe('Seals (signed entries) checked'),
  headSeq: z.number(),
  headHash: z.string(),
  sealedSeq: z.number().describe('Seq of the last seal'),
  unsealed: z.number().describe('Entries after the last seal: chained but unsigned'),
  firstBad: z.object({ seq: z.number(), line: z.number(), reason: z.string() }).optional(),
  ms: z.number(),
});

export const Ok = z.object({ ok: z.literal(true) });

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().optional().describe('Kernel error code, e.g. E_NO_RIGHTS'),
    field: z.string().optional().describe('The request field at fault, e.g. body.rights'),
  })
  .describe('An error (RFC 9457 problem details)');

export const LoginRequest = z
  .object({ code: z.string().min(1).max(128).describe('The login code from the URL aios up printed') })
  .strict();

export const LoginResponse = z.object({
  token: z.string(),
  expiresAt: z.number(),
  rights: z.array(Right),
});

export const IpcStats = z.object({
  messages: z.number().describe('Messages written since boot'),
  bytes: z.number().describe('Payload bytes written since boot'),
  messagesPerSec: z.number(),
  bytesPerSec: z.number(),
  perAgent: z.array(
    z.object({ pid: z.number(), name: z.string(), messagesSent: z.number(), bytesSent: z.number() }),
  ),
});

export const StatsSample = z.object({
  cpu: z.object({
    process: z.number().describe('CPU of the aios process, % of one core'),
    host: z.number().describe('CPU of the machine, % of all cores'),
  }),
  memory: z.object({ rssBytes: z.number(), heapUsedBytes: z.number() }),
  agents: z.record(z.string(), z.number()),
  ipc: z.object({
    messages: z.number(),
    bytes: z.number(),
    messagesPerSec: z.number(),
    bytesPerSec: z.number(),
  }),
  resources: z.array(
    z.object({ name: z.string(), slots: z.number(), running: z.number(), waiting: z.number() }),
  ),
  auditHead: z.number(),
});

export const EventsQuery = z.object({
  topics: z
    .string()
    .regex(/^(lifecycle|sched|ipc|audit|stats)(,(lifecycle|sched|ipc|audit|stats))*$/, {
      message: 'topics is a comma-separated list of lifecycle, sched, ipc, audit, stats',
    })
    .optional()
    .describe('Topics to follow (default: all your token may see)'),
  after: z.coerce.number().int().min(0).optional().describe('Replay kept events after this id'),
});
