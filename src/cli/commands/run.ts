/**
 * aios run FILE: run an agent to completion and print its result. Uses the running system
 * when there is one, otherwise an embedded kernel.
 */
import type { ExitStatus } from '../../kernel/index.ts';
import { type Command, durationArg, need } from '../command.ts';
import { api, embedded, isUp } from '../connect.ts';
import { SPAWN_HELP, SPAWN_OPTIONS, spawnRequest } from './spawn-options.ts';

const CAUSES: Record<string, string> = {
  memory_limit: 'it hit its memory limit',
  cpu_limit: 'it hit its CPU limit',
  timeout: 'it timed out',
  denied: 'a syscall was denied',
  crashed: 'it crashed',
  error: 'it threw an error',
  killed: 'it was killed',
};

const run: Command = {
  name: 'run',
  summary: 'Run an agent to completion and print its result',
  usage: ['run FILE [options] [--timeout MS] [--json]'],
  help: `Options:\n${SPAWN_HELP}\n  --timeout T     stop the agent after T (ms, or 30s, 5m)`,
  options: { ...SPAWN_OPTIONS, timeout: { type: 'string' } },
  maxPositionals: 1,
  async run(ctx) {
    const request = spawnRequest(ctx, need(ctx, 0, 'FILE (the agent to run)'));
    const timeoutMs = durationArg(ctx.values.timeout, '--timeout');
    let pid: number;
    let exit: ExitStatus;
    if (isUp(ctx.home)) {
      const r = await api<{ pid: number; exit: ExitStatus }>(ctx.home, 'POST', '/v1/agents', {
        ...request,
        wait: true,
        timeoutMs,
      });
      pid = r.pid;
      exit = r.exit;
    } else {
      ({ pid, exit } = await embedded(ctx.home, async (system) => {
        const { parseRights } = await import('../../kernel/rights.ts');
        const grants = Object.fromEntries(
          Object.entries(request.grants ?? {}).map(([k, v]) => [k, parseRights(v)]),
        );
        const spawned = system.host.spawnFile(request.file, { ...request, grants });
        return { pid: spawned.pid, exit: await system.host.exitOf(spawned.pid, timeoutMs) };
      }));
    }
    const result = exit.result === undefined ? undefined : (JSON.parse(exit.result) as unknown);
    if (ctx.json) {
      ctx.out(
        JSON.stringify({
          pid,
          ok: exit.reason === 'normal',
          exit: { code: exit.code, reason: exit.reason, message: exit.message },
          result,
        }),
      );
    } else if (exit.reason === 'normal') {
      if (result !== undefined)
        ctx.out(typeof result === 'string' ? result : JSON.stringify(result, null, 2));
    } else {
      ctx.err(
        `aios run: agent ${pid} failed: ${CAUSES[exit.reason] ?? exit.reason}${exit.message ? ` (${exit.message})` : ''}`,
      );
    }
    return exit.reason === 'normal' ? 0 : 1;
  },
};

export default run;
