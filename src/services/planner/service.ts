/**
 * The planner service: the engine (planner.ts) behind its declaration (ops.ts), with audited
 * writes. Its agent (agent.ts) runs this on a thread of its own under the services tree; callers
 * reach it through `os.plan.*`, `aios plan …`, the API and MCP, all as the same operations.
 *
 * @example
 * await serve(os, plannerService(planner));
 */
import { AiosError } from '../../sdk/errors.ts';
import type { ServiceImpl } from '../serve.ts';
import { PlanError } from './errors.ts';
import { PLANNER, type PlannerDecl } from './ops.ts';
import type { Planner } from './planner.ts';

export function plannerService(
  planner: Planner,
  options: { log?(message: string): void } = {},
): ServiceImpl<PlannerDecl> {
  return {
    decl: PLANNER,
    log: options.log,
    // A run names its submitter: the planner decides per run who may see and decide on it.
    authorize() {},
    audit(caller, op, args, result) {
      const id = (result as { id?: string } | undefined)?.id ?? String(args.id ?? '');
      const node = args.node ?? args.from;
      return `run=${id}${node ? ` node=${String(node)}` : ''} op=${op} by ${caller.name} (pid ${caller.pid})`;
    },
    error: (error) => (error instanceof PlanError ? new AiosError(error.code, error.message) : undefined),
    handlers: {
      run: (args, caller) => planner.submit(caller, args),
      choose: (args, caller) =>
        planner.choose(caller, { plans: args.plans, cwd: args.cwd, confidence: args.confidence }),
      ls: (args, caller) => ({ runs: planner.list(caller, { states: args.state, limit: args.limit }) }),
      show: (args, caller) => planner.show(caller, args.id),
      wait: (args, caller) => planner.wait(caller, args.id, args.waitMs ?? 50_000),
      approve: (args, caller) => planner.approve(caller, args.id, { node: args.node, args: args.args }),
      reject: (args, caller) => planner.reject(caller, args.id, { node: args.node, reason: args.reason }),
      cancel: (args, caller) => planner.cancel(caller, args.id, args.reason),
      checkpoints: (args, caller) => ({ checkpoints: planner.checkpoints(caller, args.id) }),
      fork: (args, caller) => planner.fork(caller, args.id, args.from),
    },
  };
}
