/**
 * aios shell: talk to Atlas in a session. Each line is a request with the same flow as
 * `aios do` (plan, confirm, run, result), and the session remembers what the last request
 * touched, so "and now zip them" works. History is kept in $AIOS_HOME/shell_history; Tab
 * completes commands, request words and file names.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface, type Interface } from 'node:readline/promises';
import { doubtQuestion } from '../../shell/reflect.ts';
import { confirmQuestion, renderOutcome, renderPlan, renderUnclear } from '../../shell/render.ts';
import { type AtlasPort, withAtlas } from '../atlas-port.ts';
import type { Command, CommandContext } from '../command.ts';
import { printable } from '../printable.ts';

const BUILTINS = ['help', 'exit', 'quit', 'undo', 'history', 'cd', 'pwd', 'explain'];
const WORDS = [
  'list',
  'show',
  'find',
  'delete',
  'remove',
  'move',
  'copy',
  'rename',
  'zip',
  'unzip',
  'extract',
  'compress',
  'organise',
  'search',
  'replace',
  'count',
  'create',
  'write',
  'append',
  'kill',
  'install',
  'uninstall',
  'commit',
  'stage',
  'stash',
  'fetch',
  'resolve',
  'the',
  'biggest',
  'largest',
  'newest',
  'files',
  'folder',
  'processes',
  'memory',
  'disk',
  'git',
  'status',
  'and',
  'now',
  'them',
  'into',
  'older',
  'than',
  'days',
];
const HISTORY_SIZE = 1000;

const HELP = `Say what you want done, for example:
  show the 5 biggest files here          find all pdfs       and now zip them
  delete log files older than 30 days    git status          how much memory is free
Commands: undo [ID], history, cd DIR, pwd, explain (toggle details), help, exit`;

const command: Command = {
  name: 'shell',
  summary: 'Talk to Atlas interactively: requests, confirmation, undo, with history and context',
  usage: ['shell'],
  help: HELP,
  async run(ctx) {
    const historyFile = join(ctx.home, 'shell_history');
    return withAtlas(ctx.home, async (atlas) => {
      const state = { cwd: process.cwd(), explain: false, session: `shell-${process.pid}-${Date.now()}` };
      const history = loadHistory(historyFile);
      const rl = createInterface({
        input: process.stdin,
        output: process.stdout,
        terminal: process.stdin.isTTY,
        history: [...history],
        historySize: HISTORY_SIZE,
        completer: (line: string) => complete(line, state.cwd),
      });
      if (process.stdin.isTTY)
        ctx.out(
          `Atlas — say what you want done (help, exit). ${atlas.remote ? 'Using the running system.' : ''}`,
        );
      const lines = new Lines(rl);
      let code = 0;
      for (;;) {
        const line = await lines.next(printable(`atlas ${state.cwd.split('/').pop() || '/'}> `));
        if (line === undefined) break;
        const text = line.trim();
        if (text === '') continue;
        if (history[0] !== text) history.unshift(text);
        saveHistory(historyFile, history);
        if (text === 'exit' || text === 'quit') break;
        try {
          code = (await step(text, atlas, lines, state, ctx)) ? 0 : 1;
        } catch (error) {
          ctx.err(`atlas: ${(error as Error).message}`);
          code = 1;
        }
      }
      rl.close();
      return code;
    });
  },
};

export default command;

/**
 * Lines typed (or piped) into the session, in order. readline emits lines as they arrive,
 * also while a request is still running; they queue here until the session asks for one.
 */
class Lines {
  readonly #rl: Interface;
  readonly #queue: string[] = [];
  readonly #waiting: ((line: string | undefined) => void)[] = [];
  #closed = false;

  constructor(rl: Interface) {
    this.#rl = rl;
    rl.on('line', (line) => {
      const next = this.#waiting.shift();
      if (next) next(line);
      else this.#queue.push(line);
    });
    rl.on('close', () => {
      this.#closed = true;
      for (const w of this.#waiting.splice(0)) w(undefined);
    });
  }

  /** Shows `prompt` and resolves with the next line, or undefined when input has ended. */
  next(prompt: string): Promise<string | undefined> {
    this.#rl.setPrompt(prompt);
    this.#rl.prompt();
    const queued = this.#queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.#closed) return Promise.resolve(undefined);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }
}

/** One line of the session; false when it failed or was refused. */
async function step(
  text: string,
  atlas: AtlasPort,
  lines: Lines,
  state: { cwd: string; explain: boolean; session: string },
  ctx: CommandContext,
): Promise<boolean> {
  const [word, ...rest] = text.split(/\s+/);
  switch (word) {
    case 'help':
      ctx.out(HELP);
      return true;
    case 'pwd':
      ctx.out(state.cwd);
      return true;
    case 'explain':
      state.explain = !state.explain;
      ctx.out(`explain ${state.explain ? 'on' : 'off'}`);
      return true;
    case 'cd': {
      const to = resolve(
        state.cwd,
        (rest.join(' ') || process.env.HOME || '/').replace(/^~(?=$|\/)/, process.env.HOME ?? '~'),
      );
      if (!existsSync(to) || !statSync(to).isDirectory()) {
        ctx.err(`cd: '${rest.join(' ')}' is not a directory`);
        return false;
      }
      state.cwd = to;
      return true;
    }
    case 'undo': {
      if (rest.length > 0 && !/^\d+$/.test(rest[0])) break; // "undo the last change" is a request
      const r = await atlas.undo(rest[0]);
      ctx.out(`Undid request ${r.undoId}: ${r.restored.length} restored`);
      for (const c of r.conflicts) ctx.err(`  ${c}`);
      return r.conflicts.length === 0;
    }
    case 'history':
      if (rest.length > 0) break;
      for (const h of await atlas.history(10))
        ctx.out(`${h.id.padStart(4)}  ${h.status.padEnd(7)}  ${h.request}`);
      return true;
  }
  const planned = await atlas.plan(text, { cwd: state.cwd, session: state.session });
  if (planned.steps.length === 0) {
    for (const line of renderUnclear(planned)) ctx.out(line);
    return false;
  }
  for (const line of renderPlan(planned, { cwd: state.cwd, explain: state.explain })) ctx.out(line);
  const acceptDoubts = (planned.doubts?.length ?? 0) > 0;
  if (acceptDoubts) {
    const answer = await lines.next(printable(`${doubtQuestion(planned)}. Run it anyway? [y/N] `));
    if (!/^\s*y(es)?\s*$/i.test(answer ?? '')) {
      ctx.out('Cancelled; nothing was changed.');
      return false;
    }
  }
  let confirmed = false;
  if (planned.requiresConfirmation) {
    const answer = await lines.next(printable(confirmQuestion(planned)));
    confirmed = /^\s*y(es)?\s*$/i.test(answer ?? '');
    if (!confirmed) {
      ctx.out('Cancelled; nothing was changed.');
      return false;
    }
  }
  const outcome = await atlas.execute(planned.id, { confirmed, acceptDoubts });
  for (const line of renderOutcome(planned, outcome, { cwd: state.cwd, width: process.stdout.columns }))
    ctx.out(line);
  return outcome.ok;
}

/** Tab completion: commands and request words at the start, file names after. */
export function complete(line: string, cwd: string): [string[], string] {
  const words = line.split(/\s+/);
  const last = words[words.length - 1] ?? '';
  const candidates = words.length === 1 ? [...BUILTINS, ...WORDS] : [...WORDS, ...names(cwd, last)];
  const hits = [...new Set(candidates.filter((c) => c.startsWith(last)))].sort();
  return [hits, last];
}

function names(cwd: string, prefix: string): string[] {
  const dir = prefix.includes('/') ? resolve(cwd, dirname(prefix)) : cwd;
  const head = prefix.includes('/') ? `${dirname(prefix)}/` : '';
  try {
    return readdirSync(dir, { withFileTypes: true }).map(
      (d) => `${head}${d.name}${d.isDirectory() ? '/' : ''}`,
    );
  } catch {
    return [];
  }
}

function loadHistory(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(0, HISTORY_SIZE);
  } catch {
    return [];
  }
}

function saveHistory(file: string, lines: string[]): void {
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `${lines.slice(0, HISTORY_SIZE).join('\n')}\n`, { mode: 0o600 });
  } catch {
    // history is a convenience; never fail a request over it
  }
}
