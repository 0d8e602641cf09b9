/**
 * The busd service: the context bus engine (engine.ts) behind its declaration (ops.ts), with
 * audited writes. Its agent (agent.ts) runs this on a thread of its own under the services tree;
 * callers reach it through `os.context.*`, `aios context …`, the API and MCP, all as the same
 * operations.
 *
 * Who may do what is the engine's: a context's creator owns it (may share and drop it), the
 * system's owner may do anything, other agents what the owner shared with them by name. The
 * caller's name and ownership come from its connection (the host vouches for them), so an agent
 * cannot act as another by what it sends.
 *
 * @example
 * await serve(os, busdService(new BusEngine({ path: join(home, 'bus.db') })));
 */
import { createHash } from 'node:crypto';
import { AiosError } from '../../sdk/errors.ts';
import type { ServiceImpl } from '../serve.ts';
import type { BusEngine } from './engine.ts';
import { BusError } from './errors.ts';
import { BUSD, type Busd } from './ops.ts';

const sha256 = (value: unknown) =>
  createHash('sha256')
    .update(JSON.stringify(value ?? null))
    .digest('hex');

export function busdService(
  engine: BusEngine,
  options: { log?(message: string): void } = {},
): ServiceImpl<Busd> {
  return {
    decl: BUSD,
    log: options.log,
    // Every context names its own owner and grants, so the engine decides per context (share and
    // drop are admin ops, yet open to a context's owner): nothing to refuse before it looks.
    authorize() {},
    audit(caller, op, args, result) {
      const by = `by ${caller.name} (pid ${caller.pid})`;
      const context = `context=${String(args.context ?? args.name)}`;
      switch (op) {
        case 'set':
          return `${context} key=${String(args.key)} version=${(result as { version: number }).version} sha256=${sha256(args.value)} ${by}`;
        case 'publish':
          return `${context} seq=${(result as { seq: number }).seq} type=${String(args.type)} sha256=${sha256(args.data)} ${by}`;
        case 'share':
          return `${context} agent=${String(args.agent)} access=${String(args.access)} ${by}`;
        case 'drop': {
          const r = result as { keys: number; events: number };
          return `${context} keys=${r.keys} events=${r.events} ${by}`;
        }
        default:
          return `${context} ${by}`;
      }
    },
    error: (error) => (error instanceof BusError ? new AiosError(error.code, error.message) : undefined),
    handlers: {
      contexts: (_args, caller) => ({ contexts: engine.contexts(caller) }),
      create: (args, caller) => engine.create(caller, args.name, args.backlog),
      set: (args, caller) => engine.set(caller, args),
      get: (args, caller) => engine.get(caller, args),
      publish: (args, caller) => engine.publish(caller, args),
      read: (args, caller) => engine.read(caller, args),
      share: (args, caller) => engine.share(caller, args),
      drop: (args, caller) => engine.drop(caller, args),
    },
  };
}
