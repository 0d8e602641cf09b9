/**
 * The body of GET /v1/agents (summaries) as JSON, re-serialising only the agents that changed
 * since the last listing. With a thousand agents, mostly idle, JSON.stringify of the whole list
 * was the largest cost of the request; each agent's summary is now checked against its schema
 * and serialised when it changes, and the listing joins the pieces.
 *
 * @example
 * const list = new SummaryList();
 * return new Response(list.json(agents.map(summary)), { headers: JSON_HEADERS });
 */
import type { z } from 'zod';
import { AgentSummary } from './schemas.ts';

export type Summary = z.infer<typeof AgentSummary>;

interface Piece {
  summary: Summary;
  json: string;
}

export class SummaryList {
  readonly #pieces = new Map<number, Piece>();

  /** `[summary, …]` as JSON; throws if a summary fails the AgentSummary schema. */
  json(summaries: Summary[]): string {
    const parts = new Array<string>(summaries.length);
    const seen = new Set<number>();
    for (let i = 0; i < summaries.length; i++) {
      const s = summaries[i];
      seen.add(s.pid);
      let piece = this.#pieces.get(s.pid);
      if (!piece || !same(piece.summary, s)) {
        const checked = AgentSummary.safeParse(s);
        if (!checked.success) throw new Error(`Agent ${s.pid} does not match the AgentSummary schema`);
        piece = { summary: s, json: JSON.stringify(checked.data) };
        this.#pieces.set(s.pid, piece);
      }
      parts[i] = piece.json;
    }
    // Pieces of agents this listing did not show (gone, or another caller's view) go once
    // they outnumber the ones shown.
    if (this.#pieces.size > 2 * seen.size + 64) {
      for (const pid of this.#pieces.keys()) if (!seen.has(pid)) this.#pieces.delete(pid);
    }
    return `[${parts.join(',')}]`;
  }
}

function same(a: Summary, b: Summary): boolean {
  return (
    a.pid === b.pid &&
    a.parent === b.parent &&
    a.name === b.name &&
    a.runtime === b.runtime &&
    a.state === b.state &&
    a.schedClass === b.schedClass &&
    a.createdAt === b.createdAt &&
    a.usage.memoryBytes === b.usage.memoryBytes &&
    a.usage.cpuMsTotal === b.usage.cpuMsTotal &&
    a.usage.syscalls === b.usage.syscalls &&
    a.usage.messagesSent === b.usage.messagesSent &&
    a.usage.llmTokens === b.usage.llmTokens &&
    a.usage.llmCostUsd === b.usage.llmCostUsd &&
    sameRecord(a.exit, b.exit) &&
    sameRecord(a.labels, b.labels)
  );
}

function sameRecord(a: object | null | undefined, b: object | null | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if ((a as Record<string, unknown>)[k] !== (b as Record<string, unknown>)[k]) return false;
  }
  return true;
}
