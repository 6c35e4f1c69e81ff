import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { RequestLanguage } from '../common/language';
import type { ComplianceLine } from './compliance-lines';
import { COMPLIANCE_WORDS, durationWords, shanghaiTime } from './compliance-words';

/**
 * The CJK font the PDF is set in: Debian's fonts-wqy-microhei (scripts/lib/common.sh installs it
 * with the browser tests' chromium and for the api). Without it Chinese would print as empty
 * boxes, so the export refuses instead (503, docs/compliance.md).
 */
export const CJK_FONT_PATH = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
/** The face inside the collection (the proportional one; the other is its monospaced twin). */
const CJK_FONT_FACE = 'WenQuanYiMicroHei';

/** The font file is not on this machine: the caller answers 503 naming the package. */
export class PdfFontMissing extends Error {
  constructor(readonly path: string) {
    super(`The CJK font ${path} is missing (Debian package fonts-wqy-microhei)`);
  }
}

/** What the PDF says about the case and its reader, besides the lines. */
export interface ComplianceDocument {
  instanceId: string;
  businessKey: string | null;
  orgUnitName: string;
  processName: string;
  version: number;
  generatedAt: string;
  generatedBy: string;
  sealed: boolean;
  purged: boolean;
  chainVerified: boolean;
  items: ComplianceLine[];
}

/** How many characters of an entry's hash the PDF prints: enough to find and compare it. */
export const HASH_PREFIX_LENGTH = 12;

const MARGIN = 40;
const COLUMNS = [
  { key: 'step', width: 0.22 },
  { key: 'due', width: 0.13 },
  { key: 'done', width: 0.13 },
  { key: 'by', width: 0.13 },
  { key: 'lateBy', width: 0.12 },
  { key: 'escalations', width: 0.27 },
] as const;

/**
 * Renders the review as an A4 landscape PDF a bureau can file (docs/compliance.md): a header
 * naming the case, the table of deadlines, the chain's verification, each line's evidence, and
 * "page n of N" on every page. Set in the CJK font, whichever language it is in.
 */
export async function renderCompliancePdf(
  document: ComplianceDocument,
  language: RequestLanguage,
  fontPath: string = CJK_FONT_PATH,
): Promise<Buffer> {
  if (!existsSync(fontPath)) throw new PdfFontMissing(fontPath);
  const words = COMPLIANCE_WORDS[language];
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: `${words.title} ${document.businessKey ?? document.instanceId}`,
      Author: document.generatedBy,
      Creator: 'CarePath',
      CreationDate: new Date(document.generatedAt),
    },
  });
  const done = collect(doc);
  doc.registerFont('cjk', fontPath, CJK_FONT_FACE);
  doc.font('cjk');
  const width = doc.page.width - 2 * MARGIN;

  doc.fontSize(16).text(words.title, { align: 'center' });
  doc.moveDown(0.6);
  doc.fontSize(10);
  const facts: [string, string][] = [
    [words.businessKey, document.businessKey ?? words.none],
    [words.unit, document.orgUnitName],
    [words.process, `${document.processName} · v${document.version}`],
    [words.instanceId, document.instanceId],
    [words.generated, `${shanghaiTime(document.generatedAt)} (UTC+8) / ${document.generatedBy}`],
    [words.chain, document.chainVerified ? words.chainOk : words.chainFailed],
  ];
  const colon = language === 'zh-CN' ? '：' : ': ';
  for (const [label, value] of facts) doc.text(`${label}${colon}${value}`, { width });
  if (document.sealed) doc.text(words.sealed, { width });
  if (document.purged) doc.text(words.purged, { width });
  doc.moveDown(0.8);

  doc.fontSize(12).text(words.table);
  doc.moveDown(0.3);
  doc.fontSize(9);
  if (document.items.length === 0) doc.text(words.noLines);
  else {
    const header = COLUMNS.map((column) => words[column.key]);
    row(doc, header, width, true);
    // A table that runs over a page starts the next one with its header again.
    document.items.forEach((item, index) =>
      row(doc, cells(item, index, language), width, false, () => row(doc, header, width, true)),
    );
  }

  doc.moveDown(0.8);
  doc.x = MARGIN;
  doc.fontSize(12).text(words.evidence, MARGIN);
  doc.moveDown(0.3);
  doc.fontSize(9);
  for (const [index, item] of document.items.entries()) {
    ensureRoom(doc, 28);
    doc.text(`${index + 1}. ${item.name} (${item.elementId})`, MARGIN, doc.y, { width });
    for (const entry of item.evidence) {
      ensureRoom(doc, 14);
      doc.text(
        `    seq ${entry.seq} · ${words.types[entry.type] ?? entry.type} · ${shanghaiTime(entry.at)} · ${entry.hash.slice(0, HASH_PREFIX_LENGTH)}`,
        MARGIN,
        doc.y,
        { width },
      );
    }
  }

  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    // Inside the bottom margin: lowered so writing it never starts a page of its own.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.fontSize(8).text(words.page(index + 1, range.count), MARGIN, doc.page.height - MARGIN + 12, {
      width,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

function cells(item: ComplianceLine, index: number, language: RequestLanguage): string[] {
  const words = COMPLIANCE_WORDS[language];
  const late = durationWords(item.lateByMs, language);
  return [
    // Numbered: the evidence section below names its lines by the same numbers.
    `${index + 1}. ${item.name}\n${words.statuses[item.status]}`,
    shanghaiTime(item.dueAt),
    shanghaiTime(item.completedAt),
    item.actor?.displayName ?? '',
    late,
    item.escalations.length === 0
      ? words.none
      : item.escalations.map((e) => `${e.name} ${shanghaiTime(e.firedAt)}`).join('\n'),
  ];
}

/** One table row: each cell wrapped in its column, the row as tall as its tallest cell. */
function row(
  doc: PDFKit.PDFDocument,
  texts: string[],
  width: number,
  header: boolean,
  onNewPage?: () => void,
): void {
  const padding = 3;
  const widths = COLUMNS.map((column) => column.width * width);
  const height =
    Math.max(
      ...texts.map((text, i) => doc.heightOfString(text || ' ', { width: widths[i]! - 2 * padding })),
    ) +
    2 * padding;
  if (ensureRoom(doc, height)) onNewPage?.();
  const top = doc.y;
  let x = MARGIN;
  if (header) doc.rect(MARGIN, top, width, height).fill('#eeeeee').fillColor('#000000');
  texts.forEach((text, i) => {
    doc.text(text, x + padding, top + padding, { width: widths[i]! - 2 * padding });
    x += widths[i]!;
  });
  doc
    .moveTo(MARGIN, top + height)
    .lineTo(MARGIN + width, top + height)
    .lineWidth(0.5)
    .strokeColor('#999999')
    .stroke();
  doc.x = MARGIN;
  doc.y = top + height;
}

/** Starts a new page when less than `height` is left above the bottom margin; true when it did. */
function ensureRoom(doc: PDFKit.PDFDocument, height: number): boolean {
  if (doc.y + height <= doc.page.height - doc.page.margins.bottom) return false;
  doc.addPage();
  doc.x = MARGIN;
  return true;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
