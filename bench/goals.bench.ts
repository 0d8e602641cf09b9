/**
 * Goal inference (src/shell/goals/): how often the goal a person has in mind (deploy, debug,
 * migrate, backup, clean up, secure, install, update, organise, monitor, report) is the one
 * Atlas names, on the development set the classifier was tuned on (test/atlas/goals-dev.ts) and
 * on the held-out set written before it and never tuned on (test/atlas/goals-heldout.ts).
 * Each request is first translated by the offline translator in a small fixture, as `aios do`
 * would, so the classifier reads the plan's actions too. In the same run, the baseline: goal
 * words alone (no typos, no WordNet synonyms, no plan).
 *
 *   node bench/goals.bench.ts          # the report on stdout
 *   npm run bench -- goals             # a section of docs/BENCHMARKS.md
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OfflineTranslator } from '../src/intel/offline/translator.ts';
import { inferGoal, type PlanLike } from '../src/shell/goals/classify.ts';
import { GOAL_KINDS } from '../src/shell/goals/kinds.ts';
import type { Lexicon } from '../src/shell/goals/lexicon.ts';
import { GOAL_DEV } from '../test/atlas/goals-dev.ts';
import { GOAL_HELDOUT, type GoalCase } from '../test/atlas/goals-heldout.ts';
import { mdTable, type Section } from './lib.ts';

/** Words only: every word is known (so none is a typo) and none has synonyms. */
const WORDS_ONLY: Lexicon = { known: () => true, synonyms: () => [] };

interface Score {
  right: number;
  total: number;
  perKind: Map<string, { right: number; total: number }>;
  misses: string[];
}

function fixture(): { cwd: string; home: string; done(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'aios-bench-goals-'));
  const home = join(dir, 'home');
  for (const d of ['Downloads', 'notes', 'photos', 'src', 'docs', 'logs', 'archive'])
    mkdirSync(join(home, d), { recursive: true });
  const files: Record<string, string> = {
    'Downloads/a.zip': 'zip',
    'Downloads/b.pdf': 'pdf',
    'notes/n.md': 'note',
    'photos/p.jpg': 'jpg',
    'src/main.ts': 'code',
    'logs/app.log': 'ERROR x',
    'config.json': '{"debug": true}',
    'package.json': '{"name": "app", "scripts": {"test": "node --test"}}',
    'notes.txt': 'text',
  };
  for (const [rel, text] of Object.entries(files)) writeFileSync(join(home, rel), text);
  return { cwd: home, home, done: () => rmSync(dir, { recursive: true, force: true }) };
}

function score(cases: readonly GoalCase[], classify: (request: string) => string | undefined): Score {
  const s: Score = { right: 0, total: 0, perKind: new Map(), misses: [] };
  for (const c of cases) {
    const got = classify(c.request);
    const k = s.perKind.get(c.goal) ?? { right: 0, total: 0 };
    k.total++;
    s.total++;
    if (got === c.goal) {
      k.right++;
      s.right++;
    } else s.misses.push(`${c.goal}: "${c.request}" read as ${got ?? 'no goal'}`);
    s.perKind.set(c.goal, k);
  }
  return s;
}

const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(1)}% (${a}/${b})`;

export default async function goalsBench(): Promise<Section> {
  const place = fixture();
  const translator = new OfflineTranslator();
  const plans = new Map<string, PlanLike | undefined>();
  const planOf = (request: string) => {
    if (!plans.has(request)) {
      const t = translator.translateSync(request, { cwd: place.cwd, home: place.home });
      plans.set(request, t.plan);
    }
    return plans.get(request);
  };
  try {
    const full = (r: string) => inferGoal(r, planOf(r))?.kind;
    const bare = (r: string) => inferGoal(r, undefined, WORDS_ONLY)?.kind;
    const sets = [
      { name: 'development (tuned on)', cases: GOAL_DEV },
      { name: 'held out (never tuned on)', cases: GOAL_HELDOUT },
    ];
    const rows = sets.map((set) => {
      const f = score(set.cases, full);
      const b = score(set.cases, bare);
      return { set, f, b };
    });
    const summary = mdTable(
      ['set', 'requests', 'goal inference', 'baseline: goal words only'],
      rows.map((r) => [r.set.name, r.set.cases.length, pct(r.f.right, r.f.total), pct(r.b.right, r.b.total)]),
    );
    const perKind = mdTable(
      ['kind', ...rows.map((r) => r.set.name)],
      GOAL_KINDS.map((kind) => [
        kind,
        ...rows.map((r) => {
          const k = r.f.perKind.get(kind) ?? { right: 0, total: 0 };
          return k.total === 0 ? '-' : `${k.right}/${k.total}`;
        }),
      ]),
    );
    const held = rows[1].f;
    const body = [
      summary,
      '',
      perKind,
      '',
      `Held-out misses: ${held.misses.length === 0 ? 'none' : held.misses.map((m) => `\`${m}\``).join('; ')}.`,
      '',
      'Each request is translated by the offline translator in a small fixture (Downloads, notes, photos, a project with a test script) and its goal read from its words and its plan, as `aios do` does; a request with no goal named counts as a miss. Both sets were written by the engineer who wrote the classifier; the held-out set was committed before the classifier existed and was first scored for this table.',
    ].join('\n');
    return { title: 'Goal inference (Atlas): 11 goal kinds, development and held-out sets', body };
  } finally {
    place.done();
  }
}

if (import.meta.main) {
  const section = await goalsBench();
  process.stdout.write(`${section.title}\n\n${section.body}\n`);
}
