/**
 * Preemption of long scheduled requests (an LLM generation). When the kernel's scheduler
 * picks a running request as a victim, the host aborts its executor with PREEMPTED; an
 * executor that can resume throws Preempted with what it produced so far, the request goes
 * back in line with the cost it still needs, and when it is granted again the executor is
 * called with `resumeFrom` and continues from that partial output.
 *
 * @example
 * const executor: Executor = async (agent, payload, { signal, resumeFrom }) => {
 *   ... if (signal.reason === PREEMPTED) throw new Preempted(partial, tokensSoFar);
 * };
 */

/** The abort reason a host gives an executor whose request was preempted. */
export const PREEMPTED = Symbol('aios.preempted');

export class Preempted extends Error {
  /** Output produced before the preemption, to continue from. */
  readonly partial: string;
  /** Cost already spent, in the resource's unit (tokens). */
  readonly used: number;

  /** What the stopped run cost, to charge its agent: tokens (prompt and output) and USD. */
  readonly bill: { tokens: number; costUsd: number };

  constructor(partial: string, used: number, bill = { tokens: 0, costUsd: 0 }) {
    super('The request was preempted by a more urgent one');
    this.name = 'Preempted';
    this.partial = partial;
    this.used = used;
    this.bill = bill;
  }
}

export interface ExecutorContext {
  /** Aborted when the agent ends, or with reason PREEMPTED when the scheduler preempts it. */
  signal: AbortSignal;
  /** Partial output of an earlier, preempted run of the same request. */
  resumeFrom?: string;
  /**
   * Preempts this request from outside the kernel's choice: the executor found a more urgent
   * request waiting for what this one holds (an LLM provider's slot). It goes back in line
   * like a request the scheduler preempted.
   */
  preempt?: () => void;
}
