/**
 * Sizes a WebAssembly agent's module to its memory quota before it is compiled. What the
 * module allocates (its memories, tables and globals) is decided by numbers in the module
 * itself, and V8 allocates it outside the isolate's limit checks: a `memory.grow` is not
 * counted against the heap limit, and a `table.grow` past the heap ends the process with a
 * fatal out-of-memory error. So the module is read here, in trusted code, and its limits
 * rewritten:
 *
 * - what it needs at start (minimum sizes of memories and tables, its globals) must fit in the
 *   quota, else it is refused (`memory_limit`);
 * - the tables may grow into an eighth of what is left (WASM_TABLE_SHARE), shared among them;
 * - the memories may grow into the rest; growth past that fails in the module (-1), as the
 *   WebAssembly specification has it for a declared maximum;
 * - anything whose size cannot be bounded this way is refused: imported memories, tables or
 *   globals, 64-bit memories and tables, and GC types (struct and array objects live in the
 *   isolate's heap, sized by instructions, not by declarations).
 *
 * @example
 * const fitted = fitModule(bytes, 64 * 2 ** 20); // throws WasmLimitError if it cannot fit
 */
import { PARAMS } from '../../kernel/params.ts';

const PAGE = 65_536;
const MAX_PAGES = 65_536;
const SECTION = { type: 1, import: 2, table: 4, memory: 5, global: 6 } as const;

/** Why a module cannot run within its quota; `memory` when it simply needs too much. */
export class WasmLimitError extends Error {
  readonly memory: boolean;
  constructor(message: string, memory = false) {
    super(message);
    this.memory = memory;
  }
}

interface Limits {
  shared: boolean;
  min: number;
  max: number | undefined;
}

interface Table {
  /** The bytes of its reference type, copied as they are. */
  type: Uint8Array;
  limits: Limits;
}

interface Section {
  id: number;
  payload: Uint8Array;
}

/** The module with its tables' and memories' maxima set so that everything fits in `quotaBytes`. */
export function fitModule(bytes: Uint8Array, quotaBytes: number): Uint8Array {
  return fitted(bytes, quotaBytes).module;
}

/**
 * As fitModule, and the maximum (pages) the quota set for the module's first memory, if it
 * lowered the module's own: memory grown to it has reached the agent's memory limit.
 */
export function fitted(bytes: Uint8Array, quotaBytes: number): { module: Uint8Array; memoryMax?: number } {
  const sections = readSections(bytes);
  const tables: Table[] = [];
  const memories: Limits[] = [];
  let globals = 0;
  for (const s of sections) {
    const r = new Reader(s.payload);
    if (s.id === SECTION.type) checkTypes(r);
    else if (s.id === SECTION.import) checkImports(r);
    else if (s.id === SECTION.table) for (let n = r.u32(); n > 0; n--) tables.push(readTable(r));
    else if (s.id === SECTION.memory)
      for (let n = r.u32(); n > 0; n--) memories.push(readLimits(r, 'memory'));
    else if (s.id === SECTION.global) globals = r.u32();
  }
  const entry = PARAMS.WASM_TABLE_ENTRY_BYTES;
  let atStart = globals * PARAMS.WASM_GLOBAL_BYTES;
  for (const t of tables) atStart += t.limits.min * entry;
  for (const m of memories) atStart += m.min * PAGE;
  if (atStart > quotaBytes) {
    throw new WasmLimitError(
      `needs ${mib(atStart)} MB at start for its memory, tables and globals; its memory limit is ${mib(quotaBytes)} MB: raise it with --mem`,
      true,
    );
  }
  let left = quotaBytes - atStart;
  const tableGrowth = Math.floor(left / PARAMS.WASM_TABLE_SHARE / Math.max(1, tables.length) / entry);
  for (const t of tables) {
    t.limits.max = Math.min(t.limits.max ?? Number.POSITIVE_INFINITY, t.limits.min + tableGrowth);
    left -= (t.limits.max - t.limits.min) * entry;
  }
  const pageGrowth = Math.floor(left / Math.max(1, memories.length) / PAGE);
  const own = memories[0]?.max ?? MAX_PAGES;
  for (const m of memories) m.max = Math.min(m.max ?? MAX_PAGES, m.min + pageGrowth, MAX_PAGES);
  const memoryMax = memories[0] && memories[0].max! < own ? memories[0].max : undefined;
  const module = writeModule(bytes, sections, (id) => {
    if (id === SECTION.table && tables.length > 0) {
      return [...u32(tables.length), ...tables.flatMap((t) => [...t.type, ...limitBytes(t.limits)])];
    }
    if (id === SECTION.memory && memories.length > 0) {
      return [...u32(memories.length), ...memories.flatMap(limitBytes)];
    }
    return undefined;
  });
  return { module, memoryMax };
}

function mib(bytes: number): string {
  return String(Math.ceil(bytes / 2 ** 20));
}

function readSections(bytes: Uint8Array): Section[] {
  const magic = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  if (bytes.length < 8 || magic.some((b, i) => bytes[i] !== b)) {
    throw new WasmLimitError('The file is not a WebAssembly module (version 1)');
  }
  const r = new Reader(bytes, 8);
  const sections: Section[] = [];
  while (!r.done()) {
    const id = r.byte();
    const size = r.u32();
    sections.push({ id, payload: r.take(size) });
  }
  return sections;
}

/** Only function types: GC struct and array types (and the recursive groups holding them) are refused. */
function checkTypes(r: Reader): void {
  for (let n = r.u32(); n > 0; n--) {
    const form = r.byte();
    if (form !== 0x60) {
      throw new WasmLimitError(
        'The module declares WebAssembly GC types; a WebAssembly agent may declare only function types',
      );
    }
    for (let k = 0; k < 2; k++) for (let c = r.u32(); c > 0; c--) readValueType(r);
  }
}

/** Imports may only be functions: an imported memory, table or global would escape the sizing. */
function checkImports(r: Reader): void {
  for (let n = r.u32(); n > 0; n--) {
    r.take(r.u32());
    r.take(r.u32());
    const kind = r.byte();
    if (kind !== 0x00) {
      throw new WasmLimitError(
        'The module imports a memory, table, global or tag; a WebAssembly agent may import only functions',
      );
    }
    r.u32();
  }
}

function readTable(r: Reader): Table {
  const start = r.at;
  if (r.peek() === 0x40)
    throw new WasmLimitError('The module declares a table with an initialiser; declare a plain table');
  readValueType(r);
  const type = r.bytes.subarray(start, r.at);
  return { type, limits: readLimits(r, 'table') };
}

function readValueType(r: Reader): void {
  const t = r.byte();
  if (t === 0x63 || t === 0x64) r.s33(); // (ref null? heaptype)
}

function readLimits(r: Reader, what: 'memory' | 'table'): Limits {
  const flags = r.byte();
  if (flags !== 0x00 && flags !== 0x01 && !(what === 'memory' && flags === 0x03)) {
    throw new WasmLimitError(
      `The module declares a ${what} with limits flags ${flags} (64-bit or custom pages); a WebAssembly agent may use only 32-bit ones`,
    );
  }
  const min = r.u32();
  const max = flags & 0x01 ? r.u32() : undefined;
  return { shared: flags === 0x03, min, max };
}

function limitBytes(l: Limits): number[] {
  return [l.shared ? 0x03 : 0x01, ...u32(l.min), ...u32(l.max!)];
}

function writeModule(
  bytes: Uint8Array,
  sections: Section[],
  replace: (id: number) => number[] | undefined,
): Uint8Array {
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  for (const s of sections) {
    const payload = replace(s.id);
    const body = payload ? Uint8Array.from(payload) : s.payload;
    parts.push(Uint8Array.from([s.id, ...u32(body.length)]), body);
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function u32(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
  return out;
}

/** Reads the binary format's LEB128 numbers and byte runs; throws WasmLimitError past the end. */
class Reader {
  readonly bytes: Uint8Array;
  at: number;
  constructor(bytes: Uint8Array, at = 0) {
    this.bytes = bytes;
    this.at = at;
  }
  done(): boolean {
    return this.at >= this.bytes.length;
  }
  peek(): number {
    if (this.done()) throw new WasmLimitError('The module is malformed: it ends early');
    return this.bytes[this.at];
  }
  byte(): number {
    const b = this.peek();
    this.at++;
    return b;
  }
  take(n: number): Uint8Array {
    if (this.at + n > this.bytes.length) throw new WasmLimitError('The module is malformed: it ends early');
    const out = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
  u32(): number {
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) {
        if (result > 0xffff_ffff) break;
        return result;
      }
    }
    throw new WasmLimitError('The module is malformed: a number is out of range');
  }
  s33(): void {
    for (let i = 0; i < 5; i++) if ((this.byte() & 0x80) === 0) return;
    throw new WasmLimitError('The module is malformed: a type index is out of range');
  }
}
