/**
 * The DNS-rebinding guard of the TCP listener. A web page on another site can point its own
 * host name at 127.0.0.1 and have the browser call aios as if it were that site; the browser
 * still sends the page's name in the Host header. So the listener answers only requests
 * addressed to a loopback name, to the address it listens on, or to a name the owner listed
 * in config.json (`{"api": {"hosts": ["aios.lan"]}}`); any port.
 *
 * @example
 * app.use('*', hostGuard(allowedHosts({ listen: '127.0.0.1', extra: config.hosts })));
 */
import type { MiddlewareHandler } from 'hono';
import { problem } from './problem.ts';

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

/** The host names a listener on `listen` answers to: loopback, its own address and `extra`. */
export function allowedHosts(options: { listen?: string; extra?: readonly string[] } = {}): Set<string> {
  const names = new Set(LOOPBACK);
  const wildcard = options.listen === undefined || ['0.0.0.0', '::', '[::]'].includes(options.listen);
  if (!wildcard) names.add(hostnameOf(options.listen!));
  for (const name of options.extra ?? []) names.add(hostnameOf(name));
  return names;
}

/** Refuses (421) a request whose Host header is not one of `allowed`. */
export function hostGuard(allowed: ReadonlySet<string>): MiddlewareHandler {
  return async (c, next) => {
    // node-server builds the URL from the Host header; in-process requests are localhost
    const host = new URL(c.req.url).hostname.replace(/\.$/, '');
    if (allowed.has(host)) return next();
    const listed = [...allowed].join(', ');
    return c.json(
      problem(
        421,
        'Misdirected request',
        `Host '${host.slice(0, 255)}' is not served here; use one of ${listed}, or add the name to api.hosts in $AIOS_HOME/config.json`,
        { field: 'host' },
      ),
      421,
      { 'content-type': 'application/problem+json' },
    );
  };
}

/** `name`, `name:port`, `v6`, or `[v6]:port` as the URL parser spells the host name. */
function hostnameOf(name: string): string {
  const bare = name.includes(':') && !name.startsWith('[') && name.split(':').length > 2 ? `[${name}]` : name;
  try {
    return new URL(`http://${bare}`).hostname.replace(/\.$/, '');
  } catch {
    return name.toLowerCase();
  }
}
