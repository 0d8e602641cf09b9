/**
 * The dashboard's calls to the teams service over the HTTP API (`GET /v1/team/{op}` for its read
 * operations), and the shapes it answers with (src/services/teams/ops.ts).
 *
 * @example
 * const { teams } = await team('ls', { limit: 50 });
 */
import { ApiError, api } from './api.ts';

export interface TeamLine {
  id: string;
  state: string;
  goal: string;
  verdict: string;
  submitter: string;
  createdAt: number;
}

export interface TeamEntry {
  seq: number;
  at: number;
  from: string;
  to: string;
  kind: string;
  text: string;
}

export interface Team {
  id: string;
  goal: string;
  state: string;
  submitter: string;
  rights: string;
  llm: boolean;
  rounds: number;
  verdict?: string;
  error?: string;
  roles: { role: string; name: string; pid: number; rights: string }[];
  entries: TeamEntry[];
}

interface TeamOps {
  ls: { args: { limit?: number }; result: { teams: TeamLine[] } };
  show: { args: { id: string }; result: Team };
}

/** How often the panel asks again while it is shown: a team talks on its own. */
export const TEAM_POLL_MS = 2000;

export function team<K extends keyof TeamOps>(
  op: K,
  args: TeamOps[K]['args'],
): Promise<TeamOps[K]['result']> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(args)) if (value !== undefined) query.append(key, String(value));
  const qs = query.toString();
  return api('GET', `/v1/team/${op}${qs ? `?${qs}` : ''}`);
}

/** One line a person can act on for a failed call. */
export function explainTeam(error: unknown): string {
  if (!(error instanceof ApiError)) {
    return `Could not reach aios (${(error as Error).message}); check that aios up is still running`;
  }
  if (error.status === 503)
    return `The teams service is starting; it answers in a few seconds (${error.message})`;
  if (error.status === 404 && error.code === undefined && error.message.startsWith('No route')) {
    return 'This aios serves no team routes; update aios and start it again with aios up';
  }
  return error.message;
}

/** The colour class of a team's state, shared with the plans' (passed reads as done). */
export const stateClass = (state: string) =>
  `state plan-${state === 'passed' ? 'done' : state === 'failed' ? 'failed' : 'running'}`;
