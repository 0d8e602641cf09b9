/**
 * Supervision specs as people write them (JSON, for `aios supervise SPEC.json` and the API)
 * and their resolution into what a supervisor agent runs (child-spec.ts): defaults filled in,
 * files hashed into images, runtimes chosen, rights parsed, ids and links checked.
 *
 * @example
 * const tree = resolveTree(JSON.parse(text), { baseDir: dirname(path), hasRuntime: (r) => true });
 * // { "name": "web", "strategy": "one_for_all", "children": [
 * //     { "id": "db", "file": "db.ts", "critical": true },
 * //     { "id": "api", "file": "api.ts", "connect": ["db"], "grants": { "llm": "use" } } ] }
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { KernelError } from '../../kernel/errors.ts';
import { parseRights } from '../../kernel/rights.ts';
import { SPAWN_TIERS } from '../../kernel/runtimes.ts';
import { defaultRuntime, imageOf } from '../../runtime/images.ts';
import {
  type ChildSpec,
  DEFAULT_INTENSITY,
  DEFAULT_PERIOD_S,
  DEFAULT_RESTART,
  DEFAULT_STRATEGY,
  RESERVED_NAMES,
  RESTART_TYPES,
  STRATEGIES,
  type TreeSpec,
} from './child-spec.ts';
import { SupervisorError } from './errors.ts';

const GRANTABLE = ['llm', 'tool', 'cpu', 'system'];

const Id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, ".", "_" or "-"');

const Restart = z.enum(RESTART_TYPES as [string, ...string[]]);

const Limits = {
  strategy: z.enum(STRATEGIES as [string, ...string[]]).optional(),
  intensity: z.number().int().min(0).max(1_000_000).optional(),
  period: z.number().positive().max(86_400).optional(),
  autoShutdown: z.boolean().optional(),
};

const WorkerInput = z
  .object({
    id: Id,
    type: z.literal('worker').optional(),
    file: z.string().min(1).max(4096),
    restart: Restart.optional(),
    critical: z.boolean().optional(),
    runtime: z.enum(SPAWN_TIERS).optional(),
    class: z.enum(['realtime', 'normal', 'batch']).optional(),
    weight: z.number().int().min(1).max(1000).optional(),
    quotas: z
      .partialRecord(
        z.enum(['memoryBytes', 'cpuMsPerEpoch', 'ipcQueueDepth', 'llmTokensPerMin', 'children']),
        z.number().nonnegative(),
      )
      .optional(),
    grants: z
      .record(z.string(), z.string())
      .optional()
      .describe('Resource name -> rights, e.g. { "llm": "use" }'),
    connect: z.array(Id).max(32).optional().describe('Sibling workers whose service this child calls'),
  })
  .strict();

type WorkerInput = z.infer<typeof WorkerInput>;
interface SupervisorInput {
  id: string;
  type: 'supervisor';
  restart?: string;
  strategy?: string;
  intensity?: number;
  period?: number;
  autoShutdown?: boolean;
  children: (WorkerInput | SupervisorInput)[];
}

const SupervisorInput: z.ZodType<SupervisorInput> = z
  .object({
    id: Id,
    type: z.literal('supervisor'),
    restart: Restart.optional(),
    ...Limits,
    children: z.array(z.lazy(() => ChildInput)).max(1000),
  })
  .strict();

// Named: the shape is recursive, and a document (OpenAPI) refers to it by this name.
const ChildInput: z.ZodType<WorkerInput | SupervisorInput> = z
  .union([WorkerInput, SupervisorInput])
  .meta({ id: 'TreeChildSpec' });

/** A supervision tree as written in SPEC.json. */
export const TreeInput = z
  .object({
    name: Id,
    ...Limits,
    children: z.array(ChildInput).max(1000),
  })
  .strict();

export type TreeInput = z.infer<typeof TreeInput>;

export interface ResolveOptions {
  /** Directory relative file paths are resolved against (the spec file's). */
  baseDir?: string;
  /** Whether this system can run agents on a runtime tier. */
  hasRuntime(runtime: string): boolean;
}

/** Checks and resolves a tree; throws SupervisorError('bad_spec') naming the first problem. */
export function resolveTree(input: unknown, options: ResolveOptions): TreeSpec {
  const parsed = TreeInput.safeParse(input);
  if (!parsed.success) {
    const { path, message } = firstIssue(parsed.error.issues[0], input);
    throw new SupervisorError('bad_spec', `Spec field '${path.join('.') || 'spec'}': ${message}`);
  }
  return tree(parsed.data.name, parsed.data, options, parsed.data.name);
}

type Issue = z.core.$ZodIssue;

/** The issue to report; for a child that fits neither shape, the one of the shape its type names. */
function firstIssue(issue: Issue, input: unknown): { path: PropertyKey[]; message: string } {
  if (issue.code !== 'invalid_union' || issue.errors.length !== 2) return issue;
  let node = input as Record<PropertyKey, unknown> | undefined;
  for (const key of issue.path) node = node?.[key] as Record<PropertyKey, unknown> | undefined;
  const branch = issue.errors[node?.type === 'supervisor' ? 1 : 0][0];
  if (!branch) return issue;
  const inner = firstIssue(branch as Issue, node);
  return { path: [...issue.path, ...inner.path], message: inner.message };
}

function tree(
  name: string,
  input: Omit<SupervisorInput, 'id' | 'type'>,
  options: ResolveOptions,
  where: string,
): TreeSpec {
  const ids = new Set<string>();
  const workers = new Set<string>();
  for (const c of input.children) {
    if (ids.has(c.id)) throw bad(where, `two children are named '${c.id}'`);
    if ((RESERVED_NAMES as readonly string[]).includes(c.id) || GRANTABLE.includes(c.id)) {
      throw bad(where, `'${c.id}' is a reserved name; pick another child id`);
    }
    ids.add(c.id);
    if (c.type !== 'supervisor') workers.add(c.id);
  }
  const children = input.children.map((c): ChildSpec => {
    const at = `${where}/${c.id}`;
    const restart = (c.restart ?? DEFAULT_RESTART) as ChildSpec['restart'];
    if (c.type === 'supervisor')
      return { id: c.id, kind: 'supervisor', restart, tree: tree(c.id, c, options, at) };
    for (const target of c.connect ?? []) {
      if (!workers.has(target) || target === c.id)
        throw bad(at, `connect names '${target}', which is not a sibling worker`);
    }
    return { id: c.id, kind: 'worker', restart, ...worker(c, options, at) };
  });
  return {
    name,
    strategy: (input.strategy ?? DEFAULT_STRATEGY) as TreeSpec['strategy'],
    intensity: input.intensity ?? DEFAULT_INTENSITY,
    period: input.period ?? DEFAULT_PERIOD_S,
    autoShutdown: input.autoShutdown ?? false,
    children,
  };
}

function worker(c: WorkerInput, options: ResolveOptions, at: string) {
  const file = resolve(options.baseDir ?? '.', c.file);
  let image: { ref: string; hash: string };
  try {
    image = imageOf(file);
  } catch (error) {
    throw bad(at, error instanceof KernelError ? error.message : String(error));
  }
  const runtime = c.runtime ?? defaultRuntime(file);
  if (!options.hasRuntime(runtime)) throw bad(at, `runtime '${runtime}' is not available here`);
  const grants: Record<string, number> = {};
  for (const [name, rights] of Object.entries(c.grants ?? {})) {
    if (!GRANTABLE.includes(name)) throw bad(at, `grants name one of ${GRANTABLE.join(', ')}, not '${name}'`);
    try {
      grants[name] = parseRights(rights);
    } catch (error) {
      throw bad(at, `grant ${name}: ${(error as Error).message}`);
    }
  }
  return {
    critical: c.critical ?? false,
    image,
    runtime,
    schedClass: c.class,
    weight: c.weight,
    quotas: c.quotas,
    grants,
    connect: c.connect ?? [],
  };
}

function bad(where: string, problem: string): SupervisorError {
  return new SupervisorError('bad_spec', `In '${where}': ${problem}`);
}
