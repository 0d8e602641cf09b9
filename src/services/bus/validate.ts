/**
 * Checks what callers hand the context bus before anything is written: one clear line per
 * mistake, naming the value and what to do.
 *
 * @example
 * const name = checkName('plan/42');
 * const json = checkJson({ step: 3 }, "Value of key 'progress'", BUS_LIMITS.VALUE_MAX_BYTES);
 */
import { BusError } from './errors.ts';
import { BUS_LIMITS } from './limits.ts';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;

/** Shows at most 40 characters of what a caller sent, so an error line stays one line. */
export function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

export function checkName(name: unknown): string {
  if (typeof name !== 'string' || !NAME.test(name) || name.length > BUS_LIMITS.NAME_MAX_CHARS) {
    throw new BusError(
      'E_BAD_ARG',
      `Invalid context name '${shown(name)}'; use letters, digits and . _ : / - (at most ${BUS_LIMITS.NAME_MAX_CHARS} characters)`,
    );
  }
  return name;
}

function checkWord(value: unknown, what: string, max: number): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > max) {
    throw new BusError(
      'E_BAD_ARG',
      `Invalid ${what} '${shown(value)}'; give a non-empty string of at most ${max} characters`,
    );
  }
  return value;
}

export const checkKey = (key: unknown) => checkWord(key, 'key', BUS_LIMITS.KEY_MAX_CHARS);
export const checkType = (type: unknown) => checkWord(type, 'event type', BUS_LIMITS.TYPE_MAX_CHARS);
export const checkAgent = (agent: unknown) => checkWord(agent, 'agent name', BUS_LIMITS.AGENT_MAX_CHARS);

/** `value` as JSON text, refused when it is not JSON or larger than `max` bytes. */
export function checkJson(value: unknown, what: string, max: number): { json: string; bytes: number } {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  if (json === undefined) {
    throw new BusError(
      'E_BAD_ARG',
      `${what} is not JSON; send a string, number, boolean, null, array or object`,
    );
  }
  const bytes = Buffer.byteLength(json);
  if (bytes > max) {
    throw new BusError(
      'E_TOO_BIG',
      `${what} is ${bytes} bytes as JSON, over the ${max}-byte limit; store a smaller value or a reference to it`,
    );
  }
  return { json, bytes };
}

/** A whole number from `min` to `max`, or `fallback` when not given. */
export function checkCount(
  value: unknown,
  what: string,
  range: { min: number; max: number; fallback: number },
): number {
  if (value === undefined) return range.fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < range.min || value > range.max) {
    throw new BusError(
      'E_BAD_ARG',
      `Invalid ${what} '${shown(value)}'; give a whole number from ${range.min} to ${range.max}`,
    );
  }
  return value;
}
