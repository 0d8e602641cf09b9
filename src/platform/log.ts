/**
 * Structured logs: one JSON object per line ({t, level, msg, ...fields}) appended to
 * $AIOS_HOME/logs/aios.log, rotated by size (log-rotate.ts). `aios logs` follows the file.
 *
 * @example
 * const log = new Logger(logPath(home), 'info');
 * log.info('agent started', { pid: 7 });
 */
import { dirname } from 'node:path';
import { PARAMS } from '../kernel/params.ts';
import { type Rotation, rotateIfFull } from './log-rotate.ts';

// Node built-ins with lazy parts come through getBuiltinModule, not import: this module loads
// before `aios up` is ready, and an import would load all those parts (docs/boot.md).
const { appendFileSync, mkdirSync } = process.getBuiltinModule('node:fs');

export const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type Level = (typeof LEVELS)[number];

/** Lines kept in memory while the log file cannot be written (a full disk); older ones are dropped. */
export const LOG_BACKLOG_MAX = 10_000;
/** How soon a log write that failed is tried again. */
const RETRY_MS = 1_000;

export class Logger {
  readonly #path: string | undefined;
  readonly #min: number;
  readonly #rotation: Rotation;
  #buffer: string[] = [];
  #timer: NodeJS.Timeout | undefined;
  #dropped = 0;
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

  /**
   * Appends the buffered lines. A write that fails (a full disk) never reaches the caller: a
   * log line is not worth the system. The lines wait (at most LOG_BACKLOG_MAX) and the write
   * is tried again; the log then says how many were dropped.
   */
  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#path || this.#buffer.length === 0) return;
    const lines = this.#dropped === 0 ? this.#buffer : [this.#droppedLine(), ...this.#buffer];
    const text = `${lines.join('\n')}\n`;
    try {
      rotateIfFull(this.#path, Buffer.byteLength(text), this.#rotation);
      appendFileSync(this.#path, text, { mode: 0o600 });
    } catch {
      const over = this.#buffer.length - LOG_BACKLOG_MAX;
      if (over > 0) {
        this.#buffer.splice(0, over);
        this.#dropped += over;
      }
      this.#timer = setTimeout(() => this.flush(), RETRY_MS);
      this.#timer.unref?.();
      return;
    }
    this.#buffer = [];
    this.#dropped = 0;
  }

  #droppedLine(): string {
    return JSON.stringify({
      t: new Date().toISOString(),
      level: 'warn',
      msg: 'log lines dropped while the log could not be written',
      dropped: this.#dropped,
    });
  }
}
