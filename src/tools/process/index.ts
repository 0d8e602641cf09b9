/**
 * The process tool: list, find and inspect processes (risk 0), and kill them (risk 3). A kill
 * first snapshots what it destroys (command line and working directory of each process), so
 * undo can start the same commands again in the same places.
 */
import { spawn } from 'node:child_process';
import { z } from 'zod';
import { action, type ToolDef, ToolError } from '../types.ts';
import { cwdOf, listProcs, type ProcInfo, procsNamed, readProc } from './proc.ts';
import { related } from './relations.ts';

const ListArgs = z
  .object({
    sort: z.enum(['cpu', 'memory', 'pid', 'name']).default('cpu'),
    limit: z.number().int().min(1).max(10_000).default(20),
    user: z.string().max(64).optional().describe('Only processes of this user'),
  })
  .strict();

const view = (p: ProcInfo) => ({
  pid: p.pid,
  ppid: p.ppid,
  name: p.name,
  user: p.user,
  state: p.state,
  cpu: p.cpu,
  memory: p.memory,
  startedAt: p.startedAt,
  command: p.command.slice(0, 300),
});

const list = action<z.infer<typeof ListArgs>>({
  tool: 'process',
  action: 'list',
  summary: 'Running processes, by CPU, memory, pid or name',
  args: ListArgs,
  risk: 0,
  preview: async () => ({ summary: 'list processes', paths: [], bytes: 0 }),
  run: async (a) => {
    let procs = listProcs();
    if (a.user) procs = procs.filter((p) => p.user === a.user);
    const key: Record<string, (x: ProcInfo, y: ProcInfo) => number> = {
      cpu: (x, y) => y.cpu - x.cpu || x.pid - y.pid,
      memory: (x, y) => y.memory - x.memory || x.pid - y.pid,
      pid: (x, y) => x.pid - y.pid,
      name: (x, y) => x.name.localeCompare(y.name) || x.pid - y.pid,
    };
    procs.sort(key[a.sort]);
    return { processes: procs.slice(0, a.limit).map(view), total: procs.length, sort: a.sort };
  },
});

const FindArgs = z.object({ name: z.string().min(1).max(256) }).strict();

const find = action<z.infer<typeof FindArgs>>({
  tool: 'process',
  action: 'find',
  summary: 'Processes whose name or command contains a word',
  args: FindArgs,
  risk: 0,
  preview: async (a) => ({ summary: `look for processes named '${a.name}'`, paths: [], bytes: 0 }),
  run: async (a) => {
    // A zombie has ended; it only waits for its parent to notice.
    const procs = procsNamed(a.name).filter((p) => p.pid !== process.pid && p.state !== 'Z');
    return { processes: procs.map(view), total: procs.length, running: procs.length > 0, name: a.name };
  },
});

const InfoArgs = z.object({ pid: z.number().int().min(1) }).strict();

const info = action<z.infer<typeof InfoArgs>>({
  tool: 'process',
  action: 'info',
  summary: 'Details of one process: command, user, memory, CPU, threads, directory',
  args: InfoArgs,
  risk: 0,
  preview: async (a) => ({ summary: `inspect process ${a.pid}`, paths: [], bytes: 0 }),
  run: async (a) => {
    const p = readProc(a.pid);
    if (!p) throw new ToolError(`No process has pid ${a.pid}`);
    return { ...view(p), threads: p.threads, argv: p.argv, cwd: cwdOf(a.pid) ?? null };
  },
});

const KillArgs = z
  .object({
    pids: z.array(z.number().int().min(1)).min(1).max(1000).optional(),
    name: z
      .string()
      .min(1)
      .max(256)
      .optional()
      .describe('Kill the processes with this name (resolved to pids in the preview)'),
    relation: z
      .enum(['parent', 'children'])
      .optional()
      .describe('Kill the parent, or the children, of the process named or of the one pid given'),
    port: z.number().int().min(1).max(65535).optional().describe('Kill the process listening on this port'),
    signal: z.enum(['TERM', 'KILL', 'INT', 'HUP']).default('TERM'),
  })
  .strict();
type KillArgs = z.infer<typeof KillArgs>;

/** Pids that are never killed from Atlas: init, aios itself and its ancestors. */
function protectedPids(): Set<number> {
  const out = new Set([1, process.pid]);
  for (let p = readProc(process.pid); p && p.ppid > 1 && !out.has(p.ppid); p = readProc(p.ppid))
    out.add(p.ppid);
  return out;
}

function targets(a: KillArgs): { procs: ProcInfo[]; said?: string } {
  const guard = protectedPids();
  let procs: ProcInfo[];
  let said: string | undefined;
  if (a.relation || a.port !== undefined) ({ procs, said } = related(a));
  else if (a.pids) {
    procs = a.pids.map((pid) => {
      const p = readProc(pid);
      if (!p) throw new ToolError(`No process has pid ${pid}`);
      return p;
    });
  } else if (a.name) {
    procs = procsNamed(a.name).filter((p) => !guard.has(p.pid) && p.state !== 'Z');
    if (procs.length === 0) throw new ToolError(`No process is named '${a.name}'`);
  } else throw new ToolError('Kill which process? Give a pid or a name');
  for (const p of procs) {
    if (guard.has(p.pid))
      throw new ToolError(
        `Process ${p.pid} (${p.name})${said ? `, ${said},` : ''} is ${p.pid === 1 ? 'init' : 'aios itself'}; it is not killed from here`,
      );
  }
  return { procs, said };
}

const kill = action<KillArgs>({
  tool: 'process',
  action: 'kill',
  summary: 'Stop processes with a signal (TERM by default); undo starts the same commands again',
  args: KillArgs,
  risk: 3,
  preview: async (a) => {
    const { procs, said } = targets(a);
    return {
      summary: `send SIG${a.signal} to ${procs.map((p) => `${p.pid} (${p.name})`).join(', ')}${said ? `, ${said}` : ''}`,
      paths: [],
      bytes: procs.reduce((n, p) => n + p.memory, 0),
      // what runs is exactly what the person saw: these pids, not the relation looked up again
      pinned: { pids: procs.map((p) => p.pid), name: undefined, relation: undefined, port: undefined },
      target: `pid:${procs.map((p) => p.pid).join(',')}`,
    };
  },
  run: async (a, ctx) => {
    const { procs } = targets(a);
    const killed: { pid: number; name: string; command: string; exited: boolean }[] = [];
    for (const p of procs) {
      // The snapshot: enough to start it again (undo), taken before it is gone.
      ctx.journal?.tool('process', 'restart', {
        pid: p.pid,
        argv: p.argv,
        cwd: cwdOf(p.pid) ?? ctx.cwd,
        name: p.name,
      });
      try {
        process.kill(p.pid, `SIG${a.signal}`);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new ToolError(
          `Cannot kill ${p.pid} (${p.name}): ${code === 'EPERM' ? 'it belongs to another user' : code}`,
        );
      }
      killed.push({ pid: p.pid, name: p.name, command: p.command, exited: await gone(p.pid, 2000) });
    }
    return { killed, pids: killed.map((k) => k.pid) };
  },
});

async function gone(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const p = readProc(pid);
    if (!p || p.state === 'Z') return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

export const processTool: ToolDef = {
  name: 'process',
  summary: 'Running processes',
  actions: [list, find, info, kill],
  async undo(op, data) {
    if (op !== 'restart') throw new ToolError(`Unknown process undo '${op}'`);
    const argv = data.argv as string[];
    if (!Array.isArray(argv) || argv.length === 0)
      throw new ToolError(`Process ${String(data.pid)} had no command line to start again`);
    const child = spawn(argv[0], argv.slice(1), { cwd: String(data.cwd), detached: true, stdio: 'ignore' });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', () => resolve());
      child.once('error', (e) =>
        reject(new ToolError(`Cannot start '${argv.join(' ')}' again: ${e.message}`)),
      );
    });
    child.unref();
    return `started '${argv.join(' ')}' again as pid ${child.pid}`;
  },
};
