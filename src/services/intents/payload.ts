/**
 * A handler's payload schema: the JSON Schema it registered, compiled once with zod's
 * `fromJSONSchema`, so a payload that does not fit is refused before delivery with one line
 * naming the field.
 *
 * @example
 * const check = compilePayloadSchema({ type: 'object', required: ['to'], properties: { to: { type: 'string' } } }, 'translate');
 * check({});   // throws IntentError E_BAD_ARG "Payload for 'translate' does not fit its schema: 'to' ..."
 */
import { z } from 'zod';
import { IntentError } from './errors.ts';
import { INTENT_LIMITS } from './limits.ts';

export type JsonSchema = Record<string, unknown>;
export type PayloadCheck = (payload: unknown) => void;

export function compilePayloadSchema(schema: JsonSchema | undefined, intent: string): PayloadCheck {
  if (schema === undefined) return () => {};
  if (JSON.stringify(schema).length > INTENT_LIMITS.SCHEMA_MAX_BYTES) {
    throw new IntentError(
      'E_BAD_ARG',
      `Payload schema of '${intent}' is over ${INTENT_LIMITS.SCHEMA_MAX_BYTES} bytes; describe the payload more briefly`,
    );
  }
  let compiled: z.ZodType;
  try {
    compiled = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  } catch (err) {
    throw new IntentError(
      'E_BAD_ARG',
      `Payload schema of '${intent}' is not a JSON Schema zod can read: ${(err as Error).message}; pass a draft 2020-12 or draft 7 schema`,
    );
  }
  return (payload) => {
    const result = compiled.safeParse(payload);
    if (result.success) return;
    const issue = result.error.issues[0];
    const field = issue.path.length > 0 ? `'${issue.path.join('.')}'` : 'the payload';
    throw new IntentError(
      'E_BAD_ARG',
      `Payload for '${intent}' does not fit its schema: ${field}: ${issue.message}; send what the handler registered (see its schema with \`aios intent handlers\`)`,
    );
  };
}
