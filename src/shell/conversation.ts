/**
 * What a shell session has done so far, so that a follow-up ("and now zip them", "delete
 * those") can refer back: the last turns of each session, each with its plan and the paths its
 * output named.
 *
 * @example
 * const conversations = new Conversations();
 * conversations.record('s1', planned, outcome);
 * translator.translate('zip them', { history: conversations.turns('s1'), ... });
 */
import type { Turn } from '../intel/intent.ts';
import { subjectsOf } from './context.ts';
import type { Outcome, PlannedRequest } from './types.ts';

/** Turns kept per session: enough for "them", few enough to keep a prompt short. */
const MAX_TURNS = 10;

export class Conversations {
  readonly #turns = new Map<string, Turn[]>();

  /** The session's turns, oldest first; none for no session. */
  turns(session: string | undefined): Turn[] {
    return session ? (this.#turns.get(session) ?? []) : [];
  }

  /** Adds a request that ran to its session. */
  record(session: string, planned: PlannedRequest, outcome: Outcome): void {
    const last = [...outcome.results].reverse().find((r) => subjectsOf(r.output).length > 0);
    const turns = this.turns(session);
    turns.push({
      request: planned.request,
      plan: {
        goal: planned.goal,
        requiresConfirmation: planned.requiresConfirmation,
        steps: planned.steps.map((s) => ({
          id: s.id,
          tool: s.tool,
          action: s.action,
          args: s.args,
          risk: s.risk,
          dependsOn: s.dependsOn,
        })),
      },
      subjects: last ? subjectsOf(last.output) : [],
    });
    this.#turns.set(session, turns.slice(-MAX_TURNS));
  }
}
