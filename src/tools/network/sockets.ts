/**
 * Sockets as Linux shows them in /proc/net: the ports this machine listens on, and which
 * process owns each (where this user may look into the process's file descriptors). Shared by
 * the network tool's port listing and the process tool's "the process that owns port N".
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export interface Listen {
  proto: 'tcp' | 'tcp6' | 'udp' | 'udp6';
  address: string;
  port: number;
  inode: number;
}

function hexAddress(hex: string): string {
  if (hex.length === 8)
    return [3, 2, 1, 0].map((i) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.');
  if (/^0+$/.test(hex)) return '::';
  if (hex === '00000000000000000000000001000000') return '::1';
  const words: string[] = [];
  for (let i = 0; i < 32; i += 8) {
    const w = hex.slice(i, i + 8);
    const le = w.match(/../g)!.reverse().join('');
    words.push(le.slice(0, 4), le.slice(4));
  }
  return words.map((w) => w.replace(/^0+(?=.)/, '')).join(':');
}

export function listening(): Listen[] {
  const out: Listen[] = [];
  for (const proto of ['tcp', 'tcp6', 'udp', 'udp6'] as const) {
    let text = '';
    try {
      text = readFileSync(`/proc/net/${proto}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10) continue;
      const state = f[3];
      if (proto.startsWith('tcp') ? state !== '0A' : state !== '07') continue;
      const [addr, port] = f[1].split(':');
      out.push({ proto, address: hexAddress(addr), port: Number.parseInt(port, 16), inode: Number(f[9]) });
    }
  }
  return out;
}

/** socket inode -> pid and name, for the processes we may look into. */
export function socketOwners(): Map<number, { pid: number; name: string }> {
  const owners = new Map<number, { pid: number; name: string }>();
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  } catch {
    return owners;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    let name = '';
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (!m) continue;
        name ||= readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
        owners.set(Number(m[1]), { pid: Number(pid), name });
      } catch {
        // closed meanwhile
      }
    }
  }
  return owners;
}

/** Pids of the processes listening on `port` (TCP or UDP, any address). */
export function portOwners(port: number): number[] {
  const inodes = new Set(
    listening()
      .filter((l) => l.port === port)
      .map((l) => l.inode),
  );
  if (inodes.size === 0) return [];
  const owners = socketOwners();
  return [...new Set([...inodes].flatMap((inode) => owners.get(inode)?.pid ?? []))];
}
