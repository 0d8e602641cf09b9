/**
 * The grammar of a capability token's scope, in one place: what the kernel mints and verifies,
 * the HTTP API's schema and the CLI's --scope all use it. A scope is `system`, `agent:<pid>`
 * or `resource:<name>`.
 *
 * @example
 * parseScope('agent:12');   // { kind: 'agent', pid: 12 }
 * parseScope('agent:0');    // undefined
 */

export type Scope = { kind: 'system' } | { kind: 'agent'; pid: number } | { kind: 'resource'; name: string };

/** The grammar as a pattern (JSON Schema and OpenAPI carry it as is). */
export const SCOPE_PATTERN = /^(system|agent:[1-9]\d{0,9}|resource:[a-z][a-z0-9_-]{0,31})$/;

/** The grammar in words, for messages: "system, agent:<pid> or resource:<name>". */
export const SCOPE_WORDS = 'system, agent:<pid> or resource:<name>';

export function parseScope(text: string): Scope | undefined {
  if (!SCOPE_PATTERN.test(text)) return undefined;
  if (text === 'system') return { kind: 'system' };
  const colon = text.indexOf(':');
  const rest = text.slice(colon + 1);
  return text.startsWith('agent:') ? { kind: 'agent', pid: Number(rest) } : { kind: 'resource', name: rest };
}

export function isScope(text: string): boolean {
  return SCOPE_PATTERN.test(text);
}
