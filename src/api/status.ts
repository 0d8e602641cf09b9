/**
 * The error statuses of the API and when each may come. Every operation in the OpenAPI
 * document lists the ones it can answer, each with its application/problem+json body, so a
 * client generated from the document knows every reply it will get (test/api-contract.test.ts
 * holds the server to it).
 *
 * @example
 * errorStatuses(def); // { 400: 'A field is not valid…', 401: …, 409: 'The agent is …' }
 */
import type { RouteDef } from './route.ts';

/** What each status means, where the route does not say more. */
export const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'A field or query parameter is not valid, or is not one this operation takes (the problem names it)',
  401: 'No token, or the token is malformed, expired, forged or revoked (with WWW-Authenticate)',
  403: 'The token lacks a right this call needs, the call is the owner’s alone, or the Host is not allowed',
  404: 'No such agent, token, request or tree',
  405: 'The path does not take this method (Allow lists the ones it takes)',
  409: 'The call conflicts with the current state',
  410: 'The other end has gone',
  413: 'The body is over the size limit',
  421: 'The Host header names a host this server does not answer for',
  422: 'The request was understood but could not be carried out',
  429: 'Too many requests: a quota or a rate limit (Retry-After may say when to try again)',
  503: 'A service this call needs is not running now; try again shortly',
  504: 'The call timed out',
  507: 'The store is out of disk space; nothing was written',
};

/** Statuses every operation may answer: bad input, authority, method, size, host and rate. */
const EVERY = [400, 401, 403, 405, 413, 421, 429] as const;

/** The error statuses `def` may answer, each with its description. */
export function errorStatuses(def: RouteDef): Record<number, string> {
  const out: Record<number, string> = {};
  const add = (status: number, text?: string) => {
    out[status] = text ?? out[status] ?? STATUS_TEXT[status];
  };
  for (const status of EVERY) add(status);
  if (def.params) add(404);
  if (def.method !== 'get') add(507); // a change is written to the store first
  for (const [status, text] of Object.entries(def.errors ?? {})) add(Number(status), text);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => Number(a) - Number(b)));
}
