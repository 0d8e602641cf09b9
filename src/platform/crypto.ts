/**
 * `node:crypto`, loaded at its first real use rather than when aios starts: loading it (ciphers,
 * key objects, X.509, argon2) costs more than anything else on `aios up`'s path to ready, and
 * on a restart nothing there needs it. Until then the OS random source is read directly and the
 * few short texts boot hashes go through a plain SHA-256 (sha256.ts) that gives the same digest.
 *
 * @example
 * const code = randomFill(new Uint8Array(16));  // /dev/urandom, or crypto once it is loaded
 * sha256Hex('abc');                             // the same hex either way
 * nodeCrypto().sign(null, data, key);           // loads it here, if nothing has yet
 */
import type * as Crypto from 'node:crypto';
import { sha256HexOf } from './sha256.ts';

// Not an ES import: that would load the module with the one importing this (docs/boot.md).
const { closeSync, openSync, readSync } = process.getBuiltinModule('node:fs');

/**
 * Longest text hashed in plain JavaScript while `node:crypto` is not loaded; a longer one loads
 * it. Boot's entries are a few hundred bytes; a seal's block digest or an image is far longer.
 */
export const PLAIN_SHA256_MAX_CHARS = 4096;

let loaded: typeof Crypto | undefined;

/** `node:crypto`, loaded now if it is not yet. */
export function nodeCrypto(): typeof Crypto {
  loaded ??= process.getBuiltinModule('node:crypto');
  return loaded;
}

/** SHA-256 of `text`'s UTF-8 bytes as hex, without loading `node:crypto` for a short text. */
export function sha256Hex(text: string): string {
  if (loaded === undefined && text.length <= PLAIN_SHA256_MAX_CHARS) return sha256HexOf(text);
  return nodeCrypto().hash('sha256', text, 'hex');
}

/**
 * Fills `buffer` from the OS's random source and returns it: `node:crypto`'s generator once it
 * is loaded, until then /dev/urandom (the same kernel CSPRNG Node seeds from), read synchronously.
 */
export function randomFill<T extends NodeJS.TypedArray>(buffer: T): T {
  if (loaded === undefined) {
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    let fd: number | undefined;
    try {
      fd = openSync('/dev/urandom', 'r');
      for (let at = 0; at < bytes.length; ) {
        const read = readSync(fd, bytes, at, bytes.length - at, null);
        if (read <= 0) throw new Error('short read from /dev/urandom');
        at += read;
      }
      return buffer;
    } catch {
      // no /dev/urandom here (or it failed): node:crypto's generator then
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
  return nodeCrypto().randomFillSync(buffer);
}
