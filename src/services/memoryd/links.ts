/**
 * The memory graph: typed, weighted, directed links between memories of one namespace, and
 * the walks over them (a neighbourhood within a depth, the shortest path between two
 * memories). Walks follow links both ways and are bounded (limits.ts), so a hub memory or a
 * huge graph answers in bounded time.
 *
 * @example
 * const links = new LinkStore(db, { now: Date.now });
 * links.put(ns, { from: 1, to: 2, relation: 'cites', weight: 1 });
 * links.neighbourhood(ns, 1, 2);   // { ids: [1, 2, …], links: [...] }
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { MemoryError } from './errors.ts';
import { MEMORY_LIMITS } from './limits.ts';
import type { Namespace } from './store.ts';

export interface Link {
  from: number;
  to: number;
  relation: string;
  weight: number;
}

type Row = { from_id: number; to_id: number; relation: string; weight: number };

// Printable, no spaces or quotes: relations are names, shown in the CLI and drawn in the dashboard.
const RELATION = /^[\p{L}\p{N}][\p{L}\p{N}_.:/-]*$/u;

export function checkRelation(relation: unknown): string {
  if (
    typeof relation !== 'string' ||
    !RELATION.test(relation) ||
    relation.length > MEMORY_LIMITS.RELATION_MAX_CHARS
  ) {
    throw new MemoryError(
      'E_BAD_ARGUMENT',
      `Invalid relation '${String(relation).slice(0, 40)}'; use one word of letters, digits and _ . : / - (at most ${MEMORY_LIMITS.RELATION_MAX_CHARS} characters), such as 'related'`,
    );
  }
  return relation;
}

export function checkWeight(weight: unknown): number {
  if (typeof weight !== 'number' || !Number.isFinite(weight)) {
    throw new MemoryError('E_BAD_ARGUMENT', `Link weight '${String(weight)}' is not a finite number`);
  }
  return weight;
}

function toLink(r: Row): Link {
  return { from: Number(r.from_id), to: Number(r.to_id), relation: r.relation, weight: Number(r.weight) };
}

export class LinkStore {
  readonly #now: () => number;
  readonly #sql: Record<string, StatementSync>;

  constructor(db: DatabaseSync, options: { now: () => number }) {
    this.#now = options.now;
    const p = (sql: string) => db.prepare(sql);
    this.#sql = {
      put: p(
        `insert into memory_links (from_id, relation, to_id, weight, namespace_id, created_at)
         values (?, ?, ?, ?, ?, ?)
         on conflict (from_id, relation, to_id) do update set weight = excluded.weight`,
      ),
      // Both ends must be memories of the namespace: a link row that says otherwise (written
      // behind the engine's back) must not lead a walk, or an id, into another namespace.
      touching: p(
        `select l.from_id, l.to_id, l.relation, l.weight from memory_links l
         join memories m on m.id = l.to_id and m.namespace_id = ?2 where l.from_id = ?1
         union all
         select l.from_id, l.to_id, l.relation, l.weight from memory_links l
         join memories m on m.id = l.from_id and m.namespace_id = ?2 where l.to_id = ?1 and l.from_id != ?1`,
      ),
      deleteFrom: p('delete from memory_links where from_id = ?'),
      deleteTo: p('delete from memory_links where to_id = ?'),
      all: p(
        `select l.from_id, l.to_id, l.relation, l.weight from memory_links l
         join memories a on a.id = l.from_id and a.namespace_id = ?1
         join memories b on b.id = l.to_id and b.namespace_id = ?1
         where l.namespace_id = ?1 order by l.from_id, l.relation, l.to_id`,
      ),
    };
  }

  /** Adds or re-weights a link; the caller checked that both memories exist in `ns`. */
  put(ns: Namespace, link: Link): Link {
    this.#sql.put.run(link.from, link.relation, link.to, link.weight, ns.id, this.#now());
    return link;
  }

  /** Removes every link from or to memory `id` (the caller holds the transaction). */
  deleteFor(id: number): void {
    this.#sql.deleteFrom.run(id);
    this.#sql.deleteTo.run(id);
  }

  /** Links from or to memory `id` whose other end is in `ns` too. */
  touching(ns: Namespace, id: number): Link[] {
    return (this.#sql.touching.all(id, ns.id) as Row[]).map(toLink);
  }

  all(ns: Namespace): Link[] {
    return (this.#sql.all.all(ns.id) as Row[]).map(toLink);
  }

  /**
   * Memories within `depth` links of `id` (breadth first, nearest first, `id` first), at most
   * GRAPH_NODES_MAX of them, and the links among them.
   */
  neighbourhood(ns: Namespace, id: number, depth: number): { ids: number[]; links: Link[] } {
    const order = [id];
    const seen = new Set(order);
    const links = new Map<string, Link>();
    let frontier = [id];
    for (let d = 0; d < depth && frontier.length > 0; d++) {
      const next: number[] = [];
      for (const at of frontier) {
        for (const link of this.touching(ns, at)) {
          const other = link.from === at ? link.to : link.from;
          if (!seen.has(other)) {
            if (seen.size >= MEMORY_LIMITS.GRAPH_NODES_MAX) continue;
            seen.add(other);
            order.push(other);
            next.push(other);
          }
          links.set(`${link.from} ${link.relation} ${link.to}`, link);
        }
      }
      frontier = next;
    }
    return { ids: order, links: [...links.values()] };
  }

  /**
   * The shortest path (fewest links, either direction) from `from` to `to` within `maxLinks`,
   * as memory ids in order and the link taken at each step (the heaviest where several join
   * two memories); empty when there is none within reach.
   */
  path(ns: Namespace, from: number, to: number, maxLinks: number): { ids: number[]; links: Link[] } {
    if (from === to) return { ids: [from], links: [] };
    const via = new Map<number, Link>();
    const seen = new Set([from]);
    let frontier = [from];
    for (let d = 0; d < maxLinks && frontier.length > 0; d++) {
      const next: number[] = [];
      for (const at of frontier) {
        for (const link of this.touching(ns, at)) {
          const other = link.from === at ? link.to : link.from;
          if (seen.has(other)) {
            // Same hop count through the same predecessor: keep the heavier link.
            const taken = via.get(other);
            if (taken && (taken.from === at || taken.to === at) && link.weight > taken.weight)
              via.set(other, link);
            continue;
          }
          if (seen.size >= MEMORY_LIMITS.GRAPH_PATH_VISIT_MAX) return { ids: [], links: [] };
          seen.add(other);
          via.set(other, link);
          next.push(other);
        }
      }
      if (seen.has(to)) {
        const ids = [to];
        const links: Link[] = [];
        for (let at = to; at !== from; ) {
          const link = via.get(at)!;
          links.unshift(link);
          at = link.from === at ? link.to : link.from;
          ids.unshift(at);
        }
        return { ids, links };
      }
      frontier = next;
    }
    return { ids: [], links: [] };
  }
}
