/**
 * A loopback HTTP server for the evaluation's network requests: a few fixed pages, so that
 * "download ..." and "is ... up" have one right answer without leaving the machine.
 */
import { createServer, type Server } from 'node:http';

export const PAGES: Record<string, { type: string; body: string }> = {
  '/hello': { type: 'text/plain', body: 'hello world\n' },
  '/health': { type: 'text/plain', body: 'ok\n' },
  '/data.json': { type: 'application/json', body: '{"items":[1,2,3],"status":"green"}\n' },
  '/files/report.csv': { type: 'text/csv', body: 'month,total\njan,10\nfeb,12\n' },
  '/index.html': { type: 'text/html', body: '<html><body><h1>Welcome home</h1></body></html>\n' },
};

export function loopbackServer(): Promise<Server> {
  const server = createServer((req, res) => {
    const page = PAGES[req.url ?? ''] ?? (req.url === '/' ? PAGES['/index.html'] : undefined);
    if (!page) {
      res.statusCode = 404;
      res.end('not found\n');
      return;
    }
    res.setHeader('content-type', page.type);
    res.end(req.method === 'HEAD' ? undefined : page.body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
