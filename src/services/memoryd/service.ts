/**
 * The memoryd service: the engine (engine.ts) behind memoryd's declaration (ops.ts), with
 * namespaces per agent, sharing, quotas, a write pace and audited writes. Its agent (agent.ts)
 * runs this on a thread of its own under the services tree; callers reach it through
 * `os.memory.*`, `aios memory …`, the API and MCP, all as the same operations.
 *
 * Namespaces: an agent's own is `agent/<its name>` (the name its spawners vouch for, see
 * sdk/service-wire.ts), where it may do anything; the owner's default is `owner`, and the owner
 * may use every namespace. Another agent's namespace needs a share (read or write) from the
 * agent whose it is, or from the owner; anything else is E_NO_RIGHTS.
 *
 * @example
 * await serve(os, memorydService(engine, shares));
 */
import { AiosError } from '../../sdk/errors.ts';
import type { Access } from '../declare.ts';
import { Pace } from '../rate.ts';
import type { ServiceCaller, ServiceImpl } from '../serve.ts';
import { CoreBlocks } from './blocks.ts';
import { DEFAULT_QUOTAS, type MemorydQuotas } from './config.ts';
import type { MemoryEngine } from './engine.ts';
import { MemoryError, type MemoryErrorCode } from './errors.ts';
import { MEMORYD_QUOTAS } from './limits.ts';
import { MEMORYD, type Memoryd } from './ops.ts';
import { ConfiguredEmbedder } from './providers.ts';
import { Recall } from './recall.ts';
import { ReembedRunner } from './reembed-runner.ts';
import type { ShareAccess, Shares } from './shares.ts';

const RANK: Record<Access, number> = { read: 1, write: 2, admin: 3 };
const OWNER_NAMESPACE = 'owner';
const AGENT_PREFIX = 'agent/';

/** The namespace that is `caller`'s own: `owner` for the owner, `agent/<name>` for an agent. */
export function ownNamespace(caller: ServiceCaller): string {
  return caller.owner ? OWNER_NAMESPACE : agentNamespace(caller.name);
}

/** Agent `name`'s own namespace, `agent/<name>`. */
export function agentNamespace(name: string): string {
  // A name may hold characters a namespace may not: each becomes ':' and its code in hex
  return AGENT_PREFIX + name.replace(/[^A-Za-z0-9._/-]/g, (c) => `:${c.codePointAt(0)!.toString(16)}`);
}

export interface MemorydOptions {
  /** Per-agent quotas and pace (config.ts); MEMORYD_QUOTAS by default. */
  quotas?: MemorydQuotas;
  log?(message: string): void;
  now?(): number;
  /** The configured embedder (the engine's), for status; the engine's own as USE lite by default. */
  embedder?: ConfiguredEmbedder;
  /** Runs re-embeddings in the background; one over the engine and embedder by default. */
  reembed?: ReembedRunner;
}

export function memorydService(
  engine: MemoryEngine,
  shares: Shares,
  options: MemorydOptions = {},
): ServiceImpl<Memoryd> {
  const quotas = options.quotas ?? DEFAULT_QUOTAS;
  const embedder =
    options.embedder ??
    (engine.embedder instanceof ConfiguredEmbedder
      ? engine.embedder
      : new ConfiguredEmbedder({ provider: 'use-lite' }, engine.embedder));
  const runner = options.reembed ?? new ReembedRunner(engine, embedder, options.log);
  const pace = new Pace({
    perSec: quotas.writesPerSec,
    burst: quotas.writeBurst,
    keep: MEMORYD_QUOTAS.PACED_AGENTS_MAX,
    now: options.now,
  });

  const accessOf = (caller: ServiceCaller, ns: string): Access | ShareAccess | undefined =>
    caller.owner || ns === ownNamespace(caller) ? 'admin' : shares.get(ns, caller.name);

  /** A put or update of `bytes` into `ns`, which holds `count` memories already, fits its quota. */
  const fits = (ns: string, add: { items: number; bytes: number }) => {
    if (!ns.startsWith(AGENT_PREFIX)) return; // the owner's namespaces have no quota
    const used = engine.usage(ns);
    if (used.count + add.items > quotas.items) {
      // A recorded exchange adds several memories at once: say how many would not fit
      const held =
        used.count >= quotas.items
          ? 'its quota'
          : `and ${add.items} more would pass its quota of ${quotas.items}`;
      throw new AiosError(
        'E_QUOTA',
        `Namespace '${ns}' holds ${used.count} memories, ${held}; forget some (memory forget) before adding more`,
      );
    }
    if (add.bytes > 0 && used.bytes + add.bytes > quotas.bytes) {
      throw new AiosError(
        'E_QUOTA',
        `Namespace '${ns}' would hold ${used.bytes + add.bytes} bytes, over its quota of ${quotas.bytes}; forget some memories first`,
      );
    }
  };

  const sizeOf = (text: string | undefined, metadata: Record<string, unknown> | undefined) =>
    Buffer.byteLength(text ?? '') +
    (metadata === undefined ? 0 : Buffer.byteLength(JSON.stringify(metadata)));

  const found = <T>(value: T | undefined, ns: string, id: number): T => {
    if (value === undefined)
      throw new AiosError('E_NOT_FOUND', `No memory ${id} in namespace '${ns}'; see memory search`);
    return value;
  };

  const blocks = new CoreBlocks(engine, fits);
  const recall = new Recall(engine, { fits, now: options.now });

  // Handlers run after authorize(), which has put the caller's own namespace in where none was named
  const nsOf = (args: { namespace?: string }) => args.namespace!;

  return {
    decl: MEMORYD,
    log: options.log,
    authorize(caller, op, access, args) {
      if (!('namespace' in MEMORYD.ops[op as keyof Memoryd['ops']].args.shape)) {
        if (access === 'admin' && !caller.owner)
          throw new AiosError('E_NO_RIGHTS', `memory ${op} is for the owner only`);
        return;
      }
      // The owner's reembed without a namespace is every namespace's
      if (op === 'reembed' && caller.owner && args.namespace === undefined) return;
      // `conversation --agent NAME` reads that agent's own namespace (a share or the owner's right)
      const named =
        typeof args.agent === 'string' && op === 'conversation' ? agentNamespace(args.agent) : undefined;
      const ns = (args.namespace as string | undefined) ?? named ?? ownNamespace(caller);
      args.namespace = ns;
      const held = accessOf(caller, ns);
      if (held !== undefined && RANK[held] >= RANK[access]) return;
      const verb = access === 'read' ? 'read' : access === 'write' ? 'write to' : 'share';
      throw new AiosError(
        'E_NO_RIGHTS',
        `'${caller.name}' may not ${verb} namespace '${ns}'${held ? ` (it holds ${held})` : ''}; its own is '${ownNamespace(caller)}', and another's needs a share from its owner`,
      );
    },
    admit: (caller) => pace.admit(caller.name),
    audit(caller, op, args, result) {
      const by = `by ${caller.name} (pid ${caller.pid})`;
      const r = result as { id?: number; hash?: string };
      const ns = `ns=${args.namespace}`;
      switch (op) {
        case 'put':
        case 'update':
          return `${ns} id=${r.id} sha256=${r.hash} ${by}`;
        case 'set':
        case 'append':
        case 'replace':
          return `${ns} block=${args.label} id=${r.id} sha256=${r.hash} ${by}`;
        case 'record': {
          const ms = (result as { memories: { id: number; hash: string }[] }).memories;
          return `${ns} ids=${ms.map((m) => m.id).join(',')} sha256=${ms.map((m) => m.hash).join(',')} ${by}`;
        }
        case 'forget':
          return `${ns} ids=${(args.ids as number[]).join(',')} ${by}`;
        case 'link':
          return `${ns} ${args.from}->${args.to} ${by}`;
        case 'share':
          return `${ns} agent=${args.agent} access=${args.access} ${by}`;
        default:
          return `${ns} ${by}`;
      }
    },
    error: (error) =>
      error instanceof MemoryError ? new AiosError(KERNEL_CODE[error.code], error.message) : undefined,
    handlers: {
      namespaces: (_args, caller) => {
        const namespaces = [];
        for (const ns of engine.namespaces()) {
          const access = accessOf(caller, ns.name);
          if (access === undefined) continue;
          namespaces.push({
            name: ns.name,
            model: ns.model,
            dimension: ns.dimension,
            count: ns.count,
            bytes: ns.bytes,
            access,
          });
        }
        return { namespaces };
      },
      put: async (args) => {
        const ns = nsOf(args);
        tierless(args.kind);
        fits(ns, { items: 1, bytes: sizeOf(args.text, args.metadata) });
        await runner.prepare(ns);
        const [memory] = await engine.put(ns, [
          { text: args.text, kind: args.kind, metadata: args.metadata, importance: args.importance },
        ]);
        return memory;
      },
      get: (args) => found(engine.get(nsOf(args), args.id, args.asOf), nsOf(args), args.id),
      update: async (args) => {
        const ns = nsOf(args);
        const current = found(engine.get(ns, args.id), ns, args.id);
        tierless(current.kind, args.id);
        tierless(args.kind);
        const before = sizeOf(current.text, current.metadata);
        const after = sizeOf(args.text ?? current.text, args.metadata ?? current.metadata);
        fits(ns, { items: 0, bytes: after - before });
        if (args.text !== undefined) await runner.prepare(ns);
        const { text, kind, metadata, importance } = args;
        return engine.update(ns, args.id, { text, kind, metadata, importance });
      },
      search: async (args) => {
        const { query, limit, mode, kinds, recencyWeight, importanceWeight } = args;
        const notes: string[] = [];
        const hits = await engine.search(nsOf(args), query, {
          limit,
          mode,
          kinds,
          recencyWeight,
          importanceWeight,
          notes,
        });
        return notes.length > 0 ? { hits, note: notes.join('; ') } : { hits };
      },
      status: async (args, caller) => {
        // Where the provider lives and why it fails are the owner's: a URL, a host path, the
        // start of a server's reply; a probe spends a provider call
        if (args.probe && !caller.owner)
          throw new AiosError(
            'E_NO_RIGHTS',
            'memory status --probe is for the owner only; ask without --probe',
          );
        if (args.probe) await embedder.probe();
        const jobs = new Map(runner.jobs().map((j) => [j.namespace, j]));
        const namespaces = [];
        for (const ns of engine.namespaces()) {
          if (accessOf(caller, ns.name) === undefined) continue;
          const job = jobs.get(ns.name);
          namespaces.push({
            name: ns.name,
            model: ns.model,
            dimension: ns.dimension,
            count: ns.count,
            ...(job ? { reembedTo: job.to, reembedDone: job.done, reembedState: job.state } : {}),
          });
        }
        const seen = embedder.status();
        if (caller.owner) return { ...seen, namespaces };
        const { error, ...rest } = seen;
        return {
          ...rest,
          location: 'known to the owner',
          ...(error === undefined ? {} : { error: 'the provider is failing; the owner sees why' }),
          namespaces,
        };
      },
      reembed: async (args) => {
        const only = args.namespace === undefined ? undefined : [args.namespace];
        if (only && !engine.namespaces().some((ns) => ns.name === only[0]))
          throw new AiosError('E_NOT_FOUND', `No namespace '${only[0]}'; see memory namespaces`);
        await runner.reconcile(only);
        return { jobs: runner.jobs(only) };
      },
      history: (args) => ({ versions: engine.history(nsOf(args), args.id) }),
      diff: (args) => engine.diff(nsOf(args), args.id, args.from, args.to),
      forget: (args) => ({ forgotten: engine.forget(nsOf(args), args.ids) }),
      link: (args) => engine.link(nsOf(args), args.from, args.to, args.relation, args.weight),
      graph: (args) => engine.graph(nsOf(args), args.id, { depth: args.depth, to: args.to }),
      share: (args, caller) => {
        const ns = nsOf(args);
        if (args.agent === caller.name && !caller.owner)
          throw new AiosError(
            'E_BAD_ARG',
            `Namespace '${ns}' is already yours; name another agent to share it with`,
          );
        shares.set(ns, args.agent, args.access);
        return { namespace: ns, agent: args.agent, access: args.access };
      },
      export: (args) => engine.export(nsOf(args)),
      check: () => engine.check(),
      blocks: (args) => ({ blocks: blocks.list(nsOf(args)) }),
      block: (args) => blocks.get(nsOf(args), args.label),
      set: (args) => blocks.set(nsOf(args), args.label, args.text, args.limit),
      append: (args) => blocks.append(nsOf(args), args.label, args.text),
      replace: (args) => blocks.replace(nsOf(args), args.label, args.old, args.new),
      prompt: (args) => blocks.prompt(nsOf(args), args.budget),
      record: async (args) => ({ memories: await recall.record(nsOf(args), args) }),
      conversation: (args) => ({ messages: recall.conversation(nsOf(args), args) }),
    },
  };
}

/**
 * Core blocks and the recorded conversation keep their shape (a label and a limit; a role and a
 * model) only if they are written through their own operations: put and update refuse them.
 */
function tierless(kind: string | undefined, id?: number): void {
  if (kind === 'core') {
    throw new AiosError(
      'E_BAD_ARG',
      `${id === undefined ? 'Core memory' : `Memory ${id} is a core block: it`} is kept in named blocks; write it with memory set, append or replace`,
    );
  }
  if (kind === 'recall') {
    throw new AiosError(
      'E_BAD_ARG',
      `${id === undefined ? 'Recall memory' : `Memory ${id} is recorded conversation: it`} is written by memory record (or os.llm.generate with memory.record) and kept as it was said`,
    );
  }
}

/** The engine's codes as the kernel's closed set, which every caller knows. */
const KERNEL_CODE: Record<MemoryErrorCode, AiosError['code']> = {
  E_BAD_ARGUMENT: 'E_BAD_ARG',
  E_TOO_BIG: 'E_TOO_BIG',
  E_NOT_FOUND: 'E_NOT_FOUND',
  E_DIMENSION: 'E_BAD_ARG',
  E_MODEL: 'E_BAD_ARG',
  E_EMBEDDER: 'E_UNAVAILABLE',
};
