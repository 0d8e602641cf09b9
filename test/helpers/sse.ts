/**
 * A server-sent events client for tests and benchmarks: fetch + eventsource-parser.
 *
 * @example
 * const stream = await followEvents(`${url}/v1/events`, { authorization: `Bearer ${token}` });
 * for await (const e of stream.events) if (e.event === 'lifecycle') break;
 * stream.close();
 */
import { type EventSourceMessage, EventSourceParserStream } from 'eventsource-parser/stream';

export interface EventStream {
  status: number;
  events: AsyncIterableIterator<EventSourceMessage>;
  close(): void;
}

export async function followEvents(url: string, headers: Record<string, string> = {}): Promise<EventStream> {
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal });
  if (!response.body || !response.ok) {
    return { status: response.status, events: (async function* () {})(), close: () => abort.abort() };
  }
  const reader = response.body
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream())
    .getReader();
  const events = (async function* () {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        yield value;
      }
    } catch (error) {
      if ((error as Error).name !== 'AbortError') throw error;
    }
  })();
  return { status: response.status, events, close: () => abort.abort() };
}

/** Reads events until `match` returns true or `timeoutMs` passes; returns what it read. */
export async function readUntil(
  stream: EventStream,
  match: (e: EventSourceMessage, all: EventSourceMessage[]) => boolean,
  timeoutMs = 5000,
): Promise<EventSourceMessage[]> {
  const seen: EventSourceMessage[] = [];
  const deadline = setTimeout(() => stream.close(), timeoutMs);
  try {
    // next() rather than for-await: breaking a for-await loop would end the stream
    for (;;) {
      const { value, done } = await stream.events.next();
      if (done) break;
      seen.push(value);
      if (match(value, seen)) break;
    }
  } finally {
    clearTimeout(deadline);
  }
  return seen;
}
