/**
 * A second system service, declared here and nowhere else, to prove that every surface (the
 * HTTP API and its OpenAPI document, MCP, the CLI) is derived from a declaration and not written
 * for memoryd: named counters, kept in a Map by a gateway that records who called what.
 *
 * @example
 * const gateway = new TallyGateway();
 * const api = await bootApi(t, { gateway });
 * await api.owner.request('/v1/tally/add', json({ name: 'cups', by: 2 }));
 */
import { z } from 'zod';
import { KernelError } from '../../src/kernel/errors.ts';
import { RISK } from '../../src/kernel/risk.ts';
import { defineService, op, type ServiceGateway } from '../../src/services/declare.ts';

const Colour = z.enum(['red', 'blue']);
const Tally = z.object({ name: z.string(), value: z.number().int(), tags: z.array(Colour) });

export const TALLY = defineService({
  name: 'tallyd',
  noun: 'tally',
  summary: 'Named counters',
  ops: {
    add: op({
      summary: 'Add to a counter (made at its first add)',
      access: 'write',
      risk: RISK.CREATE,
      args: z.object({
        name: z.string().min(1).max(32),
        by: z.number().int().min(1).max(1000).optional(),
        tags: z.array(Colour).optional(),
      }),
      result: Tally,
      cli: { positional: ['name'] },
    }),
    get: op({
      summary: 'Read a counter',
      access: 'read',
      risk: RISK.READ_ONLY,
      args: z.object({ name: z.string().min(1) }),
      result: Tally,
      cli: { positional: ['name'] },
    }),
    list: op({
      summary: 'Counters, largest first unless ascending',
      access: 'read',
      risk: RISK.READ_ONLY,
      args: z.object({
        min: z.number().optional(),
        tags: z.array(Colour).optional(),
        ascending: z.boolean().optional(),
      }),
      result: z.object({ tallies: z.array(Tally) }),
    }),
    reset: op({
      summary: 'Remove counters',
      access: 'write',
      risk: RISK.DESTROY,
      args: z.object({ names: z.array(z.string().min(1)).min(1) }),
      result: z.object({ reset: z.number().int() }),
      cli: { positional: ['names'] },
    }),
  },
});

export interface TallyCall {
  caller: number;
  op: string;
  args: Record<string, unknown>;
}

export class TallyGateway implements ServiceGateway {
  readonly calls: TallyCall[] = [];
  /** While true the service is down: every call is E_UNAVAILABLE, as a restarting service's. */
  down = false;
  readonly #tallies = new Map<string, { name: string; value: number; tags: string[] }>();

  declarations() {
    return [TALLY];
  }

  async call(caller: number, service: string, name: string, given: unknown): Promise<unknown> {
    if (service !== TALLY.name) throw new KernelError('E_NOT_FOUND', `No service '${service}'`);
    if (this.down) throw new KernelError('E_UNAVAILABLE', 'tallyd is restarting; call again shortly');
    const args = given as Record<string, unknown>;
    this.calls.push({ caller, op: name, args });
    switch (name) {
      case 'add': {
        const key = String(args.name);
        const t = this.#tallies.get(key) ?? { name: key, value: 0, tags: [] };
        t.value += Number(args.by ?? 1);
        t.tags = [...new Set([...t.tags, ...((args.tags as string[] | undefined) ?? [])])];
        this.#tallies.set(key, t);
        return t;
      }
      case 'get': {
        const t = this.#tallies.get(String(args.name));
        if (!t) throw new KernelError('E_NOT_FOUND', `No tally '${String(args.name)}'; add it first`);
        return t;
      }
      case 'list': {
        const tags = (args.tags as string[] | undefined) ?? [];
        const list = [...this.#tallies.values()]
          .filter((t) => t.value >= Number(args.min ?? -Infinity))
          .filter((t) => tags.every((tag) => t.tags.includes(tag)))
          .sort((a, b) => (args.ascending ? a.value - b.value : b.value - a.value));
        return { tallies: list };
      }
      case 'reset': {
        let reset = 0;
        for (const n of args.names as string[]) if (this.#tallies.delete(n)) reset++;
        return { reset };
      }
      default:
        throw new KernelError('E_NOT_FOUND', `tallyd has no operation '${name}'`);
    }
  }
}
