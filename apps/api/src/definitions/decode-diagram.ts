/**
 * The text of an uploaded diagram file. Bytes arrive as the modeler saved them, so they are
 * decoded as the document says (XML 1.0, appendix F): a byte order mark wins; UTF-16 without
 * one shows by its zero bytes; otherwise the `encoding` of the XML declaration, read from the
 * first bytes as ASCII (every encoding a declaration can be read in agrees with ASCII there);
 * UTF-8 when it names none. A diagram sent as the JSON `xml` string is already text and never
 * comes here.
 */
export type DecodedDiagram = { ok: true; xml: string; encoding: string } | { ok: false; encoding: string };

/** How far into the file the XML declaration may end; it must come first. */
const DECLARATION_BYTES = 1024;

const DECLARED_ENCODING = /^<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([^"']{1,64})\1/;

export function decodeDiagram(bytes: Uint8Array): DecodedDiagram {
  const sniffed = sniffEncoding(bytes);
  if (sniffed) return decodeAs(bytes, sniffed);
  const head = String.fromCharCode(...bytes.subarray(0, DECLARATION_BYTES));
  const declared = DECLARED_ENCODING.exec(head)?.[2]?.trim();
  // A declaration readable as ASCII is not in UTF-16, whatever it says (UTF-16 needs a BOM or zero bytes).
  if (declared === undefined || /^utf-?16/i.test(declared)) return decodeAs(bytes, 'utf-8');
  return decodeAs(bytes, declared);
}

/** The encoding the first bytes show by themselves: a byte order mark, or '<?' in UTF-16. */
function sniffEncoding(bytes: Uint8Array): string | undefined {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return 'utf-8';
  if (b0 === 0xff && b1 === 0xfe) return 'utf-16le';
  if (b0 === 0xfe && b1 === 0xff) return 'utf-16be';
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x3f && b3 === 0x00) return 'utf-16le';
  if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00 && b3 === 0x3f) return 'utf-16be';
  return undefined;
}

function decodeAs(bytes: Uint8Array, encoding: string): DecodedDiagram {
  const decoder = decoderFor(encoding);
  if (!decoder) return { ok: false, encoding };
  // Not fatal, as the UTF-8 decoding always was: a stray byte becomes U+FFFD, not a refusal.
  return { ok: true, xml: decoder.decode(bytes), encoding: decoder.encoding };
}

function decoderFor(encoding: string): InstanceType<typeof TextDecoder> | undefined {
  try {
    return new TextDecoder(encoding);
  } catch {
    // RangeError: an encoding label the WHATWG Encoding Standard does not know.
    return undefined;
  }
}
