/**
 * The audit journal as the store keeps it and as it is exported: verifying the live journal
 * chunk by chunk, exporting it as JSONL with a signed trailer, and verifying an export offline.
 *
 * An export is the journal's lines followed by one trailer line
 *   {"aiosExport":1,"to":<last seq>,"head":"<hash>","publicKey":"<b64url SPKI>","sig":"<b64url>"}
 * whose signature covers the last seq and head hash, so dropping entries from the end of the
 * file is detected too.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { base64urlDecode, base64urlEncode, utf8 } from '../kernel/encoding.ts';
import { type VerifyReport, verifyJournal } from '../kernel/index.ts';
import { seqOf } from './audit-store.ts';
import { createNodePorts, sha256Hex, verifyWith } from './ports.ts';
import type { Store } from './store.ts';

export interface JournalReport extends VerifyReport {
  ms: number;
  /** SHA-256 fingerprint (first 16 hex) of the key the journal was checked against. */
  keyFingerprint: string;
  /** Set when an export's trailer names a key other than the local one. */
  keyNote?: string;
}

export function keyFingerprint(publicKey: Uint8Array): string {
  return sha256Hex(base64urlEncode(publicKey)).slice(0, 16);
}

/** Verifies the journal in the store against the store's public key. */
export function verifyStore(store: Store): JournalReport {
  const started = performance.now();
  const publicKey = store.publicKey();
  if (!publicKey) {
    return { ...EMPTY, ms: 0, keyFingerprint: '' };
  }
  const check = (m: Uint8Array, s: Uint8Array) => verifyWith(publicKey, m, s);
  let total: VerifyReport | undefined;
  for (const chunk of store.audit.chunks()) {
    const report = verifyJournal(chunk.text, sha256Hex, check, {
      startSeq: total?.headSeq ?? chunk.fromSeq - 1,
      startHash: total?.headHash,
      startSealHash: total?.sealHash,
      startSealedSeq: total?.sealedSeq,
    });
    total = total
      ? {
          ...report,
          entries: total.entries + report.entries,
          seals: total.seals + report.seals,
        }
      : report;
    if (!report.ok) break;
  }
  total ??= EMPTY;
  return { ...total, ms: performance.now() - started, keyFingerprint: keyFingerprint(publicKey) };
}

const EMPTY: VerifyReport = {
  ok: true,
  entries: 0,
  seals: 0,
  headSeq: 0,
  headHash: '',
  sealHash: '',
  sealedSeq: 0,
  unsealed: 0,
};

function trailerMessage(to: number, head: string): Uint8Array {
  return utf8(`aios-audit-export/1|${to}|${head}`);
}

/**
 * The export, piece by piece: the journal's lines (a chunk of them at a time, each ending in a
 * newline) and last the signed trailer line. Pulled lazily, so a reader that stops early
 * (an HTTP client that hangs up) stops the export.
 */
export function* exportChunks(store: Store): Generator<string, number> {
  const keys = store.keys();
  const ports = createNodePorts(keys);
  let count = 0;
  let lastLine = '';
  for (const chunk of store.audit.chunks()) {
    if (chunk.text === '') continue;
    count += chunk.text.split('\n').length;
    lastLine = chunk.text.slice(chunk.text.lastIndexOf('\n') + 1);
    yield `${chunk.text}\n`;
  }
  const to = count === 0 ? 0 : seqOf(lastLine);
  const head = count === 0 ? '' : lastLine.slice(-66, -2);
  const trailer = {
    aiosExport: 1,
    to,
    head,
    publicKey: base64urlEncode(keys.publicKey),
    sig: base64urlEncode(ports.sign(trailerMessage(to, head))),
  };
  yield `${JSON.stringify(trailer)}\n`;
  return count;
}

/** Writes the journal as JSONL with a signed trailer to `path`; returns the entry count. */
export async function exportJournal(store: Store, path: string | NodeJS.WritableStream): Promise<number> {
  const out = typeof path === 'string' ? createWriteStream(path, { mode: 0o600 }) : path;
  const chunks = exportChunks(store);
  let next = chunks.next();
  while (!next.done) {
    if (!out.write(next.value)) await once(out, 'drain');
    next = chunks.next();
  }
  if (typeof path === 'string') {
    (out as NodeJS.WritableStream & { end(): void }).end();
    await once(out, 'finish');
  }
  return next.value;
}

/**
 * Verifies exported JSONL. The trusted key is the local store's when given; otherwise the
 * key named in the trailer is used, and the report says so.
 */
export function verifyExport(text: string, trustedKey?: Uint8Array): JournalReport {
  const started = performance.now();
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  const cut = body.lastIndexOf('\n') + 1;
  const last = body.slice(cut);
  let trailer:
    | { aiosExport?: number; to?: number; head?: string; publicKey?: string; sig?: string }
    | undefined;
  if (last.startsWith('{"aiosExport":')) {
    try {
      trailer = JSON.parse(last);
    } catch {
      trailer = undefined;
    }
  }
  const journal = trailer ? body.slice(0, Math.max(0, cut - 1)) : body;
  const embedded = trailer?.publicKey ? base64urlDecode(trailer.publicKey) : undefined;
  const key = trustedKey ?? embedded;
  const fail = (reason: string, seq = 0): JournalReport => ({
    ...EMPTY,
    ok: false,
    firstBad: { seq, line: 0, reason },
    ms: performance.now() - started,
    keyFingerprint: key ? keyFingerprint(key) : '',
  });
  if (!key) return fail('the file has no export trailer and no local key is available to check it');
  let keyNote: string | undefined;
  if (trustedKey && embedded && base64urlEncode(trustedKey) !== base64urlEncode(embedded)) {
    return fail(
      `the export was signed by key ${keyFingerprint(embedded)}, not this system's key ${keyFingerprint(trustedKey)}`,
    );
  }
  if (!trustedKey)
    keyNote = `checked against the key in the file (${keyFingerprint(key)}); compare it with the source system's`;
  const check = (m: Uint8Array, s: Uint8Array) => verifyWith(key, m, s);
  const report = verifyJournal(journal, sha256Hex, check);
  const result: JournalReport = {
    ...report,
    ms: performance.now() - started,
    keyFingerprint: keyFingerprint(key),
    keyNote,
  };
  if (!report.ok) return result;
  if (!trailer) {
    return {
      ...result,
      ok: false,
      firstBad: {
        seq: report.headSeq + 1,
        line: 0,
        reason: 'the export trailer is missing: entries may have been cut from the end',
      },
    };
  }
  const sig = base64urlDecode(trailer.sig ?? '');
  if (!sig || !check(trailerMessage(trailer.to ?? -1, trailer.head ?? ''), sig)) {
    return {
      ...result,
      ok: false,
      firstBad: { seq: report.headSeq, line: 0, reason: 'the export trailer signature is not valid' },
    };
  }
  if (trailer.to !== report.headSeq || trailer.head !== report.headHash) {
    return {
      ...result,
      ok: false,
      firstBad: {
        seq: Math.min(report.headSeq + 1, trailer.to ?? 0),
        line: 0,
        reason: `the export ends at entry ${report.headSeq} but was signed up to entry ${trailer.to}: entries were removed from the end`,
      },
    };
  }
  return result;
}
