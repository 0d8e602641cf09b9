/**
 * The CLI's client for a running system: JSON over HTTP on the owner's Unix socket.
 */
import { request } from 'node:http';

export class NotRunningError extends Error {
  constructor() {
    super('aios is not running; start it with `aios up`');
  }
}

/** The connection closed before the whole answer came (the system stopped mid-request). */
export class CutOffError extends Error {
  constructor() {
    super('aios stopped before it finished answering; start it again with `aios up` if it is not running');
  }
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  constructor(status: number, detail: string, code?: string) {
    super(detail);
    this.status = status;
    this.code = code;
  }
}

export function call<T>(socket: string, method: string, path: string, body?: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        socketPath: socket,
        method,
        path,
        headers: payload
          ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
          : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        // Without this a reply cut short would leave the promise pending for ever.
        res.on('close', () => {
          if (!res.complete) reject(new CutOffError());
        });
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text === '' ? undefined : JSON.parse(text);
          } catch {
            json = undefined;
          }
          if ((res.statusCode ?? 500) >= 400) {
            const p = json as { detail?: string; code?: string } | undefined;
            reject(new ApiError(res.statusCode ?? 500, p?.detail ?? text, p?.code));
          } else resolve(json as T);
        });
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED') reject(new NotRunningError());
      else reject(error);
    });
    if (payload) req.write(payload);
    req.end();
  });
}

/** One request on the Unix socket, whatever its status: the status and the body text. */
export function send(
  socket: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; text: string; type: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        socketPath: socket,
        method,
        path,
        headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('close', () => {
          if (!res.complete) reject(new CutOffError());
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 500,
            text: Buffer.concat(chunks).toString('utf8'),
            type: res.headers['content-type'] ?? '',
          }),
        );
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED') reject(new NotRunningError());
      else reject(error);
    });
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/**
 * GET `path` on the Unix socket and stream its body into `out` (a large export is never held
 * in memory); rejects with an ApiError when the status is not 2xx.
 */
export function download(socket: string, path: string, out: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: socket, method: 'GET', path }, (res) => {
      const status = res.statusCode ?? 500;
      if (status >= 400) {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c;
        });
        res.on('end', () => {
          let detail = text;
          try {
            detail = (JSON.parse(text) as { detail?: string }).detail ?? text;
          } catch {}
          reject(new ApiError(status, detail));
        });
        return;
      }
      res.on('error', reject);
      res.on('end', () => resolve());
      res.pipe(out, { end: false });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED') reject(new NotRunningError());
      else reject(error);
    });
    req.end();
  });
}
