/**
 * Verifies an audit journal: the text of its lines, as kept by the store or exported. Blocks
 * closed by a seal are checked with one hash and one signature; a block that fails, and the
 * lines after the last seal, are checked line by line, which names the first bad entry:
 * changed, missing, inserted or out of order. Lines after the last seal are only
 * hash-chained, which anyone who can write the journal can recompute: the report counts them
 * as `unsealed`, intact as far as the chain shows but vouched for by no signature. Seals of
 * journals written before they had that name are `checkpoint` lines, and verify as seals.
 *
 * @example
 * const report = verifyJournal(text, (msg, sig) => ports.verify(msg, sig));
 * if (!report.ok) console.log(`entry ${report.firstBad.seq}: ${report.firstBad.reason}`);
 */
import { GENESIS_HASH, HASH_SUFFIX_LENGTH, type SealKind, sealMessage } from './audit.ts';
import { base64urlDecode } from './encoding.ts';

export interface BadEntry {
  /** The seq the bad line has, or should have had. */
  seq: number;
  /** 1-based line number in the text. */
  line: number;
  reason: string;
}

export interface VerifyReport {
  ok: boolean;
  entries: number;
  /** Seals whose signature and digest were checked. */
  seals: number;
  headSeq: number;
  headHash: string;
  /** Hash of the last seal seen, to continue verification in a next chunk. */
  sealHash: string;
  /** Seq of the last seal (0 when there is none). */
  sealedSeq: number;
  /** Entries after the last seal: chained, but under no signature. */
  unsealed: number;
  firstBad?: BadEntry;
}

export interface VerifyOptions {
  /** Where the text starts in the chain (a store page may start mid-chain). */
  startSeq?: number;
  startHash?: string;
  startSealHash?: string;
  /** Seq of the last seal before the text (startSeq when absent). */
  startSealedSeq?: number;
}

type SigCheck = (message: Uint8Array, signature: Uint8Array) => boolean;
type Hash = (text: string) => string;

const SEAL_MARKS: readonly string[] = ['"kind":"seal"', '"kind":"checkpoint"'];

export function verifyJournal(
  text: string,
  sha256Hex: Hash,
  verifySig: SigCheck,
  options: VerifyOptions = {},
): VerifyReport {
  const v = new Verifier(text, sha256Hex, verifySig, options);
  return v.run();
}

class Verifier {
  readonly text: string;
  readonly hash: Hash;
  readonly verifySig: SigCheck;
  seq: number;
  head: string;
  sealHash: string;
  sealedSeq: number;
  pos = 0;
  /** Where the open block starts: after the last seal, or at the start of the text. */
  blockStart = 0;
  lineNo = 0;
  entries = 0;
  seals = 0;
  bad: BadEntry | undefined;
  /** Where each of SEAL_MARKS next occurs at or after pos (-1: nowhere), searched lazily. */
  readonly #marks: number[] = SEAL_MARKS.map(() => -2);

  constructor(text: string, hash: Hash, verifySig: SigCheck, options: VerifyOptions) {
    this.text = text.endsWith('\n') ? text.slice(0, -1) : text;
    this.hash = hash;
    this.verifySig = verifySig;
    this.seq = options.startSeq ?? 0;
    this.head = options.startHash ?? GENESIS_HASH;
    this.sealHash = options.startSealHash ?? '';
    this.sealedSeq = options.startSealedSeq ?? this.seq;
  }

  run(): VerifyReport {
    const text = this.text;
    while (this.bad === undefined && this.pos < text.length) {
      const mark = this.nextMark();
      if (mark < 0 || !this.fastBlock(mark)) this.slowLines(mark < 0 ? text.length : this.lineEnd(mark));
    }
    return {
      ok: this.bad === undefined,
      entries: this.entries,
      seals: this.seals,
      headSeq: this.seq,
      headHash: this.head,
      sealHash: this.sealHash,
      sealedSeq: this.sealedSeq,
      unsealed: this.seq - this.sealedSeq,
      firstBad: this.bad,
    };
  }

  /**
   * The first seal mark at or after pos, or -1. Each mark's position is kept until pos passes
   * it, so a journal with only one kind of seal is not searched to its end for the other at
   * every block.
   */
  nextMark(): number {
    let first = -1;
    for (let i = 0; i < SEAL_MARKS.length; i++) {
      let at = this.#marks[i];
      if (at !== -1 && at < this.pos) this.#marks[i] = at = this.text.indexOf(SEAL_MARKS[i], this.pos);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    }
    return first;
  }

  /** Checks the block ending at the seal line containing `mark` with one digest. */
  fastBlock(mark: number): boolean {
    const text = this.text;
    const sealStart = text.lastIndexOf('\n', mark) + 1;
    const sealEnd = this.lineEnd(mark);
    if (sealStart <= this.pos) return false;
    const blockText = text.slice(this.pos, sealStart - 1);
    const seal = parseLine(text.slice(sealStart, sealEnd));
    const d = seal?.detail as
      | { from?: number; to?: number; digest?: string; prev?: string; sig?: string }
      | undefined;
    const kind = sealKind(seal);
    if (!seal || !kind || !d || d.from !== this.seq + 1 || d.to !== seal.seq - 1 || d.prev !== this.sealHash)
      return false;
    if (this.hash(blockText) !== d.digest) return false;
    const lastHash = text.slice(sealStart - 1 - (HASH_SUFFIX_LENGTH - 9), sealStart - 3);
    const sig = base64urlDecode(d.sig ?? '');
    if (!sig || !this.verifySig(sealMessage(kind, d.from, d.to, d.digest, lastHash, d.prev), sig))
      return false;
    const sealLine = text.slice(sealStart, sealEnd);
    if (this.hash(lastHash + bodyOf(sealLine)) !== hashOf(sealLine)) return false;
    let lines = 0;
    for (let i = this.pos; i < sealStart; i = text.indexOf('\n', i) + 1) lines++;
    this.entries += d.to - d.from + 2;
    this.seals++;
    this.lineNo += lines + 1;
    this.seq = seal.seq;
    this.head = hashOf(sealLine);
    this.sealHash = this.head;
    this.sealedSeq = seal.seq;
    this.pos = sealEnd + 1;
    this.blockStart = this.pos;
    return true;
  }

  /** Checks lines one by one up to `end`, stopping at the first bad one. */
  slowLines(end: number): void {
    const text = this.text;
    while (this.pos < end && this.pos < text.length) {
      const lineEnd = this.lineEnd(this.pos);
      const line = text.slice(this.pos, lineEnd);
      this.lineNo++;
      const entry = parseLine(line);
      const expected = this.seq + 1;
      const problem = lineProblem(this.head, line, entry, expected, this.hash);
      if (problem || !entry) {
        this.fail(problem?.[0] ?? expected, problem?.[1] ?? 'the line is not a well-formed audit entry');
        return;
      }
      const kind = sealKind(entry);
      // a block may span several calls: a line merely mentioning a seal ends one early
      if (kind && !this.checkSeal(entry, kind, text.slice(this.blockStart, this.pos - 1))) return;
      this.seq = entry!.seq;
      this.head = entry!.hash;
      this.entries++;
      this.pos = lineEnd + 1;
      if (kind) this.blockStart = this.pos;
    }
  }

  checkSeal(entry: ParsedLine, kind: SealKind, blockText: string): boolean {
    const d = entry.detail as { from: number; to: number; digest: string; prev: string; sig: string };
    if (d.prev !== this.sealHash) {
      this.fail(entry.seq, 'seal does not follow the previous seal');
      return false;
    }
    if (this.hash(blockText) !== d.digest) {
      this.fail(entry.seq, 'seal digest does not match the block it closes');
      return false;
    }
    const sig = base64urlDecode(d.sig ?? '');
    if (!sig || !this.verifySig(sealMessage(kind, d.from, d.to, d.digest, this.head, d.prev), sig)) {
      this.fail(entry.seq, 'seal signature is not valid for this kernel’s key');
      return false;
    }
    this.seals++;
    this.sealHash = entry.hash;
    this.sealedSeq = entry.seq;
    return true;
  }

  fail(seq: number, reason: string): void {
    this.bad = { seq, line: this.lineNo, reason };
  }

  lineEnd(from: number): number {
    const i = this.text.indexOf('\n', from);
    return i < 0 ? this.text.length : i;
  }
}

interface ParsedLine {
  seq: number;
  kind: string;
  hash: string;
  detail?: Record<string, unknown>;
}

/** The seal kind of a line, or undefined for any other entry. */
function sealKind(entry: ParsedLine | undefined): SealKind | undefined {
  const kind = entry?.kind;
  return kind === 'seal' || kind === 'checkpoint' ? kind : undefined;
}

function parseLine(line: string): ParsedLine | undefined {
  try {
    const v = JSON.parse(line) as Partial<ParsedLine>;
    if (!Number.isInteger(v.seq) || typeof v.hash !== 'string' || typeof v.kind !== 'string')
      return undefined;
    if (!line.endsWith(`,"hash":"${v.hash}"}`) || v.hash.length !== 64) return undefined;
    return v as ParsedLine;
  } catch {
    return undefined;
  }
}

function lineProblem(
  prevHash: string,
  line: string,
  entry: ParsedLine | undefined,
  expected: number,
  hash: Hash,
): [number, string] | undefined {
  if (!entry) return [expected, 'the line is not a well-formed audit entry'];
  if (entry.seq > expected) return [expected, `entry ${expected} is missing (the next line is ${entry.seq})`];
  if (entry.seq < expected)
    return [entry.seq, `entry ${entry.seq} is out of order or inserted (expected ${expected})`];
  if (hash(prevHash + bodyOf(line)) !== entry.hash) {
    return [entry.seq, 'its contents or the chain before it were changed (hash mismatch)'];
  }
  return undefined;
}

function bodyOf(line: string): string {
  return `${line.slice(0, -HASH_SUFFIX_LENGTH)}}`;
}

function hashOf(line: string): string {
  return line.slice(-66, -2);
}
