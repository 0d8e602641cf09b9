/**
 * Runs first inside every agent isolate. A bare V8 isolate has no TextEncoder or
 * TextDecoder, which the SDK uses; these are UTF-8 only, built on the engine's own
 * encodeURIComponent, and replace undecodable bytes with U+FFFD as the standard ones do.
 */
const g = globalThis as unknown as Record<string, unknown>;

if (typeof g.TextEncoder === 'undefined') {
  class Utf8Encoder {
    readonly encoding = 'utf-8';
    encode(text = ''): Uint8Array {
      const binary = unescape(encodeURIComponent(String(text).replace(/[\ud800-\udfff]/gu, '\ufffd')));
      const out = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
      return out;
    }
  }
  g.TextEncoder = Utf8Encoder;
}

if (typeof g.TextDecoder === 'undefined') {
  class Utf8Decoder {
    readonly encoding = 'utf-8';
    decode(input?: ArrayBufferView | ArrayBuffer): string {
      if (input === undefined) return '';
      const bytes =
        input instanceof Uint8Array
          ? input
          : ArrayBuffer.isView(input)
            ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength)
            : new Uint8Array(input);
      let binary = '';
      for (let i = 0; i < bytes.length; i += 8192) {
        binary += String.fromCharCode(...bytes.subarray(i, i + 8192));
      }
      try {
        return decodeURIComponent(escape(binary));
      } catch {
        return decodeLoosely(bytes);
      }
    }
  }
  g.TextDecoder = Utf8Decoder;
}

/** Decodes UTF-8 byte by byte, turning each malformed sequence into U+FFFD. */
function decodeLoosely(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const n =
      b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    let ok = n > 0 && i + n <= bytes.length;
    for (let j = 1; ok && j < n; j++) ok = (bytes[i + j] & 0xc0) === 0x80;
    if (!ok) {
      out += '\ufffd';
      i++;
      continue;
    }
    let binary = '';
    for (let j = 0; j < n; j++) binary += String.fromCharCode(bytes[i + j]);
    try {
      out += decodeURIComponent(escape(binary));
    } catch {
      out += '\ufffd';
    }
    i += n;
  }
  return out;
}
