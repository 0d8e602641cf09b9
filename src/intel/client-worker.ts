/**
 * The LLM client thread (see client-thread.ts): it owns the providers' HTTP clients, their
 * sockets and streams, and the CapacityLearner that admits requests to each provider. The
 * host sends it requests the kernel has already granted; when a provider's slot frees here,
 * the next one waiting starts here, without a round trip through the host's event loop.
 *
 * Messages in: {type: 'send', id, provider, input, preemptible} and {type: 'abort', id}.
 * Messages out: {type: 'done', id, outcome, learnt}, {type: 'preempt', id} (a more urgent
 * request waits for this one's slot), {type: 'capacity', capacity, learnt}.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { type AttemptInput, attempt, type Outcome } from './attempt.ts';
import { CapacityLearner, type LlmCapacity } from './capacity.ts';
import type { ProviderConfig } from './config.ts';
import { createProvider } from './providers/index.ts';
import { LlmError, type Provider } from './providers/types.ts';

export type ToThread =
  | { type: 'send'; id: number; provider: string; input: AttemptInput; preemptible: boolean }
  | { type: 'abort'; id: number };

/** An LlmError as it crosses the thread boundary. */
export interface WireError {
  kind: LlmError['kind'];
  provider: string;
  message: string;
  status?: number;
  retryAfterMs?: number;
  limits?: LlmError['limits'];
}

/** How an attempt ended, as it crosses the boundary; 'cancelled': aborted before it was sent. */
export type WireOutcome =
  | Exclude<Outcome, { kind: 'error' }>
  | { kind: 'error'; error: WireError; partial: string; waitedMs: number }
  | { kind: 'cancelled' };

export type FromThread =
  | { type: 'done'; id: number; outcome: WireOutcome; learnt: ReturnType<CapacityLearner['snapshot']> }
  | { type: 'preempt'; id: number }
  | { type: 'capacity'; capacity: LlmCapacity; learnt: ReturnType<CapacityLearner['snapshot']> }
  | { type: 'ready' };

const port = parentPort!;
const post = (m: FromThread) => port.postMessage(m);
const providers = new Map<string, Provider>(
  (workerData as { providers: ProviderConfig[] }).providers.map((p) => [p.name, createProvider(p)]),
);
const learner = new CapacityLearner({
  onChange: (capacity) => post({ type: 'capacity', capacity, learnt: learner.snapshot() }),
});
/** Requests on this thread now, to abort them. */
const running = new Map<number, AbortController>();

port.on('message', (m: ToThread) => {
  if (m.type === 'abort') return running.get(m.id)?.abort();
  void send(m);
});

async function send(m: Extract<ToThread, { type: 'send' }>): Promise<void> {
  const controller = new AbortController();
  running.set(m.id, controller);
  let outcome: WireOutcome;
  try {
    const provider = providers.get(m.provider);
    if (!provider) throw new Error(`no provider '${m.provider}' on the LLM client thread`);
    outcome = wire(
      await attempt(provider, learner, m.input, controller.signal, {
        preempt: m.preemptible ? () => post({ type: 'preempt', id: m.id }) : undefined,
      }),
    );
  } catch (error) {
    // Aborted while it waited for the provider's slot (nothing was sent), or a bug.
    outcome = controller.signal.aborted
      ? { kind: 'cancelled' }
      : wire({
          kind: 'error',
          error: new LlmError(
            'client',
            m.provider,
            `the LLM client thread failed: ${(error as Error).message}`,
          ),
          partial: '',
          waitedMs: 0,
        });
  } finally {
    running.delete(m.id);
  }
  post({ type: 'done', id: m.id, outcome, learnt: learner.snapshot() });
}

function wire(outcome: Outcome): WireOutcome {
  if (outcome.kind !== 'error') return outcome;
  const e = outcome.error;
  return {
    kind: 'error',
    partial: outcome.partial,
    waitedMs: outcome.waitedMs,
    error: {
      kind: e.kind,
      provider: e.provider,
      message: e.message,
      status: e.status,
      retryAfterMs: e.retryAfterMs,
      limits: e.limits,
    },
  };
}

/**
 * Runs one streamed request through the whole path (fetch's HTTP client, its parser, the
 * provider's body and SSE code) against a server of its own on 127.0.0.1, so the first agent's
 * request does not pay for loading and compiling them; no provider is asked anything.
 */
async function warm(): Promise<void> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('data: {"choices":[{"delta":{"content":"ok"},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const local = createProvider({
      name: 'warm-up',
      api: 'openai',
      baseUrl: `http://127.0.0.1:${port}/v1`,
      headers: {},
      timeoutMs: 10_000,
    });
    await local.chat({
      model: 'warm-up',
      messages: [{ role: 'user', content: 'hi' }],
      maxTokens: 1,
      stream: true,
      timeoutMs: 10_000,
    });
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

// The thread starts while the host boots: the first request finds it warm.
await warm().catch(() => {});
post({ type: 'ready' });
