/** The audit log viewer: the newest entries, live, and a button that verifies the whole chain. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { useAction, useStore } from '../hooks.ts';
import type { AuditEntry, VerifyReport } from '../types.ts';

export function Audit() {
  const s = useStore('audit');
  const [report, setReport] = useState<VerifyReport | undefined>();
  const [kind, setKind] = useState('all');
  const verify = useAction(async () => {
    setReport(undefined);
    setReport(await api<VerifyReport>('POST', '/v1/audit/verify'));
  });
  const load = useAction(() => s.loadAudit());
  useEffect(() => {
    void load.run();
  }, []);
  const entries = s.audit.filter((e) => kind === 'all' || matches(e, kind));
  return (
    <section class="panel audit" aria-labelledby="audit-h">
      <div class="panel-head">
        <h2 id="audit-h">Audit</h2>
        <select
          aria-label="Show entries of kind"
          value={kind}
          onChange={(e) => setKind((e.target as HTMLSelectElement).value)}
        >
          <option value="all">all</option>
          <option value="denied">denied</option>
          <option value="syscall">syscall</option>
          <option value="lifecycle">lifecycle</option>
          <option value="token">token</option>
          <option value="seal">seal</option>
        </select>
        <button type="button" id="verify" class="primary" disabled={verify.busy} onClick={() => verify.run()}>
          {verify.busy ? 'Verifying…' : 'Verify chain (v)'}
        </button>
      </div>
      <div aria-live="polite">
        {verify.error && <p class="error">{verify.error}</p>}
        {load.error && <p class="error">{load.error}</p>}
        {report &&
          (report.ok && report.unsealed > 0 ? (
            <p class="verify bad" data-testid="verify-result">
              Chain verifies up to #{report.sealedSeq} only: the last {report.unsealed} entries are UNSEALED
              (no signature covers them yet)
            </p>
          ) : report.ok ? (
            <p class="verify ok" data-testid="verify-result">
              ✓ Chain verifies: {report.entries} entries, {report.seals} seals, head #{report.headSeq} (
              {report.ms.toFixed(1)} ms)
            </p>
          ) : (
            <p class="verify bad" data-testid="verify-result">
              ✗ Chain is BROKEN at entry {report.firstBad?.seq}: {report.firstBad?.reason}
            </p>
          ))}
      </div>
      <div class="scroll">
        <table class="compact">
          <thead>
            <tr>
              <th scope="col" class="num">
                Seq
              </th>
              <th scope="col">Time</th>
              <th scope="col">Kind</th>
              <th scope="col" class="num">
                PID
              </th>
              <th scope="col">What</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {entries
              .slice(-150)
              .reverse()
              .map((e) => (
                <tr key={e.seq} class={e.ok ? '' : 'denied'}>
                  <td class="num">{e.seq}</td>
                  <td>{new Date(e.t).toLocaleTimeString()}</td>
                  <td>{e.kind}</td>
                  <td class="num">{e.pid}</td>
                  <td title={e.detail ? JSON.stringify(e.detail) : undefined}>{e.what}</td>
                  <td>
                    {e.ok
                      ? 'ok'
                      : (e.code ?? (e.kind === 'syscall' ? 'denied' : String(e.detail?.reason ?? 'failed')))}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Token decisions are syscall entries (token_mint …); journals from before seals call them checkpoints. */
function matches(e: AuditEntry, kind: string): boolean {
  if (kind === 'denied') return !e.ok;
  if (kind === 'token') return e.kind === 'token' || e.what.startsWith('token_');
  if (kind === 'seal') return e.kind === 'seal' || e.kind === 'checkpoint';
  return e.kind === kind;
}
