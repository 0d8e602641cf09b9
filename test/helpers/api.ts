/**
 * An in-process system with its API apps for tests: a real kernel, store and host in a temp
 * AIOS_HOME, the owner's app and the bearer-token app sharing one set of services, and a
 * helper that mints tokens. Shut down when the test ends.
 *
 * @example
 * const api = await bootApi(t);
 * const token = api.mint('inspect');
 * const res = await api.tcp.request('/v1/agents', { headers: api.bearer(token) });
 */
import { rmSync } from 'node:fs';
import type { Hono } from 'hono';
import { createApp } from '../../src/api/app.ts';
import { type ApiServices, createServices } from '../../src/api/services.ts';
import { boot, type System } from '../../src/boot.ts';
import { parseRights } from '../../src/kernel/rights.ts';
import type { ServiceGateway } from '../../src/services/declare.ts';
import { type TestEnv, testEnv } from './env.ts';

export interface TestApi {
  env: TestEnv;
  system: System;
  services: ApiServices;
  /** The owner's app (as on the Unix socket). */
  owner: Hono;
  /** The bearer-token app (as on TCP). */
  tcp: Hono;
  mint(rights: string, ttlMs?: number): string;
  bearer(token: string): Record<string, string>;
}

export async function bootApi(
  t: { after(fn: () => void | Promise<void>): void },
  options: { statsMs?: number; gateway?: ServiceGateway } = {},
): Promise<TestApi> {
  const env = testEnv();
  const system = await boot({ home: env.aiosHome, logLevel: 'warn', services: true });
  const services = createServices(system, { statsMs: options.statsMs ?? 0 });
  t.after(async () => {
    services.close();
    await system.shutdown();
    rmSync(env.dir, { recursive: true, force: true });
  });
  return {
    env,
    system,
    services,
    owner: createApp(system, { owner: true, services, gateway: options.gateway }),
    tcp: createApp(system, { owner: false, services, gateway: options.gateway }),
    mint(rights, ttlMs) {
      const minted = system.kernel.syscall(1, 'token_mint', {
        handle: system.systemHandle,
        agentId: 0,
        rights: parseRights(rights),
        scope: 'system',
        ttlMs,
      }) as { token: string };
      return minted.token;
    },
    bearer: (token) => ({ authorization: `Bearer ${token}` }),
  };
}

/** Polls an agent through `app` until it reaches `state` (at most about 2 s). */
export async function waitForState(app: Hono, pid: number, state: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const info = (await (await app.request(`/v1/agents/${pid}`)).json()) as { state: string };
    if (info.state === state) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`agent ${pid} never became ${state}`);
}
