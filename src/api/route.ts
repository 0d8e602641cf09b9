/**
 * Route definitions carry their schemas (zod): the app validates every request and response
 * with them, and openapi.ts turns the same schemas into the OpenAPI 3.1 document.
 *
 * @example
 * export const listAgents = route({ method: 'get', path: '/v1/agents', summary: 'List agents',
 *   response: z.array(Agent), handler: ({ sys }) => sys('process_list', ...) });
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import type { System } from '../boot.ts';
import type { ApiServices } from './services.ts';
import type { Principal } from './session.ts';

export interface RouteContext<P, Q, B> {
  system: System;
  services: ApiServices;
  principal: Principal;
  params: P;
  query: Q;
  body: B;
  /** A syscall as the calling principal. */
  sys<T = unknown>(name: string, args?: Record<string, unknown>): T;
  c: Context;
}

export interface RouteDef<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Hono path syntax: /v1/agents/:pid */
  path: string;
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /**
   * Where the response's shape depends on the query (?view=full), the one member of `response`
   * to validate this response against; the document shows `response`.
   */
  responseFor?(query: z.infer<Q>): z.ZodType;
  /**
   * Reads the query with every value of a repeated key (?kinds=a&kinds=b) and converts it before
   * `query` validates it: the system services' derived routes, whose query is their args.
   */
  queryFrom?(raw: Record<string, string[]>): unknown;
  /** Responses that are not JSON (text/event-stream, text/plain) skip response validation. */
  raw?: string;
  /** 'none': no token needed (the login exchange); the default is a token on TCP. */
  auth?: 'none' | 'token';
  /** The token may also come as ?token= (EventSource cannot send headers). */
  queryToken?: boolean;
  /**
   * The body as the document shows it, where the handler checks it itself for messages that
   * name the field at fault better than a union's would (a supervision tree).
   */
  bodyDoc?: z.ZodType;
  /**
   * Statuses this operation answers besides the ones every operation may (status.ts), each
   * with what it means here, e.g. { 409: 'The agent is already suspended' }.
   */
  errors?: Readonly<Record<number, string>>;
  handler(
    ctx: RouteContext<z.infer<P>, z.infer<Q>, z.infer<B>>,
  ): Promise<z.infer<R> | Response> | z.infer<R> | Response;
}

export function route<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  def: RouteDef<P, Q, B, R>,
): RouteDef {
  return def as unknown as RouteDef;
}
