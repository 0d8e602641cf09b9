/**
 * aios as an MCP server (the official SDK): the agent operations, the audit, Atlas's catalog,
 * planning, running and undo, and every operation of the system services (`memory_search`, …,
 * derived from their declarations), as MCP tools. Every tool is a call of the HTTP
 * API made with the caller's own authority (the bearer token of the MCP request, or of
 * `aios mcp --token`), so each one is a kernel syscall checked against that token's rights
 * and written to the audit chain; a refused call comes back as a tool error naming why.
 *
 * @example
 * const server = createMcpServer(invoke);      // invoke = the API, as the caller
 * await server.connect(new StdioServerTransport());
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import pkg from '../../package.json' with { type: 'json' };
import { RISK } from '../kernel/risk.ts';
import type { ServiceDecl } from '../services/declare.ts';
import { PLAN_LIMITS } from '../services/planner/limits.ts';
import type { Invoke } from './invoke.ts';
import { requestOf } from './routes/services.ts';

export { type Invoke, invokeVia } from './invoke.ts';

export interface McpTool {
  name: string;
  title: string;
  description: string;
  input: z.ZodRawShape;
  /** The shape of the result, where it is a known object (a service operation's result schema). */
  output?: z.ZodRawShape;
  annotations: ToolAnnotations;
  /** The API call this tool makes: [method, path, body]. */
  call(args: Record<string, unknown>): [string, string, unknown?];
}

const pid = z.number().int().min(1).describe('Agent pid');
const READ: ToolAnnotations = { readOnlyHint: true, openWorldHint: false };
const CHANGE: ToolAnnotations = { readOnlyHint: false, destructiveHint: false, openWorldHint: false };
const DESTROY: ToolAnnotations = { readOnlyHint: false, destructiveHint: true, openWorldHint: false };

/** The agent, system and audit tools: each maps to one API route. */
export const SYSTEM_TOOLS: McpTool[] = [
  {
    name: 'system_status',
    title: 'System status',
    description: 'Kernel version, uptime, scheduler policy, number of agents and the audit head',
    input: {},
    annotations: READ,
    call: () => ['GET', '/v1/system'],
  },
  {
    name: 'agents_list',
    title: 'List agents',
    description: 'Every agent: pid, name, state, runtime, scheduling class, quotas and usage',
    input: {},
    annotations: READ,
    call: () => ['GET', '/v1/agents'],
  },
  {
    name: 'agent_get',
    title: 'Inspect an agent',
    description: 'One agent by pid: state, quotas, usage, children and exit status',
    input: { pid },
    annotations: READ,
    call: (a) => ['GET', `/v1/agents/${a.pid}`],
  },
  {
    name: 'agent_spawn',
    title: 'Start an agent',
    description:
      'Spawn an agent from a .ts, .js or .wasm file on the aios host; optionally wait for its result',
    input: {
      file: z.string().min(1).describe('Path of the agent file on the aios host'),
      name: z.string().max(128).optional(),
      grants: z.record(z.string(), z.string()).optional().describe('Resource -> rights, e.g. {"llm":"use"}'),
      wait: z.boolean().optional().describe('Wait for the agent to end and return its exit status'),
      timeoutMs: z.number().int().min(1).max(3_600_000).optional(),
    },
    annotations: CHANGE,
    call: (a) => ['POST', '/v1/agents', a],
  },
  {
    name: 'agent_kill',
    title: 'Kill an agent',
    description: 'End an agent at once (and its children unless they are reparented). Cannot be undone.',
    input: { pid },
    annotations: DESTROY,
    call: (a) => ['DELETE', `/v1/agents/${a.pid}`],
  },
  {
    name: 'agent_suspend',
    title: 'Suspend an agent',
    description: 'Pause an agent: its code stops and its requests leave the scheduler queues',
    input: { pid },
    annotations: CHANGE,
    call: (a) => ['POST', `/v1/agents/${a.pid}/suspend`],
  },
  {
    name: 'agent_resume',
    title: 'Resume an agent',
    description: 'Continue a suspended agent',
    input: { pid },
    annotations: CHANGE,
    call: (a) => ['POST', `/v1/agents/${a.pid}/resume`],
  },
  {
    name: 'scheduler_state',
    title: 'Scheduler state',
    description: 'Scheduled resources (LLM, tool, CPU): slots, running, waiting and rate tokens',
    input: {},
    annotations: READ,
    call: () => ['GET', '/v1/scheduler'],
  },
  {
    name: 'ipc_stats',
    title: 'IPC statistics',
    description: 'Messages and bytes sent since boot, current rates and the busiest senders',
    input: {},
    annotations: READ,
    call: () => ['GET', '/v1/ipc'],
  },
  {
    name: 'audit_page',
    title: 'Read the audit log',
    description: 'Audit entries after a sequence number (needs the audit right)',
    input: {
      after: z.number().int().min(0).optional().describe('Entries after this seq (default 0)'),
      limit: z.number().int().min(1).max(500).optional().describe('At most this many (default 100)'),
    },
    annotations: READ,
    call: (a) => ['GET', `/v1/audit?after=${a.after ?? 0}&limit=${a.limit ?? 100}`],
  },
  {
    name: 'audit_verify',
    title: 'Verify the audit chain',
    description: 'Check every hash and seal (signed entry) of the audit chain; names the first bad entry',
    input: {},
    annotations: READ,
    call: () => ['POST', '/v1/audit/verify'],
  },
];

/** Atlas: plan a request in plain words, run it once confirmed, undo it, read the history. */
export const ATLAS_TOOLS: McpTool[] = [
  {
    name: 'atlas_tools',
    title: "Atlas's tools",
    description:
      'The actions Atlas can plan with: tool, action, summary, risk (0 read … 3 destroy) and argument schema',
    input: {},
    annotations: READ,
    call: () => ['GET', '/v1/tools'],
  },
  {
    name: 'atlas_plan',
    title: 'Plan a request',
    description:
      'Turn a request in plain words ("move the PDFs in Downloads to Documents") into a plan: each step with its risk, ' +
      'the files it touches and a preview. Nothing changes; run it with atlas_execute.',
    input: {
      request: z.string().min(1).max(2000),
      cwd: z.string().optional().describe('Absolute folder the request is about (default: the home folder)'),
      session: z
        .string()
        .max(64)
        .optional()
        .describe('Name a conversation to let later requests refer to earlier ones'),
    },
    annotations: READ,
    call: (a) => ['POST', '/v1/do', a],
  },
  {
    name: 'atlas_alternatives',
    title: 'Other ways to do a request',
    description:
      'Tree of thoughts for a plan from atlas_plan: up to k ways to do it (from the configured model and offline rewrites), ' +
      'each previewed and scored on risk, what it touches, undo, cost, time and confidence, best first with pros and cons, ' +
      'each saying who proposed it (source: model or offline); ways that cannot run are listed as dropped with why. ' +
      'Nothing changes: run the chosen id with atlas_execute after recording it with atlas_choose.',
    input: {
      id: z
        .string()
        .regex(/^\d{1,12}$/)
        .describe('The plan id atlas_plan returned'),
      k: z.number().int().min(1).max(PLAN_LIMITS.CHOOSE_MAX).default(3).describe('How many ways to compare'),
    },
    annotations: READ,
    call: (a) => ['POST', `/v1/do/${a.id}/alternatives`, { k: a.k ?? 3 }],
  },
  {
    name: 'atlas_choose',
    title: 'Record the way chosen',
    description:
      'Record in the history that alternative id was chosen among the ids atlas_alternatives listed, by the score or by the person',
    input: {
      id: z
        .string()
        .regex(/^\d{1,12}$/)
        .describe('The id of the alternative chosen'),
      of: z
        .array(z.string().regex(/^\d{1,12}$/))
        .min(1)
        .max(PLAN_LIMITS.CHOOSE_MAX)
        .describe('The ids of every alternative listed'),
      by: z.enum(['score', 'person']).describe('Chosen by the best score, or picked by the person'),
    },
    annotations: CHANGE,
    call: (a) => ['POST', `/v1/do/${a.id}/choose`, { of: a.of, by: a.by }],
  },
  {
    name: 'atlas_execute',
    title: 'Run a plan',
    description:
      'Run a plan from atlas_plan by its id. Steps of risk 2-3 (overwrite, delete, kill) run only with confirmed: true, ' +
      'and only if your token holds the rights for that risk; what ran can be undone with atlas_undo. ' +
      'A plan with doubts (steps below the confidence threshold) runs only with acceptDoubts: true.',
    input: {
      id: z
        .string()
        .regex(/^\d{1,12}$/)
        .describe('The plan id atlas_plan returned'),
      confirmed: z.boolean().default(false).describe('The person agreed to the plan and its risk'),
      acceptDoubts: z
        .boolean()
        .default(false)
        .describe("The person heard the plan's doubts and said to run it anyway"),
    },
    annotations: DESTROY,
    call: (a) => [
      'POST',
      `/v1/do/${a.id}/execute`,
      { confirmed: a.confirmed ?? false, ...(a.acceptDoubts ? { acceptDoubts: true } : {}) },
    ],
  },
  {
    name: 'atlas_undo',
    title: 'Undo a request',
    description: 'Put back what a request changed (the last one, or the one named)',
    input: {
      undoId: z
        .string()
        .regex(/^\d{1,12}$/)
        .optional(),
    },
    annotations: CHANGE,
    call: (a) => ['POST', '/v1/undo', a.undoId ? { undoId: a.undoId } : {}],
  },
  {
    name: 'atlas_history',
    title: 'Atlas history',
    description: 'Past requests with their plans and outcomes, newest first',
    input: { limit: z.number().int().min(1).max(200).optional() },
    annotations: READ,
    call: (a) => ['GET', `/v1/history?limit=${a.limit ?? 20}`],
  },
];

/**
 * The system services' tools, derived from their declarations: `{noun}_{op}` for each operation,
 * described by its summary, taking its args (their JSON Schema is the tool's input schema) and
 * calling the operation's derived route, so the service sees the MCP caller's own principal.
 */
export function serviceTools(decls: readonly ServiceDecl[]): McpTool[] {
  return decls.flatMap((decl) =>
    Object.entries(decl.ops).map(([name, op]): McpTool => {
      const shape = op.args instanceof z.ZodObject ? (op.args.shape as z.ZodRawShape) : {};
      return {
        name: `${decl.noun}_${name}`,
        title: `${decl.noun} ${name}`,
        description: op.summary,
        input: shape,
        ...(op.result instanceof z.ZodObject ? { output: op.result.shape as z.ZodRawShape } : {}),
        annotations: op.access === 'read' ? READ : op.risk >= RISK.DESTROY ? DESTROY : CHANGE,
        call: (args) => requestOf(decl, name, args),
      };
    }),
  );
}

export interface McpServerOptions {
  /** Tools beyond the system tools (Atlas's, when present). */
  tools?: McpTool[];
  /** The system services, whose operations become tools (serviceTools). */
  services?: readonly ServiceDecl[];
}

/** An MCP server whose tools call the API through `invoke`, as the caller. */
export function createMcpServer(invoke: Invoke, options: McpServerOptions = {}): McpServer {
  const server = new McpServer(
    { name: 'aios', title: 'aios', version: pkg.version },
    {
      instructions:
        'aios is an operating system for AI agents. These tools act with the rights of your token; ' +
        'every call is checked by the kernel and written to its audit chain.',
    },
  );
  const derived = serviceTools(options.services ?? []);
  for (const tool of [...SYSTEM_TOOLS, ...ATLAS_TOOLS, ...derived, ...(options.tools ?? [])]) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.input,
        ...(tool.output ? { outputSchema: tool.output } : {}),
        annotations: { title: tool.title, ...tool.annotations },
      },
      async (args: Record<string, unknown>): Promise<CallToolResult> => {
        const [method, path, body] = tool.call(args ?? {});
        const { status, body: result } = await invoke(method, path, body);
        if (status >= 400) {
          const p = result as { detail?: string; code?: string } | undefined;
          return {
            isError: true,
            content: [
              { type: 'text', text: `${p?.code ? `${p.code}: ` : ''}${p?.detail ?? `HTTP ${status}`}` },
            ],
          };
        }
        return {
          content: [{ type: 'text', text: JSON.stringify(result, null, 1) }],
          structuredContent: Array.isArray(result) ? { items: result } : (result as Record<string, unknown>),
        };
      },
    );
  }
  return server;
}
