/**
 * Processes said by their relation to another: the parent of a program (or of one pid), its
 * children, or the process that owns a port. Each is resolved from the process table when the
 * kill is previewed, so the person confirms the very pids that will be signalled, and an
 * ambiguous relation (a program running under two parents) is an error that says how to choose.
 */
import { portOwners } from '../network/sockets.ts';
import { ToolError } from '../types.ts';
import { listProcs, type ProcInfo, procsNamed, readProc } from './proc.ts';

export type Relation = 'parent' | 'children';

/** What a kill said by relation resolves to, and how to say it in the preview. */
export interface Related {
  procs: ProcInfo[];
  /** "the parent of pollerd (4242)", "the owner of port 8080". */
  said: string;
}

/** The processes the relation names; throws ToolError when there are none or it is unclear. */
export function related(a: { relation?: Relation; name?: string; pids?: number[]; port?: number }): Related {
  if (a.port !== undefined) {
    const procs = portOwners(a.port).flatMap((pid) => readProc(pid) ?? []);
    if (procs.length === 0)
      throw new ToolError(
        `No process this user can see listens on port ${a.port}; nothing was stopped. List the ports with "which ports are open"`,
      );
    return { procs, said: `the owner of port ${a.port}` };
  }
  const of = subjects(a);
  const label = `${a.name ? `'${a.name}'` : 'process'} (${of.map((p) => p.pid).join(', ')})`;
  if (a.relation === 'parent') {
    const parents = [...new Set(of.map((p) => p.ppid))];
    if (parents.length > 1)
      throw new ToolError(
        `${label} runs under ${parents.length} different parents (${parents.join(', ')}); nothing was stopped. Say which: kill the parent of process ${of[0].pid}`,
      );
    const parent = parents[0] > 0 ? readProc(parents[0]) : undefined;
    if (!parent) throw new ToolError(`The parent of ${label} is not a process that can be stopped`);
    return { procs: [parent], said: `the parent of ${label}` };
  }
  const pids = new Set(of.map((p) => p.pid));
  const children = listProcs().filter((p) => pids.has(p.ppid) && p.state !== 'Z');
  if (children.length === 0) throw new ToolError(`${label} has no child processes; nothing was stopped`);
  return { procs: children, said: `the children of ${label}` };
}

/** The process the relation is of: one pid given, or every live process of the name. */
function subjects(a: { name?: string; pids?: number[] }): ProcInfo[] {
  if (a.pids) {
    if (a.pids.length !== 1) throw new ToolError('A relation is of one process; give one pid');
    const p = readProc(a.pids[0]);
    if (!p) throw new ToolError(`No process has pid ${a.pids[0]}`);
    return [p];
  }
  if (!a.name) throw new ToolError('The parent or children of which process? Give its name or pid');
  const procs = procsNamed(a.name).filter((p) => p.pid !== process.pid && p.state !== 'Z');
  if (procs.length === 0) throw new ToolError(`No process is named '${a.name}'`);
  return procs;
}
