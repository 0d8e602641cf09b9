/**
 * aios logs [-n N] [-f] [--level L] [--grep TEXT]: show and follow the structured logs
 * ($AIOS_HOME/logs/aios.log, one JSON object a line).
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { LEVELS, type Level } from '../../platform/log.ts';
import { logPath } from '../../platform/paths.ts';
import { type Command, type CommandContext, intArg, UsageError } from '../command.ts';

/** How often a followed log is checked for new lines. */
const POLL_MS = 150;
/** Bytes read from the end of the file to find the last N lines. */
const TAIL_WINDOW = 1 << 20;

interface Entry {
  t?: string;
  level?: string;
  msg?: string;
  [field: string]: unknown;
}

/** One log line for people: time, level, message, then the other fields as key=value. */
export function formatLine(line: string): string {
  let entry: Entry;
  try {
    entry = JSON.parse(line) as Entry;
  } catch {
    return line; // not ours: show it as it is
  }
  const { t, level, msg, ...fields } = entry;
  const time = typeof t === 'string' ? t.replace('T', ' ').replace('Z', '') : '';
  const rest = Object.entries(fields)
    .map(([k, v]) => `${k}=${typeof v === 'string' && !/\s/.test(v) ? v : JSON.stringify(v)}`)
    .join(' ');
  return `${time} ${String(level ?? '')
    .toUpperCase()
    .padEnd(5)} ${msg ?? ''}${rest ? `  ${rest}` : ''}`;
}

function keep(line: string, min: number, grep: string | undefined): boolean {
  if (line.trim() === '') return false;
  if (grep !== undefined && !line.includes(grep)) return false;
  if (min === 0) return true;
  const level = /"level":"(\w+)"/.exec(line)?.[1] as Level | undefined;
  return level === undefined || LEVELS.indexOf(level) >= min;
}

/** The complete lines between `from` and the end of the file, and where the next read starts. */
function readFrom(path: string, from: number): { lines: string[]; next: number } {
  const size = statSync(path).size;
  if (size < from) from = 0; // truncated or replaced: start over
  if (size === from) return { lines: [], next: from };
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(size - from);
    readSync(fd, buffer, 0, buffer.length, from);
    const text = buffer.toString('utf8');
    const end = text.lastIndexOf('\n') + 1; // a half-written last line waits for the next read
    return {
      lines: text.slice(0, end).split('\n').slice(0, -1),
      next: from + Buffer.byteLength(text.slice(0, end)),
    };
  } finally {
    closeSync(fd);
  }
}

async function run(ctx: CommandContext): Promise<number> {
  const n = intArg(ctx.values.lines, '--lines', 0) ?? 50;
  const levelName = (ctx.values.level as string | undefined) ?? 'debug';
  const min = LEVELS.indexOf(levelName as Level);
  if (min < 0) throw new UsageError(`--level must be one of ${LEVELS.join(', ')}, not '${levelName}'`);
  const grep = ctx.values.grep as string | undefined;
  const path = logPath(ctx.home);
  const print = (line: string) => {
    if (keep(line, min, grep)) ctx.out(ctx.json ? line : formatLine(line));
  };
  let position = 0;
  if (existsSync(path)) {
    const size = statSync(path).size;
    const start = Math.max(0, size - TAIL_WINDOW);
    const { lines, next } = readFrom(path, start);
    const complete = start > 0 ? lines.slice(1) : lines; // the first may be cut by the window
    const shown = n === 0 ? [] : complete.filter((l) => keep(l, min, grep)).slice(-n);
    for (const line of shown) print(line);
    position = next;
  } else if (!ctx.values.follow) {
    ctx.err(`No logs yet in ${path}; they appear once aios has run (aios up)`);
    return 0;
  }
  if (!ctx.values.follow) return 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (!existsSync(path)) return;
      const { lines, next } = readFrom(path, position);
      position = next;
      for (const line of lines) print(line);
    }, POLL_MS);
    const stop = () => {
      clearInterval(timer);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

const logs: Command = {
  name: 'logs',
  summary: 'Show and follow the structured logs',
  usage: ['logs [--lines N] [--follow] [--level debug|info|warn|error] [--grep TEXT]'],
  help: `Options:
  -n, --lines N     how many of the last lines to show first (default 50)
  -f, --follow      keep printing new lines until Ctrl-C
  --level L         show only lines of this level or above
  --grep TEXT       show only lines containing TEXT
  --json            print the JSON lines as they are

The log is $AIOS_HOME/logs/aios.log: one JSON object a line with t, level and msg.`,
  options: {
    lines: { type: 'string', short: 'n' },
    follow: { type: 'boolean', short: 'f' },
    level: { type: 'string' },
    grep: { type: 'string' },
  },
  run,
};

export default logs;
