/**
 * aios up: boot and serve in the foreground until SIGINT or SIGTERM.
 */
import { boot } from '../../boot.ts';
import { socketPath } from '../../platform/paths.ts';
import { type Command, intArg, UsageError } from '../command.ts';

const up: Command = {
  name: 'up',
  summary: 'Boot the kernel and services and serve in the foreground',
  usage: ['up [--port N] [--host ADDR] [--no-http] [--policy fair|fifo] [--audit-level standard|paranoid]'],
  help: `Options:
  --port N          HTTP API port (default 7700; 0 picks a free one)
  --host ADDR       address to listen on (default 127.0.0.1; loopback unless you say otherwise)
  --no-http         serve only the owner's Unix socket ($AIOS_HOME/aios.sock)
  --policy P        scheduler policy: fair (default) or fifo (the baseline)
  --audit-level L   standard (data-plane calls counted) or paranoid (every call its own entry)

Prints one line containing 'ready' and the time from Node's start in ms.`,
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
    const system = await boot({ home: ctx.home, policy, auditLevel: level, services: true });
    const { createApp } = await import('../../api/app.ts');
    const { serveTcp, serveUnix, closeServer } = await import('../../api/server.ts');
    const servers = [await serveUnix(createApp(system, { owner: true }), socketPath(ctx.home))];
    let url = '';
    if (ctx.values['no-http'] !== true) {
      try {
        const tcp = await serveTcp(createApp(system, { owner: false }), host, port);
        servers.push(tcp);
        const address = tcp.address();
        const bound = typeof address === 'object' && address ? address.port : port;
        url = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
      } catch (error) {
        await Promise.all(servers.map(closeServer));
        await system.shutdown();
        throw new Error(`Cannot listen on ${host}:${port}: ${(error as Error).message}; pick another --port`);
      }
    }
    // Signal handlers go in before the ready line (whoever reads it may signal at once) and stay
    // through shutdown, so a second signal cannot kill a half-closed store.
    const stopping = new Promise<void>((resolve) => {
      process.on('SIGINT', () => resolve());
      process.on('SIGTERM', () => resolve());
    });
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
        }),
      );
    } else {
      ctx.out(
        `aios ready in ${readyMs} ms (pid ${process.pid}, home ${ctx.home}${url ? `, api ${url}` : ''})`,
      );
    }
    await stopping;
    await Promise.all(servers.map(closeServer));
    await system.shutdown();
    if (!ctx.json) ctx.out('aios stopped');
    return 0;
  },
};

export default up;
