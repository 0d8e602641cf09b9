/**
 * The aios dashboard: logs in with the URL `aios up` printed (or a token), then shows the
 * system live, memoryd's Memory panel and the planner's Plans panel beside it. Keys: / Atlas, a agents filter, v verify
 * the audit, m search memory, ? help.
 */
import 'uplot/dist/uPlot.min.css';
import './app.css';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { login, setToken, token } from './api.ts';
import { useStore } from './hooks.ts';
import { Agents } from './panels/Agents.tsx';
import { Atlas } from './panels/Atlas.tsx';
import { Audit } from './panels/Audit.tsx';
import { Memory } from './panels/Memory.tsx';
import { Monitor } from './panels/Monitor.tsx';
import { Plans } from './panels/Plans.tsx';
import { Services } from './panels/Services.tsx';
import { Teams } from './panels/Teams.tsx';
import { Timeline } from './panels/Timeline.tsx';
import { store } from './store.ts';

function Login({ done, error: initial }: { done: () => void; error: string }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState(initial);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      await login(value);
      done();
    } catch (err) {
      setToken('');
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="login">
      <h1>
        <span class="logo">▲</span> aios
      </h1>
      <form onSubmit={submit}>
        <label for="login-input">
          Open the URL that aios up printed, or paste it, its login code, or a token
        </label>
        <input
          id="login-input"
          autofocus
          autocomplete="off"
          value={value}
          onInput={(e) => setValue((e.target as HTMLInputElement).value)}
        />
        <button type="submit" class="primary" disabled={busy || value.trim() === ''}>
          Log in
        </button>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}

const HELP: [string, string][] = [
  ['/', 'type an Atlas request'],
  ['a', 'filter agents'],
  ['v', 'verify the audit chain'],
  ['m', 'search memory'],
  ['?', 'show or hide this help'],
  ['Tab', 'move between controls; Enter or Space to press'],
  ['Esc', 'cancel a confirmation'],
];

/** The views the header switches between; a view once opened stays mounted, so its state survives. */
const VIEWS = [
  ['system', 'System'],
  ['memory', 'Memory'],
  ['plans', 'Plans'],
  ['teams', 'Teams'],
] as const;
type View = (typeof VIEWS)[number][0];
const VIEW_KEY = 'aios.view';

function Dashboard({ logout }: { logout: () => void }) {
  const s = useStore('conn', 'agents');
  const [help, setHelp] = useState(false);
  const [view, setView] = useState<View>(
    VIEWS.find(([id]) => id === sessionStorage.getItem(VIEW_KEY))?.[0] ?? 'system',
  );
  const [opened, setOpened] = useState(new Set<View>([view]));
  const show = (next: View) => {
    sessionStorage.setItem(VIEW_KEY, next);
    setView(next);
    setOpened((o) => (o.has(next) ? o : new Set([...o, next])));
  };
  useEffect(() => {
    void s.start().catch(() => {});
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (
        ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
        document.querySelector('dialog[open]')
      ) {
        if (e.key === 'Escape' && target.tagName === 'INPUT') (target as HTMLInputElement).blur();
        return;
      }
      // a shortcut opens the view that holds its control, which may first need to render
      const focus = (id: string, on: View) => {
        e.preventDefault();
        const control = document.getElementById(id);
        if (control && control.offsetParent !== null) return control.focus();
        show(on);
        requestAnimationFrame(() => document.getElementById(id)?.focus());
      };
      if (e.key === '/') focus('atlas-request', 'system');
      else if (e.key === 'a') focus('agent-filter', 'system');
      else if (e.key === 'm') focus('memory-query', 'memory');
      else if (e.key === 'v') {
        show('system');
        document.getElementById('verify')?.click();
      } else if (e.key === '?') setHelp((h) => !h);
      else if (e.key === 'Escape') setHelp(false);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      s.stop();
    };
  }, []);
  useEffect(() => {
    if (s.connection === 'unauthorized') logout();
  }, [s.connection]);
  return (
    <>
      <header class="top">
        <h1>
          <span class="logo">▲</span> aios
        </h1>
        <span class={`conn conn-${s.connection}`} role="status">
          {s.connection === 'live' ? '● live' : s.connection}
        </span>
        <nav class="views" aria-label="Views">
          {VIEWS.map(([id, label]) => (
            <button
              key={id}
              type="button"
              aria-current={view === id ? 'page' : undefined}
              onClick={() => show(id)}
            >
              {label}
            </button>
          ))}
        </nav>
        <span class="muted">
          {s.system ? `${s.system.home ? `${s.system.home} · ` : ''}${s.agents.size} agents` : ''}
        </span>
        <span class="spacer" />
        <button type="button" onClick={() => setHelp((h) => !h)} aria-expanded={help}>
          Keys (?)
        </button>
        <button type="button" onClick={logout}>
          Log out
        </button>
      </header>
      {help && (
        <aside class="help" aria-label="Keyboard shortcuts">
          <dl>
            {HELP.map(([k, v]) => (
              <div key={k}>
                <dt>
                  <kbd>{k}</kbd>
                </dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </aside>
      )}
      <main class="grid" hidden={view !== 'system'}>
        <Services />
        <Monitor />
        <Agents />
        <Atlas />
        <Timeline />
        <Audit />
      </main>
      {opened.has('memory') && (
        <main class="grid single" hidden={view !== 'memory'}>
          <Memory />
        </main>
      )}
      {opened.has('plans') && (
        <main class="grid single" hidden={view !== 'plans'}>
          <Plans shown={view === 'plans'} />
        </main>
      )}
      {opened.has('teams') && (
        <main class="grid single" hidden={view !== 'teams'}>
          <Teams shown={view === 'teams'} />
        </main>
      )}
    </>
  );
}

function App() {
  const [authed, setAuthed] = useState(token() !== '');
  const [error, setError] = useState('');
  const [checking, setChecking] = useState(/[#&]login=/.test(location.hash));
  useEffect(() => {
    if (!checking) return;
    login(location.hash)
      .then(() => setAuthed(true))
      .catch((e: Error) => setError(e.message))
      .finally(() => {
        history.replaceState(null, '', location.pathname); // the code leaves the address bar
        setChecking(false);
      });
  }, []);
  if (checking) return <p class="boot">Logging in…</p>;
  if (!authed) return <Login error={error} done={() => setAuthed(true)} />;
  return (
    <Dashboard
      logout={() => {
        store.stop();
        setToken('');
        setAuthed(false);
      }}
    />
  );
}

render(<App />, document.getElementById('app')!);
