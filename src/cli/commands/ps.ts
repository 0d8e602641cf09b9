/**
 * aios ps: the agents of the running system, or the stored records when it is not running.
 */
import type { AgentInfo } from '../../kernel/sys-process.ts';
import type { Command } from '../command.ts';
import { api, isUp } from '../connect.ts';
import { bytes, duration, table } from '../format.ts';

const ps: Command = {
  name: 'ps',
  summary: 'List agents',
  usage: ['ps [--all] [--json]'],
  help: `Options:
  --all    include agents that have ended`,
  options: { all: { type: 'boolean', short: 'a' } },
  async run(ctx) {
    let agents: Partial<AgentInfo>[];
    let live = true;
    if (isUp(ctx.home)) {
      agents = await api<AgentInfo[]>(ctx.home, 'GET', '/v1/agents');
    } else {
      const { Store } = await import('../../platform/store.ts');
      const { existsSync } = await import('node:fs');
      const { join } = await import('node:path');
      if (!existsSync(join(ctx.home, 'aios.db'))) agents = [];
      else {
        const store = Store.open(ctx.home);
        agents = store.agents();
        store.close();
      }
      live = false;
    }
    const shown = ctx.values.all
      ? agents
      : agents.filter((a) => a.state !== 'exited' && a.state !== 'crashed');
    if (ctx.json) {
      ctx.out(JSON.stringify(shown));
      return 0;
    }
    if (!live) ctx.err('aios is not running; showing the stored records');
    const now = Date.now();
    const rows = shown.map((a) => [
      a.pid ?? 0,
      a.parent ?? 0,
      a.name ?? '',
      a.state ?? '',
      a.schedClass ?? '',
      a.runtime ?? '',
      a.usage ? bytes(a.usage.memoryBytes) : '-',
      a.usage ? a.usage.syscalls : '-',
      a.createdAt ? duration(now - a.createdAt) : '-',
    ]);
    for (const line of table(
      ['PID', 'PPID', 'NAME', 'STATE', 'CLASS', 'RUNTIME', 'MEM', 'SYSCALLS', 'AGE'],
      rows,
    ))
      ctx.out(line);
    return 0;
  },
};

export default ps;
