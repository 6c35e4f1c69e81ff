import { decodeDiagram } from './decode-diagram';

const declaration = (encoding: string): string => `<?xml version="1.0" encoding="${encoding}"?>\n`;
const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Uint8Array.from(
    parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part, 'latin1')] : part)),
  );

describe('decodeDiagram', () => {
  it('reads UTF-8 when the declaration names no encoding, or there is none', () => {
    const cafe = [...Buffer.from('<p name="Café"/>', 'utf8')];
    expect(decodeDiagram(bytes('<?xml version="1.0"?>', cafe))).toEqual({
      ok: true,
      xml: '<?xml version="1.0"?><p name="Café"/>',
      encoding: 'utf-8',
    });
    expect(decodeDiagram(bytes(cafe))).toMatchObject({ ok: true, xml: '<p name="Café"/>' });
  });

  it('decodes ISO-8859-1 bytes as the declaration says', () => {
    const xml = `${declaration('ISO-8859-1')}<p name="Café"/>`;
    expect(decodeDiagram(Buffer.from(xml, 'latin1'))).toMatchObject({ ok: true, xml });
  });

  it('decodes GBK bytes as the declaration says, in either quote style', () => {
    // 心理 in GBK: Node encodes no GBK, so the bytes are written out.
    const name = [0xd0, 0xc4, 0xc0, 0xed];
    expect(decodeDiagram(bytes(declaration('GBK'), '<p name="', name, '"/>'))).toMatchObject({
      ok: true,
      xml: `${declaration('GBK')}<p name="心理"/>`,
      encoding: 'gbk',
    });
    const singleQuoted = "<?xml version='1.0' encoding='gb18030'?>";
    expect(decodeDiagram(bytes(singleQuoted, '<p name="', name, '"/>'))).toMatchObject({
      xml: `${singleQuoted}<p name="心理"/>`,
    });
  });

  it('lets a byte order mark win over the declaration', () => {
    const xml = `${declaration('ISO-8859-1')}<p name="Café"/>`;
    expect(decodeDiagram(bytes([0xef, 0xbb, 0xbf], [...Buffer.from(xml, 'utf8')]))).toMatchObject({
      ok: true,
      xml,
      encoding: 'utf-8',
    });
    const utf16 = `${declaration('UTF-16')}<p name="心理"/>`;
    expect(decodeDiagram(bytes([0xff, 0xfe], [...Buffer.from(utf16, 'utf16le')]))).toMatchObject({
      ok: true,
      xml: utf16,
      encoding: 'utf-16le',
    });
  });

  it('recognises UTF-16 without a byte order mark by its zero bytes', () => {
    const utf16 = `${declaration('UTF-16')}<p name="心理"/>`;
    expect(decodeDiagram(Buffer.from(utf16, 'utf16le'))).toMatchObject({ ok: true, xml: utf16 });
  });

  it('names an encoding it does not know', () => {
    expect(decodeDiagram(bytes(declaration('klingon'), '<p/>'))).toEqual({ ok: false, encoding: 'klingon' });
  });
});
