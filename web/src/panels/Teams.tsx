/**
 * Multi-agent teams: each team with its state, goal and verdict; a chosen team's roles (with the
 * rights each held) and its transcript — who said what to whom, the decisions and the verdict —
 * as it grows. Asked again every TEAM_POLL_MS while the view is shown. A session sees the teams
 * it started (the owner's show to a session of the owner's own token). Read-only: teams are
 * started with `aios team run`, the API or MCP.
 */
import { useState } from 'preact/hooks';
import { usePolling } from '../hooks.ts';
import { session } from '../memory.ts';
import { explainTeam, stateClass, TEAM_POLL_MS, type Team, type TeamLine, team } from '../teams.ts';
import { age } from './MemoryDetail.tsx';
import { ChooseLink, PolledHead } from './PolledHead.tsx';

const LIST_LIMIT = 100;

export function Teams({ shown }: { shown: boolean }) {
  const [teams, setTeams] = useState<TeamLine[] | undefined>();
  const [chosen, setChosen] = useState<string | undefined>();
  const [detail, setDetail] = useState<Team | undefined>();
  const [error, setError] = useState('');
  const { refresh } = usePolling(
    shown,
    TEAM_POLL_MS,
    (current) => {
      team('ls', { limit: LIST_LIMIT }).then(
        (r) => {
          if (!current()) return;
          setTeams(r.teams);
          setError('');
        },
        (e: unknown) => current() && setError(explainTeam(e)),
      );
      if (chosen)
        team('show', { id: chosen }).then(
          (t) => current() && setDetail(t),
          (e: unknown) => current() && setError(explainTeam(e)),
        );
    },
    [chosen],
  );
  const me = session();
  return (
    <section class="panel plans teams" aria-labelledby="teams-h">
      <PolledHead
        id="teams-h"
        title="Teams"
        onRefresh={refresh}
        error={error}
        loading={teams ? undefined : 'Loading teams…'}
      />
      {teams && teams.length === 0 && (
        <div class="muted" data-testid="teams-empty">
          <p>
            No teams of {me ? `this session (${me.agent})` : 'this session'} yet. Start one with{' '}
            <code>aios team run "goal"</code>; the owner's teams show to a session of the owner's own token:
          </p>
          <pre>aios token mint --rights all --ttl 12h</pre>
        </div>
      )}
      {teams && teams.length > 0 && (
        <table class="compact" data-testid="team-list">
          <caption class="sr-only">Teams, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Team</th>
              <th scope="col">State</th>
              <th scope="col">Goal</th>
              <th scope="col">Verdict</th>
              <th scope="col">Started</th>
            </tr>
          </thead>
          <tbody>
            {teams.map((t) => (
              <tr key={t.id} data-id={t.id} class={t.id === chosen ? 'chosen' : ''}>
                <td>
                  <ChooseLink id={t.id} chosen={chosen} onChoose={setChosen} />
                </td>
                <td>
                  <span class={stateClass(t.state)}>{t.state}</span>
                </td>
                <td>{t.goal}</td>
                <td>{t.verdict}</td>
                <td title={new Date(t.createdAt).toISOString()}>{age(t.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {chosen && detail?.id === chosen && <TeamDetail team={detail} />}
    </section>
  );
}

function TeamDetail({ team: t }: { team: Team }) {
  return (
    <div class="plan-detail" data-testid="team-detail">
      <h3>
        Team {t.id}{' '}
        <span class={stateClass(t.state)} data-testid="team-state">
          {t.state}
        </span>
      </h3>
      <p>
        {t.goal} — rights {t.rights}
        {t.llm ? ', with the LLM' : ', offline rules'}; round {t.rounds}
      </p>
      {(t.verdict || t.error) && <p data-testid="team-outcome">{t.error ?? t.verdict}</p>}
      <table class="compact" data-testid="team-roles">
        <caption class="sr-only">The roles and the rights each held</caption>
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">Agent</th>
            <th scope="col" class="num">
              Pid
            </th>
            <th scope="col">Rights</th>
          </tr>
        </thead>
        <tbody>
          {t.roles.map((r) => (
            <tr key={r.role} data-role={r.role}>
              <td>{r.role}</td>
              <td>{r.name}</td>
              <td class="num">{r.pid}</td>
              <td>{r.rights}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table class="compact" data-testid="team-transcript">
        <caption class="sr-only">Who said what to whom, in order</caption>
        <thead>
          <tr>
            <th scope="col" class="num">
              #
            </th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Kind</th>
            <th scope="col">Said</th>
          </tr>
        </thead>
        <tbody>
          {t.entries.map((e) => (
            <tr key={e.seq} data-kind={e.kind} data-from={e.from}>
              <td class="num">{e.seq}</td>
              <td>{e.from}</td>
              <td>{e.to}</td>
              <td>{e.kind}</td>
              <td>{e.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
