/**
 * aios spawn FILE: start a long-lived agent in the running system, optionally supervised.
 */
import { CliError, type Command, need, UsageError } from '../command.ts';
import { api, isUp } from '../connect.ts';
import { SPAWN_HELP, SPAWN_OPTIONS, spawnRequest } from './spawn-options.ts';

const RESTART = ['permanent', 'transient', 'temporary'];

const spawn: Command = {
  name: 'spawn',
  summary: 'Start a long-lived agent in the running system',
  usage: ['spawn FILE [options] [--restart permanent|transient|temporary [--critical]]'],
  help: `Options:\n${SPAWN_HELP}
  --restart R     supervise it (a tree of its own, named by --name or the file):
                  permanent restarts it whenever it ends, transient only after a crash,
                  temporary never; at most 3 restarts in 5 s, then the supervisor gives up
  --critical      with --restart: keep a warm standby that takes over when it dies`,
  options: { ...SPAWN_OPTIONS, restart: { type: 'string' }, critical: { type: 'boolean' } },
  maxPositionals: 1,
  async run(ctx) {
    const request = spawnRequest(ctx, need(ctx, 0, 'FILE (the agent to start)'));
    const restart = ctx.values.restart as string | undefined;
    if (restart !== undefined && !RESTART.includes(restart)) {
      throw new UsageError(`--restart must be permanent, transient or temporary, not '${restart}'`);
    }
    const critical = ctx.values.critical === true;
    if (critical && restart === undefined) throw new UsageError('--critical needs --restart');
    if (!isUp(ctx.home))
      throw new CliError('aios is not running; start it with `aios up` (or use `aios run FILE`)');
    const body = restart === undefined ? request : { ...request, restart, critical: critical || undefined };
    const r = await api<{ pid: number; supervisor?: string }>(ctx.home, 'POST', '/v1/agents', body);
    if (ctx.json) ctx.out(JSON.stringify(r));
    else if (r.supervisor) {
      ctx.out(
        `spawned ${r.pid} (supervised by '${r.supervisor}', restart ${restart}${critical ? ', critical' : ''})`,
      );
    } else ctx.out(`spawned ${r.pid}`);
    return 0;
  },
};

export default spawn;
