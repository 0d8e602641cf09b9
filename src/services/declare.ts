/**
 * How a system service declares what it does, once. A service (memoryd, the context bus,
 * semantic-ipcd, the planner, …) is an agent under the root supervisor, reached by name over
 * kernel IPC. Its declaration names each operation with its argument and result schemas, the
 * access it needs on the caller's connection and its risk; the SDK (`os.memory.*`), the CLI
 * (`aios memory …`), the HTTP API (`/v1/memory/…` and its OpenAPI document) and MCP's tools are
 * all derived from it, never written again by hand.
 *
 * The declaration module of a service holds only this (zod schemas, no engine): the API, the
 * CLI and MCP load it after ready without loading the service. The SDK needs only the type
 * (`import type`), so isolate bundles never carry zod.
 *
 * @example
 * export const MEMORYD = defineService({
 *   name: 'memoryd', noun: 'memory', summary: 'Semantic memory',
 *   ops: { search: op({ summary: 'Search memories', access: 'read', risk: RISK.READ_ONLY,
 *     args: z.object({ query: z.string() }), result: z.object({ hits: z.array(Hit) }),
 *     cli: { positional: ['query'] } }) },
 * });
 * const hits = await gateway.call(pid, 'memoryd', 'search', { query: 'who runs the audit' });
 */
import type { z } from 'zod';
import { RIGHTS } from '../kernel/rights.ts';
import type { Risk } from '../kernel/risk.ts';

/**
 * What an operation needs on the caller's connection to the service, as the kernel's right that
 * stands for it. A connection is a capability (a channel handle the service bound to a scope,
 * e.g. one memory namespace): `read` ops run on any connection, `write` ops on one granted
 * write, `admin` ops only for the owner (init, an owner session) or a connection granted manage.
 */
export const ACCESS = { read: RIGHTS.READ, write: RIGHTS.WRITE, admin: RIGHTS.MANAGE } as const;
export type Access = keyof typeof ACCESS;
export const ACCESS_LEVELS = Object.keys(ACCESS) as [Access, ...Access[]];

/** What one agent may grant another on something of its own (admin stays its own), and `none` to take it back. */
export type ShareLevel = Exclude<Access, 'admin'> | 'none';
export const SHARE_LEVELS: [ShareLevel, ...ShareLevel[]] = [
  'none',
  ...ACCESS_LEVELS.filter((a): a is Exclude<Access, 'admin'> => a !== 'admin'),
];

export interface OpDecl<A extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  /** One line, sentence case: the CLI's help, the OpenAPI summary, the MCP tool's description. */
  summary: string;
  args: A;
  result: R;
  access: Access;
  /** The kernel's risk scale (kernel/risk.ts): what a person confirms at RISK_CONFIRM or more. */
  risk: Risk;
  /**
   * Arguments the CLI takes by position, in order (the rest are --flags named as the keys).
   * `watch`: the operation starts or shows background work and answers `{ jobs: [{ done,
   * total, state }] }`; the CLI's `--watch` repeats it, drawing each job's progress, until every
   * job's state is `done`.
   */
  cli?: { positional?: string[]; watch?: boolean };
  /**
   * The operation may wait for something else to happen (a long poll): the caller's later calls
   * on the same connection are served meanwhile instead of queueing behind it.
   */
  waits?: boolean;
}

export interface ServiceDecl {
  /** The agent's name under the supervisor, and its path: `/svc/${name}`. */
  name: string;
  /** The word people and agents use: `aios memory …`, `/v1/memory/…`, `os.memory`, `memory_search`. */
  noun: string;
  summary: string;
  ops: Record<string, OpDecl>;
}

export function defineService<const D extends ServiceDecl>(decl: D): D {
  return decl;
}

/** Keeps an operation's schema types (so `ServiceClient` knows each op's args and result). */
export function op<A extends z.ZodType, R extends z.ZodType>(decl: OpDecl<A, R>): OpDecl<A, R> {
  return decl;
}

export type OpArgs<D extends ServiceDecl, K extends keyof D['ops']> = z.input<D['ops'][K]['args']>;
export type OpResult<D extends ServiceDecl, K extends keyof D['ops']> = z.output<D['ops'][K]['result']>;

/** A service seen from its callers: one async function per operation. */
export type ServiceClient<D extends ServiceDecl> = {
  [K in keyof D['ops']]: (args: OpArgs<D, K>) => Promise<OpResult<D, K>>;
};

/**
 * The one way the host's surfaces (the API, the CLI's embedded system, MCP) call a service: as
 * the calling principal `caller` (a pid: an agent, a token session, or init for the owner). The
 * service checks the caller's access; errors are KernelErrors with the service's code
 * (E_UNAVAILABLE when the service is down or restarting, never a hang).
 */
export interface ServiceGateway {
  call(caller: number, service: string, op: string, args: unknown): Promise<unknown>;
  /** The declarations of the services this system runs. */
  declarations(): readonly ServiceDecl[];
}
