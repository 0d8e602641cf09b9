/**
 * Requests said as a goal rather than as an action: "migrate my notes folder to ~/archive"
 * is a move, and "clean up my Downloads, delete the old zips" is the delete, in Downloads.
 * When the translator cannot plan a request, its goal frame is read here and the request
 * said again in the words of the action it stands for, which the translator then plans with
 * every check it makes of any request. Within a clean-up, "old" files are those older than
 * CLEANUP_OLD_AGE; the rewording says so, and the plan shows it before anything runs.
 *
 * @example
 * reframe('clean up my Downloads, delete the old zips');
 * // { request: 'delete the zips older than 30 days in my Downloads', goal: 'cleanup', note: '…' }
 */
import type { Translation } from '../../intel/intent.ts';
import { sayPlace } from '../../intel/offline/place-refs.ts';
import { GOAL_LIMITS } from '../limits.ts';
import type { GoalKind } from './kinds.ts';

export interface Reframed {
  request: string;
  goal: GoalKind;
  /** What was read as what, for --explain and the preview. */
  note: string;
}

/** Verbs of moving house: each says "move" with a goal behind it. */
const MIGRATE =
  /^(?:please\s+)?(?:migrate|migarte|mgirate|migrte|relocate|transfer|port|shift)\s+(.+?)\s+(?:over\s+)?(to|into)\s+(.+)$/i;

/** A clean-up said first, then what it is: "clean up my Downloads, delete the old zips". */
const CLEANUP =
  /^(?:please\s+)?(?:clean(?:\s+up|\s+out)?|cleanup|clen\s+up|tidy(?:\s+up)?|declutter|clear\s+out|purge)\s+(.+?)\s*(?:[,;:]|\s-\s|\s+and\s+(?:then\s+)?|\s+by\s+)\s*(.+)$/i;

export function reframe(request: string): Reframed | undefined {
  const text = request.trim().replace(/\s+/g, ' ');
  const move = MIGRATE.exec(text);
  if (move) {
    const said = `move ${move[1]} ${move[2]} ${move[3]}`;
    return { request: said, goal: 'migrate', note: `read "${text}" as "${said}" (a migration is a move)` };
  }
  const clean = CLEANUP.exec(text);
  if (clean) {
    const place = clean[1].replace(/\b(?:folder|directory|dir)$/i, '').trim();
    let action = clean[2].replace(/^(?:by\s+)?/, '');
    // "deleting the old zips" is said as the action it is
    action = action.replace(/^(delet|remov|eras|trash|wip)ing\b/i, '$1e');
    const old = /\bthe old (\w+)\b/i.exec(action);
    if (old && !/\bolder than\b|\bdays?\b|\bweeks?\b|\bmonths?\b|\byears?\b/i.test(action))
      action = action.replace(old[0], `the ${old[1]} older than ${GOAL_LIMITS.CLEANUP_OLD_AGE}`);
    const here = /^(?:this|the current|here)$/i.test(place);
    // "clean up shortcut, get rid of the old stuff in there": "there" is the place said first
    const referred = sayPlace(action, here ? '.' : place);
    const said =
      referred ?? (here || /\b(?:in|from|inside)\s/i.test(action) ? action : `${action} in ${place}`);
    return {
      request: said,
      goal: 'cleanup',
      note: `read "${text}" as "${said}"${old ? ` (in a clean-up, old is older than ${GOAL_LIMITS.CLEANUP_OLD_AGE}; say an age to choose another)` : ''}`,
    };
  }
  return undefined;
}

/**
 * The translation of a request the translator could not plan as said, when its goal frame says
 * what it stands for: the reworded request's plan (or its question), with the rewording noted.
 */
export async function translateFramed(
  request: string,
  translate: (request: string) => Promise<Translation>,
): Promise<{ translation: Translation; frame?: Reframed }> {
  const first = await translate(request);
  if (first.plan) return { translation: first };
  const frame = reframe(request);
  if (!frame) return { translation: first };
  const second = await translate(frame.request);
  if (!second.plan && (second.suggestions?.length ?? 0) > 0) return { translation: first };
  return {
    translation: { ...second, trail: [...(first.trail ?? []), ...(second.trail ?? []), frame.note] },
    frame,
  };
}
