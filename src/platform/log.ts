/**
 * Structured logs: one JSON object per line ({t, level, msg, ...fields}) appended to
 * $AIOS_HOME/logs/aios.log, rotated by size (log-rotate.ts). `aios logs` follows the file.
 *
 * @example
 * const log = new Logger(logPath(home), 'info');
 * log.info('agent started', { pid: 7 });
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PARAMS } from '../kernel/params.ts';
import { type Rotation, rotateIfFull } from './log-rotate.ts';

export const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type Level = (typeof LEVELS)[number];

export class Logger {
  readonly #path: string | undefined;
  readonly #min: number;
  readonly #rotation: Rotation;
  #buffer: string[] = [];
  #timer: NodeJS.Timeout | undefined;
  readonly #listeners: ((line: string) => void)[] = [];

  constructor(path: string | undefined, level: Level = 'info', rotation?: Rotation) {
    this.#path = path;
    this.#rotation = rotation ?? { maxBytes: PARAMS.LOG_FILE_MAX_BYTES, kept: PARAMS.LOG_FILES_KEPT };
    this.#min = LEVELS.indexOf(level);
    if (path) mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  }

  onLine(listener: (line: string) => void): void {
    this.#listeners.push(listener);
  }

  debug(msg: string, fields?: Record<string, unknown>): void {
    this.write('debug', msg, fields);
  }
  info(msg: string, fields?: Record<string, unknown>): void {
    this.write('info', msg, fields);
  }
  warn(msg: string, fields?: Record<string, unknown>): void {
    this.write('warn', msg, fields);
  }
  error(msg: string, fields?: Record<string, unknown>): void {
    this.write('error', msg, fields);
  }

  write(level: Level, msg: string, fields?: Record<string, unknown>): void {
    if (LEVELS.indexOf(level) < this.#min) return;
    const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields });
    for (const listener of this.#listeners) listener(line);
    if (!this.#path) return;
    this.#buffer.push(line);
    this.#timer ??= setTimeout(() => this.flush(), 50);
    this.#timer.unref?.();
  }

  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#path || this.#buffer.length === 0) return;
    const text = `${this.#buffer.join('\n')}\n`;
    rotateIfFull(this.#path, Buffer.byteLength(text), this.#rotation);
    appendFileSync(this.#path, text, { mode: 0o600 });
    this.#buffer = [];
  }
}
