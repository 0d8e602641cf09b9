/**
 * Reading a goal without a model: where it is about (a folder), which files (kind, age, size),
 * and what should happen to them (archive, move, copy, delete, or only a report). The roles share
 * this reading so that the researcher looks where the planner will act and the validator checks
 * what the planner meant.
 *
 * @example
 * readGoal('find the largest log files in ~/logs and archive the ones older than a week');
 * // { dir: '~/logs', ext: ['log'], olderThan: '7d', largest: 10, action: 'archive', to: undefined }
 */

export type GoalAction = 'archive' | 'move' | 'copy' | 'delete' | 'report';

export interface GoalReading {
  /** The folder the goal is about, as written (`~/logs`), or `~` when it names none. */
  dir: string;
  /** File extensions it is about, without the dot; empty: every file. */
  ext: string[];
  /** A minimum age as a files.find duration (`7d`), when it asks for old files. */
  olderThan?: string;
  /** How many of the largest it asks about, when it asks for the largest. */
  largest?: number;
  action: GoalAction;
  /** Where moved or copied files should go, as written. */
  to?: string;
}

const KINDS: Record<string, string[]> = {
  log: ['log'],
  logs: ['log'],
  text: ['txt'],
  txt: ['txt'],
  markdown: ['md'],
  pdf: ['pdf'],
  pdfs: ['pdf'],
  image: ['png', 'jpg', 'jpeg', 'gif'],
  images: ['png', 'jpg', 'jpeg', 'gif'],
  photo: ['png', 'jpg', 'jpeg'],
  photos: ['png', 'jpg', 'jpeg'],
  csv: ['csv'],
  json: ['json'],
};

const UNITS: Record<string, string> = {
  minute: 'm',
  minutes: 'm',
  hour: 'h',
  hours: 'h',
  day: 'd',
  days: 'd',
  week: 'w',
  weeks: 'w',
  month: 'mo',
  months: 'mo',
  year: 'y',
  years: 'y',
};

const NUMBERS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, ten: 10 };

const PATH = String.raw`(~(?:\/[\w.\-]+)*\/?|\.{0,2}\/[\w.\-\/]+|[\w.\-]+\/[\w.\-\/]*)`;

export function readGoal(goal: string): GoalReading {
  const text = goal.trim();
  const lower = text.toLowerCase();
  const to = new RegExp(String.raw`\b(?:to|into)\s+${PATH}`, 'i').exec(text)?.[1];
  const paths = [...text.matchAll(new RegExp(PATH, 'g'))].map((m) => m[1]).filter((p) => p !== to);
  const dir = (paths[0] ?? '~').replace(/\/$/, '') || '~';
  const ext = new Set<string>();
  for (const m of lower.matchAll(/\b([a-z]+)\s+files?\b|\*\.([a-z0-9]+)|\b\.([a-z0-9]{1,8})\s+files?\b/g)) {
    const word = m[1] ?? m[2] ?? m[3];
    for (const e of KINDS[word] ?? (m[1] === undefined ? [word] : [])) ext.add(e);
  }
  if (ext.size === 0 && /\blogs\b/.test(lower)) ext.add('log');
  const age = /\b(?:older than|more than|over)\s+(an?|one|two|three|four|five|ten|\d+)\s+([a-z]+)/.exec(
    lower,
  );
  const unit = age ? UNITS[age[2]] : undefined;
  const olderThan = age && unit ? `${NUMBERS[age[1]] ?? Number(age[1])}${unit}` : undefined;
  const many = /\b(?:the\s+)?(\d+|two|three|four|five|ten)\s+(?:largest|biggest)\b/.exec(lower);
  const largest = /\b(largest|biggest)\b/.test(lower)
    ? many
      ? (NUMBERS[many[1]] ?? Number(many[1]))
      : 10
    : undefined;
  return {
    dir,
    ext: [...ext],
    ...(olderThan ? { olderThan } : {}),
    ...(largest ? { largest } : {}),
    action: actionOf(lower),
    ...(to ? { to: to.replace(/\/$/, '') } : {}),
  };
}

function actionOf(lower: string): GoalAction {
  if (/\b(archive|zip|compress|pack)\b/.test(lower)) return 'archive';
  if (/\b(delete|remove|erase|clean ?up)\b/.test(lower)) return 'delete';
  if (/\b(move|relocate)\b/.test(lower) && /\b(to|into)\b/.test(lower)) return 'move';
  if (/\bcopy\b/.test(lower) && /\b(to|into)\b/.test(lower)) return 'copy';
  return 'report';
}

/** The folder as the tools take it: under HOME, relative to it (the planner's roots for agents). */
export function toolPath(path: string): string {
  if (path === '~') return '.';
  return path.startsWith('~/') ? path.slice(2) : path;
}
