/**
 * How one step's result is shown: tables for listings, human sizes, bar charts for disk
 * usage, grep-style lines for searches, key-value lines for the rest. Pure functions from
 * data to lines (render.ts shows plans and outcomes with them).
 */
import { isAbsolute, relative } from 'node:path';
import { bytes, duration, table } from '../cli/format.ts';
import type { PlannedStep } from './types.ts';

export interface RenderOptions {
  cwd: string;
  explain?: boolean;
  /** Terminal width for bars (default 80). */
  width?: number;
}

/** A path as the person sees it: relative to where they are when that is shorter. */
export function shown(path: string, cwd: string): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('../../..') ? path : rel;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function renderResult(step: PlannedStep, output: unknown, o: RenderOptions): string[] {
  if (!isObj(output)) return output === undefined || output === null ? [] : [String(output)];
  if (typeof output.skipped === 'string') return [`(${output.skipped})`];
  const key = `${step.tool}.${step.action}`;
  const p = (x: unknown) => shown(String(x), o.cwd);
  switch (key) {
    case 'files.list':
    case 'files.find':
    case 'files.inventory':
    case 'system.largest':
      return entries(output, o);
    case 'files.usage':
      return bars(
        (output.entries as Obj[]).map((e) => ({
          label: p(e.path) + (e.type === 'dir' ? '/' : ''),
          value: Number(e.size),
        })),
        Number(output.total),
        o,
        `total ${bytes(Number(output.total))} in ${p(output.path)}`,
      );
    case 'files.contents':
      return [
        ...(output.entries as Obj[]).map(
          (e) => `${String(e.name)}${e.type === 'dir' ? '' : `  ${bytes(Number(e.size))}`}`,
        ),
        `${output.total} entries, ${bytes(Number(output.bytes))} unpacked`,
      ];
    case 'system.disk':
      return disks(output.disks as Obj[], o);
    case 'files.read':
      return output.binary
        ? [`${p(output.path)} is a binary file (${bytes(Number(output.bytes))})`]
        : [String(output.text).replace(/\n$/, ''), ...(output.truncated ? ['… (truncated)'] : [])];
    case 'text.head':
    case 'text.tail':
    case 'git.diff':
      return String(output.text ?? '')
        .replace(/\n$/, '')
        .split('\n');
    case 'text.search':
      if (Array.isArray(output.paths))
        return [...(output.paths as string[]).map(p), `${output.paths.length} files`];
      return [
        ...(output.matches as Obj[]).map((m) => `${p(m.path)}:${m.line}: ${m.text}`),
        `${output.total} matches in ${output.files} files`,
      ];
    case 'text.count': {
      const files = output.files as Obj[];
      if (output.what === 'occurrences') {
        const total = Number((output.total as Obj).occurrences);
        return [
          ...files
            .filter((f) => Number(f.occurrences) > 0)
            .map((f) => `${p(f.path)}: ${Number(f.occurrences)}`),
          `'${String(output.pattern)}' occurs ${total} ${total === 1 ? 'time' : 'times'}`,
        ];
      }
      const rows = files.map((f) => [Number(f.lines), Number(f.words), Number(f.chars), p(f.path)]);
      const t = output.total as Obj;
      if (files.length > 1) rows.push([Number(t.lines), Number(t.words), Number(t.chars), 'total']);
      return table(['LINES', 'WORDS', 'CHARS', 'FILE'], rows);
    }
    case 'text.replace':
      return [
        ...(output.changed as Obj[]).map((c) => `${p(c.path)}: ${c.count} replaced`),
        `${output.total} replacements`,
      ];
    case 'files.duplicates': {
      const groups = output.groups as Obj[];
      if (groups.length === 0) return ['No duplicate files'];
      const lines = groups.flatMap((g) => [
        `${bytes(Number(g.size))} × ${(g.paths as string[]).length}:`,
        ...(g.paths as string[]).map((x) => `  ${p(x)}`),
      ]);
      return [...lines, `${groups.length} groups; ${bytes(Number(output.wasted))} in extra copies`];
    }
    case 'process.list':
    case 'process.find': {
      const procs = output.processes as Obj[];
      if (key === 'process.find' && procs.length === 0)
        return [`No process named '${String(output.name)}' is running`];
      // the name first: a long command line would hide it ("is mailsyncd running", "how many")
      const rows = table(
        ['PID', 'NAME', 'USER', 'CPU%', 'MEM', 'COMMAND'],
        procs.map((x) => [
          Number(x.pid),
          String(x.name).slice(0, 24),
          String(x.user),
          Number(x.cpu),
          bytes(Number(x.memory)),
          String(x.command).slice(0, 60),
        ]),
      );
      if (key === 'process.list') return rows;
      const n = procs.length;
      return [`${n} process${n === 1 ? '' : 'es'} named '${String(output.name)}' running`, ...rows];
    }
    case 'process.kill':
      return (output.killed as Obj[]).map(
        (k) => `stopped ${k.pid} (${k.name})${k.exited ? '' : ' — still exiting'}`,
      );
    case 'git.status': {
      const files = output.files as Obj[];
      return [
        `On branch ${output.branch}${Number(output.ahead) ? `, ${output.ahead} ahead` : ''}${Number(output.behind) ? `, ${output.behind} behind` : ''}`,
        ...(files.length === 0
          ? ['Nothing to commit, working tree clean']
          : files.map((f) => `  ${String(f.status).padEnd(2)} ${p(f.path)}`)),
      ];
    }
    case 'git.log':
      if (typeof output.count === 'number') return [`${output.count} commit${output.count === 1 ? '' : 's'}`];
      return (output.commits as Obj[]).map(
        (c) => `${String(c.hash).slice(0, 8)}  ${String(c.date).slice(0, 10)}  ${c.author}  ${c.subject}`,
      );
    case 'git.branch':
      if (Array.isArray(output.branches))
        return (output.branches as Obj[]).map((b) => `${b.current ? '*' : ' '} ${b.name}`);
      break;
    case 'package.search':
      return table(
        ['NAME', 'VERSION', 'DESCRIPTION'],
        (output.results as Obj[]).map((r) => [
          String(r.name),
          String(r.version ?? ''),
          String(r.description ?? '').slice(0, 60),
        ]),
      );
    case 'package.list':
      return [
        ...table(
          ['NAME', 'VERSION'],
          (output.packages as Obj[]).map((x) => [String(x.name), String(x.version)]),
        ),
        `${output.total} packages`,
      ];
    case 'network.get':
      return [
        `${output.status} ${output.statusText} ${output.url} (${output.timeMs} ms, ${bytes(Number(output.bytes))}${output.path ? `, saved to ${p(output.path)}` : ''})`,
        ...(typeof output.body === 'string' ? String(output.body).replace(/\n$/, '').split('\n') : []),
      ];
    case 'network.dns':
      return Array.isArray(output.addresses)
        ? (output.addresses as Obj[]).map((a) => `${output.host}  ${a.address}  (IPv${a.family})`)
        : [JSON.stringify(output.records, null, 2)];
    case 'network.ports': {
      const list = output.ports as Obj[];
      if (output.port !== undefined && list.length === 0) return [`Nothing listens on port ${output.port}`];
      return table(
        ['PROTO', 'ADDRESS', 'PORT', 'PID', 'PROCESS'],
        list.map((x) => [
          String(x.proto),
          String(x.address),
          Number(x.port),
          x.pid === null ? '-' : Number(x.pid),
          String(x.process ?? '-'),
        ]),
      );
    }
    case 'shell.run':
      return [
        String(output.stdout).replace(/\n$/, ''),
        ...(output.stderr ? [String(output.stderr).replace(/\n$/, '')] : []),
      ].filter(Boolean);
    case 'system.memory':
      return [
        ...bars(
          [
            { label: 'used', value: Number(output.used) },
            { label: 'available', value: Number(output.available) },
          ],
          Number(output.total),
          o,
          `total ${bytes(Number(output.total))}`,
        ),
        ...(Number(output.swapTotal) > 0
          ? [
              `swap: ${bytes(Number(output.swapTotal) - Number(output.swapFree))} used of ${bytes(Number(output.swapTotal))}`,
            ]
          : []),
      ];
    case 'system.uptime':
      return [
        `up ${duration(Number(output.seconds) * 1000)} (since ${String(output.since).replace('T', ' ').slice(0, 19)} UTC)`,
      ];
    case 'files.delete':
      return [
        `deleted ${(output.deleted as string[]).map(p).join(', ')} (${bytes(Number(output.bytes))}; kept for undo)`,
      ];
    case 'files.move':
    case 'files.copy':
      return [
        `${step.action === 'move' ? 'moved' : 'copied'} to ${(output.paths as string[]).map(p).join(', ')}`,
      ];
    case 'files.archive':
      return [
        `created ${p(output.path)} (${bytes(Number(output.bytes))}, ${format(output.entries)} from ${bytes(Number(output.from))})`,
      ];
    case 'files.extract':
      return [`extracted ${output.entries} entries (${bytes(Number(output.bytes))}) into ${p(output.path)}`];
    case 'files.write':
      return [`wrote ${p(output.path)} (${bytes(Number(output.bytes))})`];
    case 'files.append':
      return [`added ${bytes(Number(output.bytes))} to ${p(output.path)}`];
    case 'files.mkdir':
      return [`created ${p(output.path)}/`];
    case 'git.add':
      return [`staged: ${(output.staged as string[]).map(p).join(', ') || 'nothing'}`];
    case 'git.commit':
      return [`committed ${String(output.commit).slice(0, 8)} "${output.message}"`];
    case 'git.checkout':
      return [`switched to ${output.branch} (was ${output.previous})`];
    case 'git.stash':
      if (Array.isArray(output.stashes))
        return (output.stashes as Obj[]).map((x) => `${x.ref}  ${x.subject}`);
      return [
        output.popped
          ? `applied and dropped stash ${String(output.popped).slice(0, 8)}`
          : output.stashed
            ? 'changes stashed'
            : 'nothing to stash',
      ];
    case 'package.install':
      return [`installed ${(output.installed as string[]).join(', ')} with ${output.manager}`];
    case 'package.remove':
      return [`removed ${(output.removed as string[]).join(', ')} with ${output.manager}`];
    case 'files.verify':
      return [`verified: ${output.files} files (${bytes(Number(output.bytes))}) arrived`];
    case 'files.organise': {
      const moved = output.moved as Obj[];
      return moved.length === 0 ? ['Nothing to organise'] : moved.map((m) => `${p(m.from)} → ${p(m.to)}`);
    }
  }
  if (typeof output.path === 'string' && Object.keys(output).length <= 3 && step.risk > 0)
    return [`${step.preview.summary}: done`];
  return keyValues(output, o);
}

function entries(output: Obj, o: RenderOptions): string[] {
  const list = output.entries as Obj[];
  if (list.length === 0) return ['No matching files'];
  const rows = list.map((e) => [
    shown(String(e.path), o.cwd) + (e.type === 'dir' ? '/' : ''),
    e.type === 'dir' ? '-' : bytes(Number(e.size)),
    String(e.mtime).replace('T', ' ').slice(0, 16),
  ]);
  const total = Number(output.total);
  const more = total > list.length ? ` (showing ${list.length} of ${total})` : '';
  return [
    ...table(['NAME', 'SIZE', 'MODIFIED'], rows),
    `${total} ${total === 1 ? 'entry' : 'entries'}, ${bytes(Number(output.bytes))}${more}`,
  ];
}

/** Horizontal bars: one per item, scaled to `total`. */
export function bars(
  items: { label: string; value: number }[],
  total: number,
  o: RenderOptions,
  footer?: string,
): string[] {
  const labelWidth = Math.min(40, Math.max(4, ...items.map((i) => i.label.length)));
  const barWidth = Math.max(10, Math.min(40, (o.width ?? 80) - labelWidth - 22));
  const lines = items.map((i) => {
    const share = total > 0 ? i.value / total : 0;
    const filled = Math.round(share * barWidth);
    const label =
      i.label.length > labelWidth ? `…${i.label.slice(-(labelWidth - 1))}` : i.label.padEnd(labelWidth);
    return `${label}  ${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)}  ${bytes(i.value).padStart(9)}  ${String(Math.round(share * 100)).padStart(3)}%`;
  });
  return footer ? [...lines, footer] : lines;
}

function disks(list: Obj[], o: RenderOptions): string[] {
  // One bar per filesystem, each against its own size, labels aligned across all of them.
  const width = Math.min(40, Math.max(...list.map((d) => String(d.mount).length)));
  return list.map((d) => {
    const m = String(d.mount);
    const label = m.length > width ? `…${m.slice(-(width - 1))}` : m.padEnd(width);
    const [line] = bars([{ label, value: Number(d.used) }], Number(d.used) + Number(d.free), o);
    return `${line}  of ${bytes(Number(d.size))}, ${bytes(Number(d.free))} free`;
  });
}

function format(entries: unknown): string {
  return Array.isArray(entries) ? `${entries.length} ${entries.length === 1 ? 'item' : 'items'}` : '';
}

function keyValues(output: Obj, o: RenderOptions): string[] {
  const lines: string[] = [];
  const width = Math.max(...Object.keys(output).map((k) => k.length));
  for (const [k, v] of Object.entries(output)) {
    if (v === null || v === undefined) continue;
    let text: string;
    if (typeof v === 'number' && /^(size|total|used|free|available|bytes|memory|swap\w*)$/i.test(k))
      text = bytes(v);
    else if (typeof v === 'string' && isAbsolute(v)) text = shown(v, o.cwd);
    else if (typeof v === 'object') text = JSON.stringify(v);
    else text = String(v);
    lines.push(`${k.padEnd(width)}  ${text}`);
  }
  return lines;
}
