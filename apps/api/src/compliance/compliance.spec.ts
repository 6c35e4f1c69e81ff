import type { ProcessModel } from '../../../../libs/bpmn/src/workflow';
import { readPdf } from '../../../../test/support/pdf-text';
import { complianceLines } from './compliance-lines';
import { PdfFontMissing, renderCompliancePdf } from './compliance-pdf';
import { durationWords } from './compliance-words';
import type { DeadlineTaskRow, EvidenceRow } from './compliance.repository';

const model = {
  id: 'p',
  elements: {
    assess: { id: 'assess', type: 'userTask', name: '初步风险评估', incoming: [], outgoing: [] },
    overdue: {
      id: 'overdue',
      type: 'boundaryEvent',
      name: '超过 24 小时',
      attachedToId: 'assess',
      cancelActivity: false,
      incoming: [],
      outgoing: [],
    },
    other: {
      id: 'other',
      type: 'boundaryEvent',
      attachedToId: 'elsewhere',
      cancelActivity: false,
      incoming: [],
      outgoing: [],
    },
  },
  flows: {},
  startEventIds: [],
  triggeredStartEventIds: [],
  eventSubProcessIds: [],
} as unknown as ProcessModel;

const at = (minutes: number) => new Date(Date.UTC(2026, 11, 5, 0, minutes));

function task(overrides: Partial<DeadlineTaskRow>): DeadlineTaskRow {
  return {
    id: 't1',
    elementId: 'assess',
    name: 'assess',
    dueAt: at(10),
    createdAt: at(0),
    state: 'open',
    endedAt: null,
    actorId: null,
    actorName: null,
    ...overrides,
  };
}

function entry(seq: number, type: string, minutes: number, extra: Partial<EvidenceRow> = {}): EvidenceRow {
  return {
    id: String(100 + seq),
    seq,
    type,
    at: at(minutes),
    elementId: 'assess',
    actor: null,
    taskId: null,
    dueAt: null,
    hash: `${seq}`.padStart(64, 'a'),
    ...extra,
  };
}

describe('compliance lines', () => {
  it('reads a late completion with its escalation and evidence, preferring the chain', () => {
    const [line] = complianceLines(
      [task({ state: 'completed', endedAt: at(25), actorId: 'u1', actorName: '心理教师 李' })],
      [
        entry(2, 'task.opened', 0, { taskId: 't1', dueAt: at(10).toISOString() }),
        entry(3, 'timer.fired', 10, { elementId: 'overdue' }),
        entry(4, 'timer.fired', 11, { elementId: 'other' }),
        entry(5, 'task.completed', 25, { taskId: 't1', actor: 'li' }),
        entry(6, 'timer.fired', 30, { elementId: 'overdue' }),
      ],
      { model, now: at(60), people: new Map() },
    );
    expect(line).toMatchObject({
      name: '初步风险评估',
      status: 'late',
      lateByMs: 15 * 60_000,
      actor: { id: 'u1', displayName: '心理教师 李' },
      escalations: [{ elementId: 'overdue', name: '超过 24 小时', firedAt: at(10).toISOString() }],
    });
    expect(line!.evidence.map((e) => e.seq)).toEqual([2, 3, 5]);
  });

  it('says open, overdue and withdrawn by the clock and the row', () => {
    const lines = complianceLines(
      [
        task({ id: 'a' }),
        task({ id: 'b', dueAt: at(-5) }),
        task({ id: 'c', state: 'cancelled', endedAt: at(12) }),
      ],
      [],
      { model, now: at(5), people: new Map() },
    );
    expect(lines.map((l) => [l.status, l.lateByMs])).toEqual([
      ['open', 0],
      ['overdue', 10 * 60_000],
      ['cancelled', 2 * 60_000],
    ]);
  });
});

describe('durationWords', () => {
  it('words the two largest units in either language', () => {
    expect(durationWords(3 * 3_600_000 + 5 * 60_000 + 7_000, 'zh-CN')).toBe('3 小时 5 分钟');
    expect(durationWords(26 * 3_600_000, 'en')).toBe('1 d 2 h');
    expect(durationWords(0, 'en')).toBe('');
  });
});

describe('the compliance PDF', () => {
  const document = {
    instanceId: '3a9e2c1d-5b7f-4e60-8d21-9c4b3a2f1e0d',
    businessKey: 's12-20240117',
    orgUnitName: '七年级2班',
    processName: '危机干预个案',
    version: 2,
    generatedAt: at(0).toISOString(),
    generatedBy: '校长 王',
    sealed: false,
    purged: false,
    chainVerified: true,
  };

  it('sets Chinese in the CJK font and breaks a long table onto numbered pages', async () => {
    const [line] = complianceLines(
      [task({ state: 'completed', endedAt: at(25), actorId: 'u1', actorName: '心理教师 李' })],
      [entry(2, 'task.opened', 0, { taskId: 't1' }), entry(5, 'task.completed', 25, { taskId: 't1' })],
      { model, now: at(60), people: new Map() },
    );
    const one = readPdf(await renderCompliancePdf({ ...document, items: [line!] }, 'zh-CN'));
    expect(one.pages).toBe(1);
    expect(one.text).toContain('s12-20240117');
    expect(one.text).toContain('初步风险评估');
    expect(one.text).toContain('心理教师 李');
    expect(one.text).toContain('15 分钟');
    expect(one.text).toContain('第 1 / 1 页');
    const many = readPdf(
      await renderCompliancePdf({ ...document, items: Array.from({ length: 40 }, () => line!) }, 'en'),
    );
    expect(many.pages).toBeGreaterThan(1);
    expect(many.text).toContain(`Page ${many.pages} of ${many.pages}`);
  });

  it('refuses without its font rather than printing boxes', async () => {
    await expect(
      renderCompliancePdf({ ...document, items: [] }, 'zh-CN', '/nonexistent/font.ttc'),
    ).rejects.toBeInstanceOf(PdfFontMissing);
  });
});
