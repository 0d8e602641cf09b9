/**
 * The system tool (all risk 0): disk space per filesystem, memory, CPU, load, uptime, OS
 * information, the largest files under a directory, and the installed version of a runtime.
 */
import { readFileSync, statfsSync } from 'node:fs';
import os from 'node:os';
import { z } from 'zod';
import { PathArg } from '../files/args.ts';
import { findEntries } from '../files/inspect.ts';
import { action, type ToolDef, ToolError } from '../types.ts';
import { version } from './version.ts';

const NoArgs = z.object({}).strict();
const readOnly = (summary: string) => async () => ({ summary, paths: [], bytes: 0 });

/** Filesystems that hold files people store (not proc, sysfs, cgroups…). */
const PSEUDO = new Set([
  'proc',
  'sysfs',
  'devpts',
  'cgroup',
  'cgroup2',
  'mqueue',
  'debugfs',
  'tracefs',
  'securityfs',
  'pstore',
  'bpf',
  'configfs',
  'fusectl',
  'hugetlbfs',
  'autofs',
  'binfmt_misc',
  'nsfs',
  'rpc_pipefs',
  'devtmpfs',
  'efivarfs',
]);

function mounts(): { device: string; mount: string; type: string }[] {
  let text = '';
  try {
    text = readFileSync('/proc/mounts', 'utf8');
  } catch {
    return [{ device: '/', mount: '/', type: 'unknown' }];
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [device, mount, type] = line.split(' ');
      return { device, mount: mount.replace(/\\040/g, ' '), type };
    })
    .filter((m) => !PSEUDO.has(m.type) && !m.mount.startsWith('/proc') && !m.mount.startsWith('/sys'));
}

const DiskArgs = z
  .object({ path: PathArg.optional().describe('Only the filesystem holding this path') })
  .strict();

const disk = action<z.infer<typeof DiskArgs>>({
  tool: 'system',
  action: 'disk',
  summary: 'Free and used space of each filesystem (like df)',
  args: DiskArgs,
  risk: 0,
  preview: readOnly('measure filesystems'),
  run: async (a, ctx) => {
    const seen = new Set<string>();
    const disks: {
      mount: string;
      type: string;
      device: string;
      size: number;
      used: number;
      free: number;
      usePercent: number;
    }[] = [];
    const list = a.path ? [{ device: '', mount: ctx.paths.resolve(a.path), type: '' }] : mounts();
    for (const m of list) {
      let st: ReturnType<typeof statfsSync>;
      try {
        st = statfsSync(m.mount);
      } catch {
        continue;
      }
      const size = st.blocks * st.bsize;
      if (size < 1024 * 1024) continue; // bind-mounted files and tiny pseudo filesystems
      const key = `${m.device}:${st.blocks}:${st.bfree}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const free = st.bavail * st.bsize;
      const used = size - st.bfree * st.bsize;
      disks.push({
        mount: m.mount,
        type: m.type,
        device: m.device,
        size,
        used,
        free,
        usePercent: Math.round((used / (used + free)) * 100),
      });
    }
    disks.sort((x, y) => (x.mount < y.mount ? -1 : 1));
    return { disks };
  },
});

function meminfo(): Record<string, number> {
  const out: Record<string, number> = {};
  try {
    for (const line of readFileSync('/proc/meminfo', 'utf8').split('\n')) {
      const m = /^(\w+):\s+(\d+)\s*kB/.exec(line);
      if (m) out[m[1]] = Number(m[2]) * 1024;
    }
  } catch {
    // not Linux: os.totalmem/freemem below
  }
  return out;
}

const memory = action({
  tool: 'system',
  action: 'memory',
  summary: 'Total, used, free and available memory and swap',
  args: NoArgs,
  risk: 0,
  preview: readOnly('read memory figures'),
  run: async () => {
    const info = meminfo();
    const total = info.MemTotal ?? os.totalmem();
    const available = info.MemAvailable ?? os.freemem();
    return {
      total,
      used: total - available,
      free: info.MemFree ?? os.freemem(),
      available,
      usePercent: Math.round(((total - available) / total) * 100),
      swapTotal: info.SwapTotal ?? 0,
      swapFree: info.SwapFree ?? 0,
    };
  },
});

function cpuTimes(): { idle: number; total: number } {
  let idle = 0;
  let total = 0;
  for (const c of os.cpus()) {
    idle += c.times.idle;
    total += c.times.idle + c.times.user + c.times.nice + c.times.sys + c.times.irq;
  }
  return { idle, total };
}

const cpu = action({
  tool: 'system',
  action: 'cpu',
  summary: 'CPU model, cores, speed and current usage (sampled over 200 ms)',
  args: NoArgs,
  risk: 0,
  preview: readOnly('sample CPU usage'),
  run: async () => {
    const a = cpuTimes();
    await new Promise((r) => setTimeout(r, 200));
    const b = cpuTimes();
    const busy = b.total - a.total === 0 ? 0 : 1 - (b.idle - a.idle) / (b.total - a.total);
    const cpus = os.cpus();
    return {
      model: cpus[0]?.model.trim() ?? 'unknown',
      cores: cpus.length,
      speedMHz: cpus[0]?.speed ?? 0,
      arch: os.arch(),
      usagePercent: Math.round(busy * 100),
    };
  },
});

const load = action({
  tool: 'system',
  action: 'load',
  summary: 'Load averages over 1, 5 and 15 minutes, against the number of cores',
  args: NoArgs,
  risk: 0,
  preview: readOnly('read load averages'),
  run: async () => {
    const [load1, load5, load15] = os.loadavg();
    return { load1, load5, load15, cores: os.availableParallelism() };
  },
});

const uptime = action({
  tool: 'system',
  action: 'uptime',
  summary: 'How long the machine has been running, and since when',
  args: NoArgs,
  risk: 0,
  preview: readOnly('read uptime'),
  run: async (_a, ctx) => {
    const seconds = Math.round(os.uptime());
    return { seconds, since: new Date(ctx.now() - seconds * 1000).toISOString() };
  },
});

function osRelease(): string | undefined {
  try {
    const m = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'));
    return m?.[1];
  } catch {
    return undefined;
  }
}

const osInfo = action({
  tool: 'system',
  action: 'os',
  summary: 'Operating system, distribution, kernel version, architecture and host name',
  args: NoArgs,
  risk: 0,
  preview: readOnly('read OS information'),
  run: async () => ({
    name: osRelease() ?? os.type(),
    kernel: `${os.type()} ${os.release()}`,
    platform: os.platform(),
    arch: os.arch(),
    hostname: os.hostname(),
    user: os.userInfo().username,
    node: process.version,
  }),
});

const LargestArgs = z
  .object({
    path: PathArg.default('~').describe('Where to look (default: your home directory)'),
    limit: z.number().int().min(1).max(1000).default(10),
  })
  .strict();

const largest = action<z.infer<typeof LargestArgs>>({
  tool: 'system',
  action: 'largest',
  summary: 'The largest files under a directory (default: home)',
  args: LargestArgs,
  risk: 0,
  preview: async (a, ctx) => ({
    summary: `search ${a.path} for large files`,
    paths: [ctx.paths.resolve(a.path)],
    bytes: 0,
  }),
  run: async (a, ctx) => {
    const { entries, total } = findEntries(
      { path: a.path, type: 'file', recursive: true, sort: 'size', limit: a.limit, hidden: true },
      ctx,
    );
    if (total === 0) throw new ToolError(`No files under '${a.path}'`);
    return {
      entries: entries.map((e) => ({
        path: e.path,
        type: e.type,
        size: e.size,
        mtime: new Date(e.mtimeMs).toISOString(),
      })),
      total,
      bytes: entries.reduce((n, e) => n + e.size, 0),
    };
  },
});

export const system: ToolDef = {
  name: 'system',
  summary: 'The machine: disks, memory, CPU, load, uptime, OS',
  actions: [disk, memory, cpu, load, uptime, osInfo, largest, version],
};
