/**
 * What each role of a team may do, as kernel handles. The researcher and the validator read
 * (a tool handle for risk 0: list, find, stat, read), the planner holds no tool handle at all,
 * and the executor holds the rights the team was given — in words, `read`, `create` (creates and
 * moves), `overwrite` or `delete` — never more than the caller's own tool handle reaches. The
 * kernel checks every action against the handle a role holds, so a role cannot do more than this
 * whatever its code says.
 *
 * @example
 * const risk = teamRisk('create', caller);   // 1, or a TeamError naming the word
 * roleToolRights('executor', risk);          // RISK_RIGHTS[1] | DUPLICATE-free
 */
import { RISK, RISK_MAX, RISK_RIGHTS, RISK_WORDS, riskAllowedBy } from '../../kernel/risk.ts';
import type { ServiceCaller } from '../serve.ts';
import { TeamError } from './errors.ts';
import type { Role } from './ops.ts';

/** The words `--rights` takes, each the highest risk it allows. */
export const TEAM_RIGHTS = {
  read: RISK.READ_ONLY,
  create: RISK.CREATE,
  overwrite: RISK.OVERWRITE,
  delete: RISK.DESTROY,
} as const;
export type TeamRight = keyof typeof TEAM_RIGHTS;
export const TEAM_RIGHT_WORDS = Object.keys(TEAM_RIGHTS) as TeamRight[];
export const DEFAULT_TEAM_RIGHTS: TeamRight = 'create';

/**
 * The highest tool risk the team's executor may reach: the highest word given (comma separated;
 * none given: `create`, or less when the caller holds less), refused when unknown or beyond what
 * `caller` holds. A caller with no tool rights gets no team at all: the researcher and the
 * validator read files, and a team never reads what its caller could not.
 */
export function teamRisk(words: string | undefined, caller: ServiceCaller): number {
  const held: number = caller.owner ? RISK_MAX : riskAllowedBy(caller.resources?.tool ?? 0);
  if (held < 0)
    throw new TeamError(
      'E_NO_RIGHTS',
      `'${caller.name}' holds no tool rights, and a team's roles read files with its caller's rights; grant a tool handle (read at least) first`,
    );
  if (words === undefined) return Math.min(held, TEAM_RIGHTS[DEFAULT_TEAM_RIGHTS]);
  const given = words
    .split(',')
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w !== '');
  if (given.length === 0)
    throw new TeamError('E_BAD_ARG', `No rights given; name one of ${TEAM_RIGHT_WORDS.join(', ')}`);
  let risk = -1;
  for (const word of given) {
    if (!Object.hasOwn(TEAM_RIGHTS, word))
      throw new TeamError(
        'E_BAD_ARG',
        `Unknown right '${word}' for a team; use ${TEAM_RIGHT_WORDS.join(', ')} (the executor gets the highest named)`,
      );
    risk = Math.max(risk, TEAM_RIGHTS[word as TeamRight]);
  }
  if (risk > held)
    throw new TeamError(
      'E_NO_RIGHTS',
      `'${caller.name}' holds tool rights up to risk ${held} (${RISK_WORDS[held]}), so its team cannot be given '${rightWord(risk)}'; a team never gets more than its caller holds`,
    );
  return risk;
}

/** The word for a risk level, as `--rights` takes it. */
export function rightWord(risk: number): TeamRight {
  return TEAM_RIGHT_WORDS.find((w) => TEAM_RIGHTS[w] === risk) ?? 'read';
}

/** The tool rights a role's handle carries (undefined: no tool handle), for a team of `risk`. */
export function roleToolRights(role: Role, risk: number): number | undefined {
  if (role === 'planner') return undefined;
  if (role === 'executor') return RISK_RIGHTS[risk];
  return RISK_RIGHTS[RISK.READ_ONLY];
}

/** What a role may do, in words, for the transcript and `team show`. */
export function roleRightsText(role: Role, risk: number): string {
  if (role === 'planner') return 'no tools';
  if (role === 'executor') return `tools up to ${rightWord(risk)}`;
  return 'tools: read only';
}
