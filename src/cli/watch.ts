/**
 * `--watch` for a service operation declared with `cli: { watch: true }` (memory reembed): the
 * operation is asked again and again, each answer `{ jobs: [{ done, total, state, … }] }` drawn
 * as one progress bar a job on a terminal, or printed as one JSON line a job whenever it changes
 * otherwise (and with --json), until every job is done. A job that waits (its `error` says why)
 * ends the watch with that line and exit 1; the work goes on in the background.
 *
 * @example
 * // aios memory reembed --watch
 * // agent/alice  [##########----------]  52%  1040/2000  onnx:model.onnx@3f2a…
 */
import { CliError } from './command.ts';

interface Job {
  done: number;
  total: number;
  state: string;
  error?: string;
  [key: string]: unknown;
}

/** How often the operation is asked again. */
const POLL_MS = 500;
const BAR = 24;

export async function watchJobs(
  ask: () => Promise<unknown>,
  options: { json: boolean; tty: boolean; write: (text: string) => void },
): Promise<number> {
  let drawn = 0;
  const last = new Map<string, string>();
  for (;;) {
    const answer = (await ask()) as { jobs?: Job[] };
    const jobs = answer.jobs ?? [];
    if (options.tty && !options.json) {
      // redraw the bars in place: up over the lines drawn last time
      const lines = jobs.map(bar);
      options.write(`${drawn > 0 ? `\x1b[${drawn}A` : ''}${lines.map((l) => `\r\x1b[2K${l}\n`).join('')}`);
      drawn = lines.length;
    } else {
      for (const job of jobs) {
        const line = JSON.stringify(job);
        const key = label(job);
        if (last.get(key) !== line) options.write(`${line}\n`);
        last.set(key, line);
      }
    }
    const waiting = jobs.find((j) => j.state === 'waiting');
    if (waiting)
      throw new CliError(`${label(waiting)}: ${waiting.error ?? 'waiting'}; it goes on in the background`);
    if (jobs.every((j) => j.state === 'done')) {
      if (jobs.length === 0 && !options.json) options.write('nothing to do\n');
      return 0;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The job's name: its first text field (the namespace). */
function label(job: Job): string {
  return String(Object.values(job).find((v) => typeof v === 'string') ?? '');
}

function bar(job: Job): string {
  const share = job.total > 0 ? Math.min(1, job.done / job.total) : 1;
  const filled = Math.round(share * BAR);
  const target = typeof job.to === 'string' ? `  ${job.to}` : '';
  return `${label(job)}  [${'#'.repeat(filled)}${'-'.repeat(BAR - filled)}]  ${String(Math.round(share * 100)).padStart(3)}%  ${job.done}/${job.total}  ${job.state}${target}`;
}
