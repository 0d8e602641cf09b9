/**
 * kill, suspend and resume: the same shape, one verb each.
 */
import { CliError, type Command, UsageError } from '../command.ts';
import { api, isUp } from '../connect.ts';

const PAST = { kill: 'killed', suspend: 'suspended', resume: 'resumed' } as const;

export function lifecycleCommand(verb: 'kill' | 'suspend' | 'resume', summary: string): Command {
  return {
    name: verb,
    summary,
    usage: [`${verb} PID [PID...]`],
    maxPositionals: 64,
    async run(ctx) {
      if (ctx.positionals.length === 0) throw new UsageError('missing PID');
      const pids = ctx.positionals.map((p) => {
        if (!/^\d+$/.test(p) || Number(p) < 1) throw new UsageError(`'${p}' is not a pid`);
        return Number(p);
      });
      if (!isUp(ctx.home)) throw new CliError('aios is not running; start it with `aios up`');
      let failed = 0;
      const results: { pid: number; ok: boolean; error?: string }[] = [];
      for (const pid of pids) {
        try {
          if (verb === 'kill') await api(ctx.home, 'DELETE', `/v1/agents/${pid}`);
          else await api(ctx.home, 'POST', `/v1/agents/${pid}/${verb}`);
          results.push({ pid, ok: true });
          if (!ctx.json) ctx.out(`${PAST[verb]} ${pid}`);
        } catch (error) {
          failed++;
          results.push({ pid, ok: false, error: (error as Error).message });
          if (!ctx.json) ctx.err(`aios ${verb}: ${pid}: ${(error as Error).message}`);
        }
      }
      if (ctx.json) ctx.out(JSON.stringify(results));
      return failed === 0 ? 0 : 1;
    },
  };
}
