/**
 * The wire shapes of the local LLM server (llm-server.ts): whole answers and SSE event lists
 * for the OpenAI chat-completions API and Anthropic's messages API, with tool calls, usage,
 * and arguments split into fragments the way real servers stream them.
 */
import type { Call, Received, Reply } from './llm-server.ts';

type Answer = Extract<Reply, { kind: 'tools' } | { kind: 'text' }>;

function callsOf(reply: Answer): Call[] {
  return reply.kind === 'tools' ? reply.calls : [];
}

function argsText(args: unknown): string {
  return typeof args === 'string' ? args : JSON.stringify(args);
}

function pieces(text: string, size = 7): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function usageOf(req: Received, reply: Answer) {
  if (reply.usage) return reply.usage;
  const output = Math.ceil(
    (
      (reply.text ?? '') +
      callsOf(reply)
        .map((c) => c.name + argsText(c.args))
        .join('')
    ).length / 4,
  );
  return { input: Math.ceil(JSON.stringify(req.body).length / 4), output: Math.max(1, output) };
}

export function openAiWhole(req: Received, reply: Answer) {
  const calls = callsOf(reply);
  const usage = usageOf(req, reply);
  return {
    id: 'chatcmpl-local',
    object: 'chat.completion',
    created: 0,
    model: req.body.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: reply.text ?? null,
          ...(calls.length
            ? {
                tool_calls: calls.map((c, i) => ({
                  id: `call_${i}`,
                  type: 'function',
                  function: { name: c.name, arguments: argsText(c.args) },
                })),
              }
            : {}),
        },
        finish_reason: calls.length ? 'tool_calls' : 'stop',
      },
    ],
    usage: {
      prompt_tokens: usage.input,
      completion_tokens: usage.output,
      total_tokens: usage.input + usage.output,
    },
  };
}

export function openAiEvents(req: Received, reply: Answer): [string | undefined, string][] {
  const base = { id: 'chatcmpl-local', object: 'chat.completion.chunk', created: 0, model: req.body.model };
  const chunk = (choice: unknown) =>
    [undefined, JSON.stringify({ ...base, choices: [choice] })] as [undefined, string];
  const out: [string | undefined, string][] = [
    chunk({ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }),
  ];
  for (const p of pieces(reply.text ?? ''))
    out.push(chunk({ index: 0, delta: { content: p }, finish_reason: null }));
  callsOf(reply).forEach((c, i) => {
    out.push(
      chunk({
        index: 0,
        delta: {
          tool_calls: [
            { index: i, id: `call_${i}`, type: 'function', function: { name: c.name, arguments: '' } },
          ],
        },
        finish_reason: null,
      }),
    );
    for (const p of pieces(argsText(c.args))) {
      out.push(
        chunk({
          index: 0,
          delta: { tool_calls: [{ index: i, function: { arguments: p } }] },
          finish_reason: null,
        }),
      );
    }
  });
  out.push(chunk({ index: 0, delta: {}, finish_reason: callsOf(reply).length ? 'tool_calls' : 'stop' }));
  const streamOptions = req.body.stream_options as { include_usage?: boolean } | undefined;
  if (streamOptions?.include_usage) {
    const u = usageOf(req, reply);
    out.push([
      undefined,
      JSON.stringify({
        ...base,
        choices: [],
        usage: { prompt_tokens: u.input, completion_tokens: u.output, total_tokens: u.input + u.output },
      }),
    ]);
  }
  out.push([undefined, '[DONE]']);
  return out;
}

export function anthropicWhole(req: Received, reply: Answer) {
  const usage = usageOf(req, reply);
  const calls = callsOf(reply);
  return {
    id: 'msg_local',
    type: 'message',
    role: 'assistant',
    model: req.body.model,
    content: [
      ...(reply.text ? [{ type: 'text', text: reply.text }] : []),
      ...calls.map((c, i) => ({ type: 'tool_use', id: `toolu_${i}`, name: c.name, input: c.args })),
    ],
    stop_reason: calls.length ? 'tool_use' : 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: usage.input, output_tokens: usage.output },
  };
}

export function anthropicEvents(req: Received, reply: Answer): [string | undefined, string][] {
  const usage = usageOf(req, reply);
  const calls = callsOf(reply);
  const ev = (type: string, data: Record<string, unknown>) =>
    [type, JSON.stringify({ type, ...data })] as [string, string];
  const out: [string | undefined, string][] = [
    ev('message_start', {
      message: {
        id: 'msg_local',
        type: 'message',
        role: 'assistant',
        model: req.body.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: usage.input, output_tokens: 1 },
      },
    }),
    ev('ping', {}),
  ];
  let index = 0;
  if (reply.text) {
    out.push(ev('content_block_start', { index, content_block: { type: 'text', text: '' } }));
    for (const p of pieces(reply.text))
      out.push(ev('content_block_delta', { index, delta: { type: 'text_delta', text: p } }));
    out.push(ev('content_block_stop', { index }));
    index++;
  }
  calls.forEach((c, i) => {
    out.push(
      ev('content_block_start', {
        index,
        content_block: { type: 'tool_use', id: `toolu_${i}`, name: c.name, input: {} },
      }),
    );
    for (const p of pieces(argsText(c.args))) {
      out.push(ev('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: p } }));
    }
    out.push(ev('content_block_stop', { index }));
    index++;
  });
  out.push(
    ev('message_delta', {
      delta: { stop_reason: calls.length ? 'tool_use' : 'end_turn', stop_sequence: null },
      usage: { output_tokens: usage.output },
    }),
  );
  out.push(ev('message_stop', {}));
  return out;
}
