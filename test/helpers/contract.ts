/**
 * The API's OpenAPI document as a contract: the operations it lists, and a check that a reply
 * is one the document promises (a documented status, the documented content type, a body valid
 * against the documented schema, the headers a 401 and a 405 must carry).
 *
 * @example
 * const contract = new Contract(doc);
 * for (const op of contract.operations) ...
 * await contract.check(op, res, 'GET /v1/agents as none'); // throws naming what broke
 */
import assert from 'node:assert/strict';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Schema } from './schema-arbitrary.ts';

export interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: Schema;
}

export interface Operation {
  method: string;
  /** As in the document: /v1/agents/{pid} */
  path: string;
  operationId: string;
  parameters: Parameter[];
  body?: Schema;
  responses: Record<
    string,
    { content?: Record<string, { schema: Schema }>; headers?: Record<string, unknown> }
  >;
  security?: unknown[];
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'> & { requestBody?: unknown }>>;
  components: { schemas: Record<string, Schema> };
}

export class Contract {
  readonly doc: OpenApiDoc;
  readonly operations: Operation[] = [];
  readonly #ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
  readonly #validators = new Map<Schema, ValidateFunction>();

  constructor(doc: OpenApiDoc) {
    this.doc = doc;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const body = (op.requestBody as { content?: Record<string, { schema: Schema }> } | undefined)
          ?.content?.['application/json']?.schema;
        this.operations.push({
          ...op,
          method: method.toUpperCase(),
          path,
          parameters: op.parameters ?? [],
          body,
        });
      }
    }
  }

  /** Whether `value` is valid against `schema` (its $refs resolved in the document). */
  valid(schema: Schema, value: unknown): { ok: boolean; errors: string } {
    let validate = this.#validators.get(schema);
    if (!validate) {
      validate = this.#ajv.compile({ ...schema, components: this.doc.components });
      this.#validators.set(schema, validate);
    }
    const ok = validate(value) as boolean;
    return { ok, errors: ok ? '' : this.#ajv.errorsText(validate.errors) };
  }

  /** Checks `res` against what the document promises for `op`; returns the status. */
  async check(op: Operation, res: Response, where: string): Promise<number> {
    const documented = op.responses[String(res.status)];
    const type = (res.headers.get('content-type') ?? '').split(';')[0].trim();
    if (!documented) {
      const text = await res.text();
      assert.fail(`${where}: status ${res.status} is not in the document (${text.slice(0, 300)})`);
    }
    if (res.status === 401)
      assert.ok(res.headers.get('www-authenticate'), `${where}: 401 without WWW-Authenticate`);
    if (res.status === 405) assert.ok(res.headers.get('allow'), `${where}: 405 without Allow`);
    const media = documented.content?.[type];
    if (!media) {
      await res.body?.cancel();
      assert.fail(
        `${where}: ${res.status} came as '${type}', the document says ${Object.keys(documented.content ?? {})}`,
      );
    }
    if (type !== 'application/json' && type !== 'application/problem+json') {
      await res.body?.cancel(); // a stream (events, the audit export)
      return res.status;
    }
    const body = (await res.json()) as unknown;
    const { ok, errors } = this.valid(media.schema, body);
    assert.ok(
      ok,
      `${where}: the ${res.status} body breaks its schema: ${errors}\n${JSON.stringify(body).slice(0, 400)}`,
    );
    return res.status;
  }
}
