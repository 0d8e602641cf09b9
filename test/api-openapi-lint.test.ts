/**
 * The served OpenAPI document passes Redocly CLI's lint (its recommended rules) with no error
 * and no warning. Redocly runs as a child process with telemetry and update checks off and
 * every HTTP request sent to a proxy that refuses, so the test needs no network and would
 * fail if the linter came to need one.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { bootApi } from './helpers/api.ts';
import { ROOT } from './helpers/env.ts';

const REDOCLY = join(ROOT, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
const REFUSING_PROXY = 'http://127.0.0.1:9';

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; message: string; location?: { pointer?: string }[] }[];
}

function lint(
  file: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; report: LintReport; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [REDOCLY, 'lint', '--format=json', file], {
      env: {
        ...env,
        REDOCLY_TELEMETRY: 'off',
        REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
        REDOCLY_SUPPRESS_NOTIFICATIONS: 'true',
        NODE_USE_ENV_PROXY: '1',
        HTTP_PROXY: REFUSING_PROXY,
        HTTPS_PROXY: REFUSING_PROXY,
        NO_PROXY: '',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      try {
        resolve({ code: code ?? -1, report: JSON.parse(stdout) as LintReport, stderr });
      } catch {
        reject(new Error(`redocly printed no report (exit ${code}):\n${stdout}\n${stderr}`));
      }
    });
  });
}

test('Redocly CLI finds no error and no warning in the served OpenAPI document, offline', async (t) => {
  const api = await bootApi(t);
  const res = await api.tcp.request('/openapi.json');
  assert.equal(res.status, 200);
  const file = join(api.env.dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(await res.json(), null, 2));
  const { code, report, stderr } = await lint(file, { ...api.env.env });
  const problems = report.problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location?.[0]?.pointer}`);
  assert.equal(report.totals.errors, 0, problems.join('\n'));
  assert.equal(report.totals.warnings, 0, problems.join('\n'));
  assert.equal(code, 0, stderr);
});
