/**
 * aios ps: the agents of the running system, or the stored records when it is not running.
 */
import type { AgentInfo } from '../../kernel/index.ts';
import type { ChildStatus, TreeStatus } from '../../services/supervisor/protocol.ts';
import type { Command } from '../command.ts';
import { api, isUp } from '../connect.ts';
import { bytes, duration, table } from '../format.ts';

const ps: Command = {
  name: 'ps',
  summary: 'List agents',
  usage: ['ps [--all] [--llm] [--json]'],
  help: `Options:
  --all    include agents that have ended
  --llm    each agent's LLM use: tokens and cost so far, this minute's tokens against its quota`,
  options: { all: { type: 'boolean', short: 'a' }, llm: { type: 'boolean' } },
  async run(ctx) {
    let agents: Partial<AgentInfo>[];
    let live = true;
    let supervised = new Map<number, Supervised>();
    if (isUp(ctx.home)) {
      agents = await api<AgentInfo[]>(ctx.home, 'GET', '/v1/agents?view=full');
      supervised = await supervision(ctx.home);
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
      ctx.out(JSON.stringify(shown.map((a) => ({ ...a, supervision: supervised.get(a.pid ?? 0) }))));
      return 0;
    }
    if (!live) ctx.err('aios is not running; showing the stored records');
    if (ctx.values.llm) {
      for (const line of llmTable(shown)) ctx.out(line);
      return 0;
    }
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
      supervised.get(a.pid ?? 0)?.restarts ?? '-',
      supervisedAs(supervised.get(a.pid ?? 0)),
    ]);
    for (const line of table(
      [
        'PID',
        'PPID',
        'NAME',
        'STATE',
        'CLASS',
        'RUNTIME',
        'MEM',
        'SYSCALLS',
        'AGE',
        'RESTARTS',
        'SUPERVISED',
      ],
      rows,
    ))
      ctx.out(line);
    return 0;
  },
};

/**
 * The LLM view: what each agent spent (tokens as the provider counted them, cost at the
 * configured prices) and its tokens-per-minute quota, charged at admission with estimates.
 */
function llmTable(agents: Partial<AgentInfo>[]): string[] {
  const rows = agents.map((a) => {
    const u = a.usage;
    const minute = u && Date.now() - u.llmMinuteStart < 60_000 ? u.llmTokensThisMinute : 0;
    return [
      a.pid ?? 0,
      a.name ?? '',
      a.schedClass ?? '',
      a.weight ?? '-',
      u ? u.llmTokens : '-',
      u ? `$${u.llmCostUsd.toFixed(4)}` : '-',
      u && a.quotas ? `${minute}/${a.quotas.llmTokensPerMin}` : '-',
    ];
  });
  return table(['PID', 'NAME', 'CLASS', 'WEIGHT', 'LLM TOKENS', 'LLM COST', 'TOKENS THIS MIN/QUOTA'], rows);
}

/** What the supervisor says about an agent: its place in a tree, role and restart count. */
interface Supervised {
  path: string;
  role: 'active' | 'standby' | 'supervisor';
  restarts: number;
}

async function supervision(home: string): Promise<Map<number, Supervised>> {
  const byPid = new Map<number, Supervised>();
  let status: TreeStatus;
  try {
    status = await api<TreeStatus>(home, 'GET', '/v1/supervisor');
  } catch {
    return byPid; // supervision is not running; ps still lists the agents
  }
  byPid.set(status.pid, { path: status.name, role: 'supervisor', restarts: 0 });
  const walk = (children: ChildStatus[], prefix: string) => {
    for (const c of children) {
      const path = `${prefix}${c.id}`;
      const role = c.kind === 'supervisor' ? 'supervisor' : 'active';
      if (c.pid !== null) byPid.set(c.pid, { path, role, restarts: c.restarts });
      if (c.standbyPid !== null) byPid.set(c.standbyPid, { path, role: 'standby', restarts: c.restarts });
      if (c.children) walk(c.children, `${path}/`);
    }
  };
  walk(status.children, '');
  return byPid;
}

function supervisedAs(s: Supervised | undefined): string {
  if (!s) return '-';
  return s.role === 'standby' ? `${s.path} (standby)` : s.role === 'supervisor' ? `${s.path} (sup)` : s.path;
}

export default ps;
