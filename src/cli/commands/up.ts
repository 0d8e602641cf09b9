/**
 * aios up: boot and serve in the foreground until SIGINT or SIGTERM.
 */
import type { Hono } from 'hono';
import type { AppOptions } from '../../api/app.ts';
import type { Login } from '../../api/login.ts';
import { boot, type System } from '../../boot.ts';
import { INIT_PID } from '../../kernel/params.ts';
import { RIGHTS, RIGHTS_ALL, rightNames } from '../../kernel/rights.ts';
import { socketPath } from '../../platform/paths.ts';
import { type Command, intArg, UsageError } from '../command.ts';
import { checkConfigFiles } from '../config-check.ts';

const up: Command = {
  name: 'up',
  summary: 'Boot the kernel and services and serve in the foreground',
  usage: ['up [--port N] [--host ADDR] [--no-http] [--policy fair|fifo] [--audit-level standard|paranoid]'],
  help: `Options:
  --port N          HTTP API port (default 7700; 0 picks a free one)
  --host ADDR       address to listen on (default 127.0.0.1; loopback unless you say otherwise);
                    it answers requests for loopback names, ADDR and the names listed in
                    $AIOS_HOME/config.json as {"api": {"hosts": [...]}}
  --no-http         serve only the owner's Unix socket ($AIOS_HOME/aios.sock)
  --policy P        scheduler policy: fair (default) or fifo (the baseline)
  --audit-level L   standard (data-plane calls counted) or paranoid (every call its own entry)

Prints the dashboard's login URL (a short-lived token for this run, like Jupyter's), then
one line containing 'ready' and the time from Node's start in ms.`,
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'no-http': { type: 'boolean' },
    policy: { type: 'string' },
    'audit-level': { type: 'string' },
  },
  async run(ctx) {
    const policy = ctx.values.policy ?? 'fair';
    if (policy !== 'fair' && policy !== 'fifo')
      throw new UsageError(`--policy must be fair or fifo, not '${policy}'`);
    const level = ctx.values['audit-level'] ?? 'standard';
    if (level !== 'standard' && level !== 'paranoid') {
      throw new UsageError(`--audit-level must be standard or paranoid, not '${level}'`);
    }
    const port = ctx.values.port === undefined ? 7700 : (intArg(ctx.values.port, '--port', 0) as number);
    if (port > 65535) throw new UsageError(`--port must be at most 65535, not ${port}`);
    const host = (ctx.values.host as string | undefined) ?? '127.0.0.1';
    await checkConfigFiles(ctx.home, process.env); // a bad config file stops the start, not every later call
    const { loadApiConfig } = await import('../../api/config.ts');
    const apiConfig = await loadApiConfig(ctx.home); // a mistake in it stops aios before it boots
    const system = await boot({ home: ctx.home, policy, auditLevel: level, deferPool: true });
    const { allowedHosts } = await import('../../api/host-check.ts');
    const { createServices } = await import('../../api/services.ts');
    const { buildApp, serveTcp, serveUnix, closeServer } = await import('../../api/server.ts');
    const services = createServices(system);
    // The listeners accept connections before the app is built: the system services, hono, zod
    // and the routes load right after the ready line, and a request that comes sooner waits for
    // them (every request goes through the whole app, its Host check and authentication too).
    const appFor = (options: Omit<AppOptions, 'services'>) => {
      let built: Promise<Hono> | undefined;
      return () => {
        built ??= Promise.all([import('../../api/app.ts'), system.startServices()]).then(([{ createApp }]) =>
          createApp(system, { ...options, services }),
        );
        return built;
      };
    };
    const servers = [await serveUnix(appFor({ owner: true }), socketPath(ctx.home))];
    let url = '';
    let dashboard: { url: string; grant(login: Login): void } | undefined;
    if (ctx.values['no-http'] !== true) {
      try {
        const hosts = allowedHosts({ listen: host, extra: apiConfig.hosts });
        const tcp = await serveTcp(appFor({ owner: false, hosts }), host, port);
        servers.push(tcp);
        const address = tcp.address();
        const bound = typeof address === 'object' && address ? address.port : port;
        url = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
      } catch (error) {
        services.close();
        await Promise.all(servers.map(closeServer));
        await system.shutdown();
        throw new Error(`Cannot listen on ${host}:${port}: ${(error as Error).message}; pick another --port`);
      }
      const { code, grant } = services.logins.reserve();
      dashboard = { url: `${url}/#login=${code}`, grant };
    }
    // Signal handlers go in before the ready line (whoever reads it may signal at once) and stay
    // through shutdown, so a second signal cannot kill a half-closed store.
    const stopping = new Promise<void>((resolve) => {
      process.on('SIGINT', () => resolve());
      process.on('SIGTERM', () => resolve());
    });
    system.log.flush(); // what was logged before ready is in the file when the line is out
    const readyMs = Math.round(performance.now());
    if (ctx.json) {
      ctx.out(
        JSON.stringify({
          ready: true,
          readyMs,
          bootMs: system.bootMs,
          pid: process.pid,
          home: ctx.home,
          url: url || null,
          dashboard: dashboard?.url ?? null,
        }),
      );
    } else {
      if (dashboard) ctx.out(`aios dashboard: ${dashboard.url}`);
      ctx.out(
        `aios ready in ${readyMs} ms (pid ${process.pid}, home ${ctx.home}${url ? `, api ${url}` : ''})`,
      );
    }
    // The dashboard's token, in the same tick as the ready line: no request is served before it
    // exists, and its ML-DSA-65 signature (the key's first use) stays off the path to ready.
    const dashboardToken = dashboard && dashboardLogin(system, dashboard.grant);
    // Now, before anything starts a thread (an isolate worker changes V8's flags, which a code
    // cache is checked against): the bundle's ready scripts keep the code of every function
    // they ran to get here, so the next start compiles none of it (bin/ready-script.js).
    (process as NodeJS.EventEmitter).emit('aios:ready');
    // After the ready line, off its path: the supervisor and the API's modules, which the first
    // requests wait for, then the isolate workers (starting them costs a tenth of a second, and
    // on a busy machine would hold those requests up).
    void system.startServices();
    void Promise.all([...servers.map(buildApp), services.metrics.load()])
      .catch((error: unknown) => system.log.error('the API did not load', { error: String(error) }))
      .finally(() => system.prewarm());
    await stopping;
    if (dashboardToken) {
      system.kernel.syscall(INIT_PID, 'token_revoke', {
        handle: system.systemHandle,
        tokenId: dashboardToken,
      });
    }
    services.close();
    await Promise.all(servers.map(closeServer));
    await system.shutdown();
    if (!ctx.json) ctx.out('aios stopped');
    return 0;
  },
};

/** How long the dashboard's token lasts (it is also revoked when aios stops). */
const DASHBOARD_TTL_MS = 12 * 3600 * 1000;

/**
 * Mints the dashboard's token (every right but minting, for this run only), gives it to the
 * login code the dashboard's URL carries (a short code, not the 4.6 KB token), and returns its id.
 */
function dashboardLogin(system: System, grant: (login: Login) => void): string {
  const rights = RIGHTS_ALL & ~RIGHTS.MINT;
  const minted = system.kernel.syscall(INIT_PID, 'token_mint', {
    handle: system.systemHandle,
    agentId: 0,
    rights,
    scope: 'system',
    ttlMs: DASHBOARD_TTL_MS,
  }) as { token: string; tokenId: string; expiresAt: number };
  // On a full disk the token still serves this run (it lives in the kernel) and is kept once there is room.
  system.persist.tryFlush();
  grant({
    token: minted.token,
    expiresAt: minted.expiresAt,
    rights: rightNames(rights),
    tokenId: minted.tokenId,
  });
  return minted.tokenId;
}

export default up;
