/**
 * The WebAssembly agents of the runtime conformance suite: one module per role, written in
 * WAT and built with wabt (as scripts/build-wasm.ts builds examples/agents/*.wat and as
 * test/hostile/wasm.test.ts builds its modules). Each does what its JavaScript twin in
 * runtime-agents.ts does, through the aios imports of src/runtime/worker/wasm-boot.ts; a
 * module's result is the number its `run` returns, and a refused call is the negated error
 * number (ERROR_NUMBERS) it got back.
 *
 * Memory: 0 two channel handles, 16 a txid, 64 small answers, 256 JSON arguments, 1024 the
 * module's strings, 2048 and 3072 message buffers, 4096 the answer of `sys`.
 *
 * @example
 * const agents = await wasmAgents(); // { result: { name: 'result.wasm', content: Uint8Array }, … }
 */
import wabtInit from 'wabt';
import { type AgentFile, type AgentRole, TEXTS as T } from './runtime-agents.ts';

const IMPORTS = `
  (import "aios" "handle" (func $handle (param i32 i32) (result i32)))
  (import "aios" "channel_create" (func $channel_create (param i32) (result i32)))
  (import "aios" "send" (func $send (param i32 i32 i32) (result i32)))
  (import "aios" "recv" (func $recv (param i32 i32 i32 i32) (result i32)))
  (import "aios" "call" (func $call (param i32 i32 i32 i32 i32) (result i32)))
  (import "aios" "reply" (func $reply (param i32 i32 i32 i32) (result i32)))
  (import "aios" "sys" (func $sys (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "aios" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1)`;

/** Byte copy, decimal out and decimal in: all the text handling the modules need. */
const HELPERS = `
  (func $copy (param $src i32) (param $len i32) (param $dst i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $len)))
      (i32.store8 (local.get $dst) (i32.load8_u (local.get $src)))
      (local.set $src (i32.add (local.get $src) (i32.const 1)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 1)))
      (local.set $len (i32.sub (local.get $len) (i32.const 1)))
      (br $next))))
  (func $itoa (param $v i32) (param $at i32) (result i32)
    (local $n i32) (local $t i32)
    (local.set $t (local.get $v))
    (loop $count
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (local.set $t (i32.div_u (local.get $t) (i32.const 10)))
      (br_if $count (local.get $t)))
    (local.set $t (local.get $n))
    (loop $digit
      (local.set $t (i32.sub (local.get $t) (i32.const 1)))
      (i32.store8 (i32.add (local.get $at) (local.get $t))
        (i32.add (i32.const 48) (i32.rem_u (local.get $v) (i32.const 10))))
      (local.set $v (i32.div_u (local.get $v) (i32.const 10)))
      (br_if $digit (local.get $t)))
    (local.get $n))
  (func $atoi (param $at i32) (result i32)
    (local $v i32) (local $d i32)
    (block $done (loop $next
      (local.set $d (i32.sub (i32.load8_u (local.get $at)) (i32.const 48)))
      (br_if $done (i32.gt_u (local.get $d) (i32.const 9)))
      (local.set $v (i32.add (i32.mul (local.get $v) (i32.const 10)) (local.get $d)))
      (local.set $at (i32.add (local.get $at) (i32.const 1)))
      (br $next)))
    (local.get $v))`;

const STRINGS_AT = 1024;

/** A WAT string literal: printable ASCII as is, every other byte as \hh. */
function watString(text: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(text)) {
    const c = String.fromCharCode(byte);
    out +=
      byte >= 0x20 && byte < 0x7f && c !== '"' && c !== '\\' ? c : `\\${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/**
 * A module whose `run` is `body`. Its strings are laid out from STRINGS_AT; in the body
 * `{name}` stands for the string's pointer and length as two i32 constants.
 */
function module(strings: Record<string, string>, body: string): string {
  let at = STRINGS_AT;
  const data: string[] = [];
  const refs = new Map<string, string>();
  for (const [name, text] of Object.entries(strings)) {
    const length = new TextEncoder().encode(text).length;
    data.push(`(data (i32.const ${at}) "${watString(text)}")`);
    refs.set(name, `(i32.const ${at}) (i32.const ${length})`);
    at += length;
  }
  const code = body.replace(/\{(\w+)\}/g, (_, name: string) => {
    const ref = refs.get(name);
    if (!ref) throw new Error(`WAT body names the string '${name}' it does not declare`);
    return ref;
  });
  return `(module ${IMPORTS}\n  ${data.join('\n  ')}\n${HELPERS}\n  (func (export "run") (result i32)\n${code}))`;
}

/** Sets local `$r` to `expr` and returns it from `run` when negative (an error number). */
const must = (expr: string) =>
  `(local.set $r ${expr}) (if (i32.lt_s (local.get $r) (i32.const 0)) (then (return (local.get $r))))`;

const WAT: Partial<Record<AgentRole, string>> = {
  result: module({}, `(i32.const ${T.result})`),
  log: module({ line: T.logLine }, `(call $log {line}) (i32.const 0)`),
  // A trap is how a module fails; V8 names it by its cause.
  throws: module({}, 'unreachable'),
  exit: module(
    { name: 'process_exit', args: JSON.stringify({ code: T.exitCode, message: T.exitMessage }) },
    `(drop (call $sys {name} {args} (i32.const 64) (i32.const 256))) (i32.const 0)`,
  ),
  // process_info wants {"handle":<self>}; its answer is JSON that starts {"pid":
  info: module(
    { self: 'self', name: 'process_info', open: '{"handle":' },
    `(local $r i32) (local $n i32)
     (call $copy {open} (i32.const 256))
     (local.set $n (call $itoa (call $handle {self}) (i32.const 266)))
     (i32.store8 (i32.add (i32.const 266) (local.get $n)) (i32.const 125))
     ${must('(call $sys {name} (i32.const 256) (i32.add (local.get $n) (i32.const 11)) (i32.const 4096) (i32.const 61440))')}
     (call $atoi (i32.const ${4096 + '{"pid":'.length}))`,
  ),
  channel: module(
    { peer: 'peer', prefix: T.echoPrefix },
    `(local $r i32) (local $peer i32) (local $n i32)
     (local.set $peer (call $handle {peer}))
     (call $copy {prefix} (i32.const 2048))
     ${must(`(call $recv (local.get $peer) (i32.const ${2048 + T.echoPrefix.length}) (i32.const 1000) (i32.const 0))`)}
     (local.set $n (i32.add (local.get $r) (i32.const ${T.echoPrefix.length})))
     ${must('(call $channel_create (i32.const 0))')}
     ${must('(call $send (i32.load (i32.const 0)) (i32.const 2048) (local.get $n))')}
     ${must('(call $recv (i32.load (i32.const 4)) (i32.const 3072) (i32.const 1024) (i32.const 0))')}
     (call $send (local.get $peer) (i32.const 3072) (local.get $r))`,
  ),
  callServer: module(
    { line: 'line', prefix: T.pongPrefix },
    `(local $r i32) (local $line i32)
     (local.set $line (call $handle {line}))
     (call $copy {prefix} (i32.const 2048))
     ${must(`(call $recv (local.get $line) (i32.const ${2048 + T.pongPrefix.length}) (i32.const 1000) (i32.const 16))`)}
     (call $reply (local.get $line) (i32.load (i32.const 16)) (i32.const 2048)
       (i32.add (local.get $r) (i32.const ${T.pongPrefix.length})))`,
  ),
  callClient: module(
    { line: 'line', report: 'report', ping: T.ping },
    `(local $r i32)
     ${must('(call $call (call $handle {line}) {ping} (i32.const 2048) (i32.const 1024))')}
     (call $send (call $handle {report}) (i32.const 2048) (local.get $r))`,
  ),
  denied: module({ inbox: 'inbox', text: 'not mine to write' }, `(call $send (call $handle {inbox}) {text})`),
  unknown: module(
    { name: T.unknownCall },
    `(call $sys {name} (i32.const 0) (i32.const 0) (i32.const 64) (i32.const 256))`,
  ),
  hang: module(
    { report: 'report', ready: T.ready },
    `(local $r i32)
     ${must('(call $send (call $handle {report}) {ready})')}
     ${must('(call $channel_create (i32.const 0))')}
     (call $recv (i32.load (i32.const 0)) (i32.const 2048) (i32.const 1024) (i32.const 0))`,
  ),
  spin: module(
    { report: 'report', ready: T.ready },
    `(local $r i32)
     ${must('(call $send (call $handle {report}) {ready})')}
     (loop $forever (br $forever))
     (i32.const 0)`,
  ),
};

/** The WebAssembly agents, built; `region` has none (see the wasm tier's descriptor). */
export async function wasmAgents(): Promise<Partial<Record<AgentRole, AgentFile>>> {
  const wabt = await wabtInit();
  const files: Partial<Record<AgentRole, AgentFile>> = {};
  for (const [role, wat] of Object.entries(WAT) as [AgentRole, string][]) {
    const parsed = wabt.parseWat(`${role}.wat`, wat);
    try {
      files[role] = { name: `${role}.wasm`, content: parsed.toBinary({}).buffer };
    } finally {
      parsed.destroy();
    }
  }
  return files;
}
