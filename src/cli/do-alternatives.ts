/**
 * `aios do --alternatives K [--pick N]`: the alternatives of a planned request shown best first,
 * each with its score, risk, what it touches, whether it can be undone, and its pros and cons;
 * the best is taken unless the person picks one (`--pick N`, or a number typed at the prompt),
 * and the choice is recorded with the request.
 *
 * @example
 * const chosen = await pickAlternative(atlas, planned, { k: 3, pick: undefined, ask, out });
 */
import { PLAN_LIMITS } from '../services/planner/limits.ts';
import type { Alternative, Alternatives } from '../shell/alternatives.ts';
import type { PlannedRequest } from '../shell/types.ts';
import type { AtlasPort } from './atlas-port.ts';
import { UsageError } from './command.ts';

/** Reads `--alternatives K` (K from 1 to CHOOSE_MAX). A value that is not a number is the request's first word. */
export function alternativesArg(value: unknown): { k?: number; words: string[] } {
  if (value === undefined) return { words: [] };
  const text = String(value).trim();
  if (!/^-?\d+$/.test(text)) return { k: DEFAULT_K, words: [text] };
  const k = Number(text);
  if (k < 1 || k > PLAN_LIMITS.CHOOSE_MAX)
    throw new UsageError(
      `--alternatives is '${text}'; give a number of plans from 1 to ${PLAN_LIMITS.CHOOSE_MAX}, e.g. --alternatives 3`,
    );
  return { k, words: [] };
}

/** Alternatives compared when --alternatives names no number. */
const DEFAULT_K = 3;

/** Reads `--pick N` against the alternatives shown (1-based). */
function pickArg(value: string, alts: Alternatives): Alternative {
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > alts.options.length)
    throw new UsageError(
      `--pick is '${value}', but there ${alts.options.length === 1 ? 'is 1 alternative' : `are ${alts.options.length} alternatives`}; pick a number from 1 to ${alts.options.length}`,
    );
  const chosen = alts.options[n - 1];
  if (!chosen.valid)
    throw new UsageError(`alternative ${n} cannot run (${chosen.cons[0] ?? 'invalid'}); pick another`);
  return chosen;
}

/**
 * Plans and ranks the alternatives, shows them (unless json), and returns the one to run with
 * the list; the choice is recorded.
 */
export async function pickAlternative(
  atlas: AtlasPort,
  planned: PlannedRequest,
  o: {
    k: number;
    pick?: string;
    json: boolean;
    out(line: string): void;
    ask?: (question: string) => Promise<string | undefined>;
  },
): Promise<{ chosen: PlannedRequest; alternatives: Alternatives }> {
  const alts = await atlas.alternatives(planned.id, o.k);
  if (!o.json) for (const line of renderAlternatives(alts)) o.out(line);
  let chosen: Alternative | undefined;
  let by: 'score' | 'person' = 'score';
  if (o.pick !== undefined) {
    chosen = pickArg(o.pick, alts);
    by = 'person';
  } else if (o.ask && alts.options.length > 1) {
    const answer = (await o.ask(`Which one? [1-${alts.options.length}, Enter for 1] `))?.trim();
    if (answer) {
      chosen = pickArg(answer, alts);
      by = 'person';
    }
  }
  chosen ??= alts.options.find((a) => a.id === alts.best && a.valid);
  if (!chosen) throw new UsageError('no alternative can run; say the request another way');
  await atlas.choose(chosen.id, { of: alts.options.map((a) => a.id), by });
  if (!o.json)
    o.out(
      `Chose ${alts.options.indexOf(chosen) + 1}: ${chosen.label} [${chosen.source}]${by === 'score' ? ' (best score)' : ' (your pick)'}`,
    );
  return { chosen: chosen.planned, alternatives: alts };
}

/** The alternatives, best first: score, risk, blast radius, reversibility, pros (+) and cons (-). */
export function renderAlternatives(alts: Alternatives): string[] {
  const lines: string[] = alts.note ? [alts.note] : [];
  const by = alts.model ? ` (proposed by the model ${alts.model} and offline)` : '';
  lines.push(`${alts.options.length} way${alts.options.length === 1 ? '' : 's'} to do it${by}, best first:`);
  for (const [i, a] of alts.options.entries()) {
    const touched = `${a.blast.paths} path${a.blast.paths === 1 ? '' : 's'}, ${size(a.blast.bytes)}`;
    const undo = a.blast.reversible ? 'undoable' : 'not undoable';
    lines.push(
      a.valid
        ? `${i + 1}. ${a.label} [${a.source}]  score ${a.score}, risk ${a.risk}, touches ${touched}, ${undo}, ~${a.timeMs} ms`
        : `${i + 1}. ${a.label} [${a.source}]  cannot run`,
    );
    if (a.rationale) lines.push(`     why: ${a.rationale}`);
    for (const m of a.merged ?? []) lines.push(`     = also proposed as '${m.label}' [${m.source}]`);
    for (const s of a.planned.steps) lines.push(`     ${s.tool}.${s.action}: ${s.preview.summary}`);
    for (const p of a.pros) lines.push(`     + ${p}`);
    for (const c of a.cons) lines.push(`     - ${c}`);
  }
  if (alts.options.length === 1 && alts.dropped.length === 0)
    lines.push('   (no other way found: Atlas knows none for these steps)');
  for (const d of alts.dropped) lines.push(`   dropped: ${d.label} [${d.source}]: ${d.reason}`);
  return lines;
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
