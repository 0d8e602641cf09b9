/**
 * aios spawn FILE: start a long-lived agent in the running system.
 */
import { CliError, type Command, need } from '../command.ts';
import { api, isUp } from '../connect.ts';
import { SPAWN_HELP, SPAWN_OPTIONS, spawnRequest } from './spawn-options.ts';

const spawn: Command = {
  name: 'spawn',
  summary: 'Start a long-lived agent in the running system',
  usage: ['spawn FILE [options]'],
  help: `Options:\n${SPAWN_HELP}`,
  options: SPAWN_OPTIONS,
  maxPositionals: 1,
  async run(ctx) {
    const request = spawnRequest(ctx, need(ctx, 0, 'FILE (the agent to start)'));
    if (!isUp(ctx.home))
      throw new CliError('aios is not running; start it with `aios up` (or use `aios run FILE`)');
    const { pid } = await api<{ pid: number }>(ctx.home, 'POST', '/v1/agents', request);
    ctx.out(ctx.json ? JSON.stringify({ pid }) : `spawned ${pid}`);
    return 0;
  },
};

export default spawn;
