/**
 * Read-only probes of the world a plan assumes: whether a path is there, the nearest folder
 * that is, its free space (statfs) and filesystem, which processes hold a file open (their
 * /proc/PID/fd links), whether a process lives, whether a service is active, whether a git
 * repository has uncommitted changes. None writes anything: git runs with
 * --no-optional-locks, so even its index is left as it was.
 *
 * @example
 * const probes = systemProbes(ctx);
 * probes.space('/srv/backups');   // { free: 1234567, size: 9876543, dev: 2049 }
 */
import {
  accessSync,
  constants,
  lstatSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statfsSync,
  statSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { runGit } from '../../tools/git/run.ts';
import type { ToolContext } from '../../tools/types.ts';
import { CRITIQUE_LIMITS } from '../limits.ts';

export interface Probes {
  exists(path: string): boolean;
  /** The path itself or its nearest ancestor that exists, with what it is and whether Atlas may write in it. */
  nearest(path: string): { path: string; dir: boolean; writable: boolean };
  /** Free and total bytes of the filesystem `path` (which exists) is on, and its device. */
  space(path: string): { free: number; size: number; dev: number };
  device(path: string): number;
  /** Processes (pid and name) other than this one holding `path`, or something below it, open. */
  openBy(path: string): { pid: number; name: string }[];
  alive(pid: number): boolean;
  /** systemd's word for a service ('active', 'inactive', 'failed', …), or undefined without systemd. */
  service(name: string, user: boolean): Promise<string | undefined>;
  /** How many paths have uncommitted changes in the repository at `dir`, or undefined when it is none. */
  gitChanges(dir: string): Promise<number | undefined>;
}

/** The probes of this machine, read through `ctx` where a program runs. */
export function systemProbes(ctx: ToolContext): Probes {
  let open: Map<string, { pid: number; name: string }[]> | undefined;
  return {
    exists: (path) => {
      try {
        lstatSync(path);
        return true;
      } catch {
        return false;
      }
    },
    nearest(path) {
      let p = path;
      for (;;) {
        try {
          const st = statSync(p);
          let writable = true;
          try {
            accessSync(p, constants.W_OK);
          } catch {
            writable = false;
          }
          return { path: p, dir: st.isDirectory(), writable };
        } catch {
          const up = dirname(p);
          if (up === p) return { path: p, dir: true, writable: false };
          p = up;
        }
      }
    },
    space(path) {
      const fs = statfsSync(path);
      return { free: fs.bavail * fs.bsize, size: fs.blocks * fs.bsize, dev: statSync(path).dev };
    },
    device: (path) => statSync(path).dev,
    openBy(path) {
      open ??= openFiles();
      const found = new Map<number, { pid: number; name: string }>();
      for (const [file, holders] of open)
        if (file === path || file.startsWith(`${path}/`)) for (const h of holders) found.set(h.pid, h);
      return [...found.values()];
    },
    alive(pid) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
      } catch {
        return false;
      }
    },
    async service(name, user) {
      try {
        statSync('/run/systemd/system');
      } catch {
        return undefined;
      }
      const r = await ctx.exec('systemctl', [...(user ? ['--user'] : []), 'is-active', name], {
        timeoutMs: CRITIQUE_LIMITS.PROBE_TIMEOUT_MS,
      });
      return r.missing ? undefined : r.stdout.trim() || 'unknown';
    },
    async gitChanges(dir) {
      const r = await runGit(ctx, dir, ['--no-optional-locks', 'status', '--porcelain']);
      if (r.missing || r.code !== 0) return undefined;
      return r.stdout.split('\n').filter((l) => l.trim() !== '').length;
    },
  };
}

/** Every file some process (not this one) holds open: one pass over /proc/PID/fd, bounded. */
function openFiles(): Map<string, { pid: number; name: string }[]> {
  const files = new Map<string, { pid: number; name: string }[]>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d) && Number(d) !== process.pid);
  } catch {
    return files;
  }
  for (const pid of pids.slice(0, CRITIQUE_LIMITS.OPEN_FILES_MAX_PROCESSES)) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // another user's process, or gone
    }
    let name = '';
    try {
      name = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      // gone since
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (!target.startsWith('/')) continue;
      const list = files.get(target) ?? [];
      if (!list.some((h) => h.pid === Number(pid))) list.push({ pid: Number(pid), name });
      files.set(target, list);
    }
  }
  return files;
}
