/**
 * Verifies an audit journal: the text of its lines, as kept by the store or exported. Blocks
 * closed by a checkpoint are checked with one hash and one signature; a block that fails, and
 * the lines after the last checkpoint, are checked line by line, which names the first bad
 * entry: changed, missing, inserted or out of order. Lines after the last checkpoint are only
 * hash-chained, which anyone who can write the journal can recompute: the report counts them
 * as `unsealed`, intact as far as the chain shows but vouched for by no signature.
 *
 * @example
 * const report = verifyJournal(text, (msg, sig) => ports.verify(msg, sig));
 * if (!report.ok) console.log(`entry ${report.firstBad.seq}: ${report.firstBad.reason}`);
 */
import { checkpointMessage, GENESIS_HASH, HASH_SUFFIX_LENGTH } from './audit.ts';
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
  checkpoints: number;
  headSeq: number;
  headHash: string;
  /** Hash of the last checkpoint seen, to continue verification in a next chunk. */
  checkpointHash: string;
  /** Seq of the last signed checkpoint (0 when there is none). */
  sealedSeq: number;
  /** Entries after the last signed checkpoint: chained, but under no signature. */
  unsealed: number;
  firstBad?: BadEntry;
}

export interface VerifyOptions {
  /** Where the text starts in the chain (a store page may start mid-chain). */
  startSeq?: number;
  startHash?: string;
  startCheckpointHash?: string;
  /** Seq of the last checkpoint before the text (startSeq when absent). */
  startSealedSeq?: number;
}

type SigCheck = (message: Uint8Array, signature: Uint8Array) => boolean;
type Hash = (text: string) => string;

const CHECKPOINT_MARK = '"kind":"checkpoint"';

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
  checkpointHash: string;
  sealedSeq: number;
  pos = 0;
  lineNo = 0;
  entries = 0;
  checkpoints = 0;
  bad: BadEntry | undefined;

  constructor(text: string, hash: Hash, verifySig: SigCheck, options: VerifyOptions) {
    this.text = text.endsWith('\n') ? text.slice(0, -1) : text;
    this.hash = hash;
    this.verifySig = verifySig;
    this.seq = options.startSeq ?? 0;
    this.head = options.startHash ?? GENESIS_HASH;
    this.checkpointHash = options.startCheckpointHash ?? '';
    this.sealedSeq = options.startSealedSeq ?? this.seq;
  }

  run(): VerifyReport {
    const text = this.text;
    while (this.bad === undefined && this.pos < text.length) {
      const mark = text.indexOf(CHECKPOINT_MARK, this.pos);
      if (mark < 0 || !this.fastBlock(mark)) this.slowLines(mark < 0 ? text.length : this.lineEnd(mark));
    }
    return {
      ok: this.bad === undefined,
      entries: this.entries,
      checkpoints: this.checkpoints,
      headSeq: this.seq,
      headHash: this.head,
      checkpointHash: this.checkpointHash,
      sealedSeq: this.sealedSeq,
      unsealed: this.seq - this.sealedSeq,
      firstBad: this.bad,
    };
  }

  /** Checks the block ending at the checkpoint line containing `mark` with one digest. */
  fastBlock(mark: number): boolean {
    const text = this.text;
    const ckStart = text.lastIndexOf('\n', mark) + 1;
    const ckEnd = this.lineEnd(mark);
    if (ckStart <= this.pos) return false;
    const blockText = text.slice(this.pos, ckStart - 1);
    const ck = parseLine(text.slice(ckStart, ckEnd));
    const d = ck?.detail as
      | { from?: number; to?: number; digest?: string; prev?: string; sig?: string }
      | undefined;
    if (!ck || !d || d.from !== this.seq + 1 || d.to !== ck.seq - 1 || d.prev !== this.checkpointHash)
      return false;
    if (this.hash(blockText) !== d.digest) return false;
    const lastHash = text.slice(ckStart - 1 - (HASH_SUFFIX_LENGTH - 9), ckStart - 3);
    const sig = base64urlDecode(d.sig ?? '');
    if (!sig || !this.verifySig(checkpointMessage(d.from, d.to, d.digest, lastHash, d.prev), sig))
      return false;
    const ckLine = text.slice(ckStart, ckEnd);
    if (this.hash(lastHash + bodyOf(ckLine)) !== hashOf(ckLine)) return false;
    let lines = 0;
    for (let i = this.pos; i < ckStart; i = text.indexOf('\n', i) + 1) lines++;
    this.entries += d.to - d.from + 2;
    this.checkpoints++;
    this.lineNo += lines + 1;
    this.seq = ck.seq;
    this.head = hashOf(ckLine);
    this.checkpointHash = this.head;
    this.sealedSeq = ck.seq;
    this.pos = ckEnd + 1;
    return true;
  }

  /** Checks lines one by one up to `end`, stopping at the first bad one. */
  slowLines(end: number): void {
    const text = this.text;
    const blockStart = this.pos;
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
      if (entry.kind === 'checkpoint' && !this.checkCheckpoint(entry, text.slice(blockStart, this.pos - 1)))
        return;
      this.seq = entry!.seq;
      this.head = entry!.hash;
      this.entries++;
      this.pos = lineEnd + 1;
    }
  }

  checkCheckpoint(entry: ParsedLine, blockText: string): boolean {
    const d = entry.detail as { from: number; to: number; digest: string; prev: string; sig: string };
    if (d.prev !== this.checkpointHash) {
      this.fail(entry.seq, 'checkpoint does not follow the previous checkpoint');
      return false;
    }
    if (this.hash(blockText) !== d.digest) {
      this.fail(entry.seq, 'checkpoint digest does not match the block it closes');
      return false;
    }
    const sig = base64urlDecode(d.sig ?? '');
    if (!sig || !this.verifySig(checkpointMessage(d.from, d.to, d.digest, this.head, d.prev), sig)) {
      this.fail(entry.seq, 'checkpoint signature is not valid for this kernel’s key');
      return false;
    }
    this.checkpoints++;
    this.checkpointHash = entry.hash;
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
