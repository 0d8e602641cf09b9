/**
 * A local OpenAI-compatible `/v1/embeddings` server on 127.0.0.1 whose vectors come from a real
 * model (the tiny ONNX model, run in the test's process), with switches a test needs: hold
 * every request of more than one text (a re-embedding's batches) unanswered, or go down.
 *
 * @example
 * const srv = await embeddingsServer(t, embedder);
 * srv.url;              // 'http://127.0.0.1:41234/v1'
 * srv.holdBatchesAfter = 128;   // a re-embedding's batches wait once 128 texts were embedded
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Embedder } from '../../src/services/memoryd/embedder.ts';

export interface EmbeddingsServer {
  url: string;
  /** Texts embedded so far. */
  texts: number;
  /** Requests of more than one text wait, unanswered, once this many texts were embedded. */
  holdBatchesAfter: number;
  /** Requests held so far. */
  held: number;
  /** Answers every request 503 while true. */
  down: boolean;
  close(): Promise<void>;
}

async function read(req: IncomingMessage): Promise<string> {
  let s = '';
  for await (const chunk of req) s += chunk;
  return s;
}

export async function embeddingsServer(
  t: { after(fn: () => void | Promise<void>): void },
  embedder: Embedder,
): Promise<EmbeddingsServer> {
  const waiting = new Set<ServerResponse>();
  const state = { texts: 0, holdBatchesAfter: Number.POSITIVE_INFINITY, held: 0, down: false };
  const srv = createServer(async (req, res) => {
    const body = JSON.parse(await read(req)) as { input: string[] };
    if (state.down) {
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":{"message":"overloaded"}}');
      return;
    }
    if (state.texts >= state.holdBatchesAfter && body.input.length > 1) {
      state.held++;
      waiting.add(res);
      res.on('close', () => waiting.delete(res));
      return;
    }
    const vectors = await embedder.embed(body.input);
    state.texts += body.input.length;
    const data = vectors.map((v, index) => ({ object: 'embedding', index, embedding: [...v] }));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data }));
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const close = async () => {
    for (const res of waiting) res.destroy();
    srv.closeAllConnections();
    await new Promise<void>((resolve) => srv.close(() => resolve()));
  };
  t.after(close);
  const server = Object.assign(state, {
    url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}/v1`,
    close,
  });
  return server as EmbeddingsServer;
}
