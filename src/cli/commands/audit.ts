/**
 * aios audit verify [FILE] | export [--out FILE] | tail [-n N] [--follow]
 */
import { once } from 'node:events';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type JournalReport, verifyExport, verifyStore } from '../../platform/journal.ts';
import { socketPath } from '../../platform/paths.ts';
import { Store } from '../../platform/store.ts';
import { CliError, type Command, type CommandContext, intArg, UsageError } from '../command.ts';
import { api, isUp } from '../connect.ts';

function openStore(home: string): Store {
  if (!existsSync(join(home, 'aios.db')))
    throw new CliError(`No aios store in ${home}; run 'aios up' once to create it`);
  return Store.open(home);
}

/** Exit status of `aios audit verify` when the chain is intact but its tail is not signed. */
const EXIT_UNSEALED = 3;

function printReport(ctx: CommandContext, report: Omit<JournalReport, 'sealHash'>, what: string): number {
  const key = report.keyFingerprint ? ` (key ${report.keyFingerprint})` : '';
  if (ctx.json) {
    ctx.out(JSON.stringify(report));
  } else if (!report.ok) {
    const bad = report.firstBad!;
    ctx.out(`${what} is BROKEN at entry ${bad.seq}${bad.line ? ` (line ${bad.line})` : ''}: ${bad.reason}`);
  } else if (report.unsealed === 0) {
    ctx.out(
      `${what} verifies: ${report.entries} entries, ${report.seals} seals, head #${report.headSeq}` +
        `${key} in ${report.ms.toFixed(1)} ms`,
    );
  } else {
    ctx.out(
      `${what} verifies up to #${report.sealedSeq} only (${report.seals} seals${key}); ` +
        `the last ${report.unsealed} entries (#${report.sealedSeq + 1}-#${report.headSeq}) are UNSEALED: ` +
        'no signature covers them, so whoever could write the store could have rewritten them ' +
        '(a running aios signs its tail within a second and at shutdown; this one stopped before it did)',
    );
  }
  if (report.keyNote) ctx.err(`note: ${report.keyNote}`);
  if (!report.ok) return 1;
  return report.unsealed === 0 ? 0 : EXIT_UNSEALED;
}

async function verify(ctx: CommandContext): Promise<number> {
  const file = ctx.positionals[1];
  if (file === undefined) {
    // A running system signs its open block first, then verifies (its own copy is the truth)
    if (isUp(ctx.home)) {
      const report = await api<JournalReport>(ctx.home, 'POST', '/v1/audit/verify');
      return printReport(ctx, report, 'audit chain');
    }
    const store = openStore(ctx.home);
    try {
      return printReport(ctx, verifyStore(store), 'audit chain');
    } finally {
      store.close();
    }
  }
  if (!existsSync(file)) throw new CliError(`No such file '${file}'`);
  const trusted = existsSync(join(ctx.home, 'aios.db')) ? Store.open(ctx.home) : undefined;
  const key = trusted?.publicKey();
  trusted?.close();
  return printReport(ctx, verifyExport(readFileSync(file, 'utf8'), key), file);
}

async function exportCommand(ctx: CommandContext): Promise<number> {
  const out = ctx.values.out as string | undefined;
  if (isUp(ctx.home)) {
    // Through the running system, which signs its open block first: the export is all sealed
    const { download } = await import('../../api/client.ts');
    const file = out ? createWriteStream(out, { mode: 0o600 }) : process.stdout;
    await download(socketPath(ctx.home), '/v1/audit/export', file);
    if (out) {
      file.end();
      await once(file, 'finish');
      ctx.err(`exported the journal to ${out}`);
    }
    return 0;
  }
  const { exportJournal } = await import('../../platform/journal.ts');
  const store = openStore(ctx.home);
  try {
    const count = await exportJournal(store, out ?? process.stdout);
    if (out) ctx.err(`exported ${count} entries to ${out}`);
    return 0;
  } finally {
    store.close();
  }
}

function human(line: string): string {
  const e = JSON.parse(line) as {
    seq: number;
    t: number;
    kind: string;
    pid: number;
    what: string;
    ok: boolean;
    code?: string;
    detail?: unknown;
  };
  const time = new Date(e.t).toISOString().replace('T', ' ').slice(0, 23);
  const detail = e.detail === undefined ? '' : ` ${JSON.stringify(e.detail)}`;
  return `${String(e.seq).padStart(7)} ${time} pid ${String(e.pid).padEnd(5)} ${e.kind.padEnd(9)} ${e.what} ${e.ok ? 'ok' : e.code ? `DENIED ${e.code}` : 'failed'}${detail}`;
}

async function tail(ctx: CommandContext): Promise<number> {
  const n = intArg(ctx.values.lines, '--lines', 0) ?? 10;
  const store = openStore(ctx.home);
  const print = (line: string) => ctx.out(ctx.json ? line : human(line));
  try {
    const head = store.audit.lastSeq();
    let after = Math.max(0, head - n);
    for (const line of store.audit.page(after, n)) print(line);
    after = head;
    if (!ctx.values.follow) return 0;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        for (const line of store.audit.page(after, 1000)) {
          print(line);
          after = Number(line.slice(7, line.indexOf(',', 7)));
        }
      }, 200);
      const stop = () => {
        clearInterval(timer);
        resolve();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  } finally {
    store.close();
  }
}

const audit: Command = {
  name: 'audit',
  summary: 'Verify, export or follow the audit chain',
  usage: ['audit verify [FILE]', 'audit export [--out FILE]', 'audit tail [--lines N] [--follow]'],
  help: `verify        check the live journal (or an exported FILE); exit 1 and name the first bad entry if
              not; exit 3 when it is intact but its last entries are unsealed (under no signature)
export        write the journal as JSONL with a signed trailer (to stdout, or --out FILE)
tail          show the last entries (--lines N, default 10); --follow keeps printing new ones`,
  options: {
    out: { type: 'string', short: 'o' },
    lines: { type: 'string', short: 'n' },
    follow: { type: 'boolean', short: 'f' },
  },
  maxPositionals: 2,
  async run(ctx) {
    const sub = ctx.positionals[0];
    if (sub === 'verify') return verify(ctx);
    if (ctx.positionals.length > 1) throw new UsageError(`unexpected argument '${ctx.positionals[1]}'`);
    if (sub === 'export') return exportCommand(ctx);
    if (sub === 'tail') return tail(ctx);
    throw new UsageError(
      sub
        ? `unknown audit command '${sub}'; use verify, export or tail`
        : 'missing what to do: verify, export or tail',
    );
  },
};

export default audit;
