import { inflateSync } from 'node:zlib';

/**
 * Just enough PDF reading for tests of the PDFs CarePath writes (pdfkit, one embedded font):
 * the page count, and the text the pages show, decoded through the font's ToUnicode map.
 * Streams are Flate-compressed as served; they are inflated here, so the api never needs a
 * test-only switch.
 */
export interface PdfContent {
  pages: number;
  /** The text of every text-showing operator, one line each, in document order. */
  text: string;
  info: string;
}

export function readPdf(bytes: Buffer): PdfContent {
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('Not a PDF: no %PDF- header');
  const raw = bytes.toString('latin1');
  const streams = streamsOf(bytes, raw);
  const glyphs = new Map<string, string>();
  for (const stream of streams) if (stream.includes('beginbfrange')) readCmap(stream, glyphs);
  const lines: string[] = [];
  for (const stream of streams) {
    for (const match of stream.matchAll(/\[([^\]]*)\] TJ/g)) {
      const hex = [...match[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]!).join('');
      let text = '';
      for (let i = 0; i + 4 <= hex.length; i += 4)
        text += glyphs.get(hex.slice(i, i + 4).toLowerCase()) ?? '?';
      lines.push(text);
    }
  }
  return {
    pages: [...raw.matchAll(/\/Type \/Page\b(?!s)/g)].length,
    text: lines.join('\n'),
    info: raw.slice(raw.lastIndexOf('trailer')),
  };
}

/** Every stream's content as latin1 text, inflated when it was compressed. */
function streamsOf(bytes: Buffer, raw: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (;;) {
    const start = raw.indexOf('stream\n', from);
    if (start < 0) break;
    const end = raw.indexOf('\nendstream', start);
    if (end < 0) break;
    const body = bytes.subarray(start + 'stream\n'.length, end);
    try {
      out.push(inflateSync(body).toString('latin1'));
    } catch {
      out.push(body.toString('latin1'));
    }
    from = end + '\nendstream'.length;
  }
  return out;
}

/** pdfkit's ToUnicode map: `<start> <end> [<u> <u> …]` ranges, glyph ids in order. */
function readCmap(cmap: string, glyphs: Map<string, string>): void {
  for (const range of cmap.matchAll(/<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]{4})>\s*\[([^\]]*)\]/g)) {
    let code = parseInt(range[1]!, 16);
    for (const entry of range[3]!.matchAll(/<([0-9a-fA-F ]*)>/g)) {
      const units = entry[1]!
        .split(' ')
        .filter(Boolean)
        .map((unit) => parseInt(unit, 16));
      glyphs.set(code.toString(16).padStart(4, '0'), String.fromCharCode(...units));
      code += 1;
    }
  }
}
