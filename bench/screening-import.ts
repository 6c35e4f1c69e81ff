import { call, type World } from '../test/support/api-client';
import type { Stack } from '../test/support/stack';
import { deployShipped } from './pathway-throughput';
import { onRealStack } from './support/real-stack';
import { collectGarbage, intFromEnv } from './support/env';
import { type BenchResult, measure, ratio } from './support/report';
import { elapsedMs } from './support/stats';

/**
 * (i) A school's semester screening imported on the real stack (issue 12; docs/screening.md):
 * api, worker, the Temporal dev server and a throwaway PostgreSQL database. A PHQ-9 CSV of every
 * student (10,000 by default) with 3 % flagged goes to POST /api/screenings; timed until the
 * answer (rows/s) and until every flagged student's review task is open in the
 * `screening-campaign` case (flagged cases/s). The baseline, in the same run, is the same school's
 * file with nobody flagged: reading, checking, scoring and storing the rows without a campaign.
 * The api runs in this process, so its heap is sampled while each import runs.
 */

const PHQ9_HEADER = ['studentNo', ...Array.from({ length: 9 }, (_, i) => `Q${i + 1}`)].join(',');

export async function screeningImport(): Promise<BenchResult> {
  const began = performance.now();
  const students = intFromEnv('BENCH_SCREENING_STUDENTS', 10_000);
  const flaggedShare = 0.03;
  return onRealStack(async (stack, world) => {
    await deployShipped(stack, world.adminToken, ['screening-campaign', 'crisis-care', 'return-to-school']);
    const registerStarted = performance.now();
    const numbers = await registerStudents(stack, world, students);
    const registerSeconds = elapsedMs(registerStarted) / 1000;

    // Every 33rd student answers 3 throughout (a total of 27): ~3 % flagged.
    const flaggedEvery = Math.round(1 / flaggedShare);
    // Items 1–8 answer `answer`, item 9 (self-harm, a trigger above 0) answers 0 unless flagged.
    const csv = (flag: boolean, answer: number) =>
      [
        PHQ9_HEADER,
        ...numbers.map((studentNo, i) => {
          const flagged = flag && i % flaggedEvery === 0;
          return [studentNo, ...Array(8).fill(flagged ? 3 : answer), flagged ? 3 : 0].join(',');
        }),
      ].join('\n');

    // Baseline: nobody flagged (answers of 1, a total of 8), so no campaign.
    const baseline = await timedImport(stack, world, csv(false, 1));
    if (baseline.body.flagged !== 0) throw new Error(`baseline flagged ${String(baseline.body.flagged)}`);
    // The measured import: 3 % flagged (the others answer 0, so the file differs from the baseline's).
    const flagged = await timedImport(stack, world, csv(true, 0));
    const expected = Math.ceil(students / flaggedEvery);
    if (flagged.body.flagged !== expected)
      throw new Error(`flagged ${String(flagged.body.flagged)} of ${expected}`);
    const campaignId = flagged.body.campaignInstanceId as string;
    const reviewsOpenMs = await untilReviewsOpen(stack, world, campaignId, expected, flagged.startedAt);
    // And the same file again: nothing new (idempotent), timed for its own sake.
    const repeat = await timedImport(stack, world, csv(true, 0));
    if (repeat.body.repeated !== true) throw new Error('the repeat was not recognised');

    const rowsPerSecond = (run: { ms: number }) => (students * 1000) / run.ms;
    const flaggedPerSecond = (expected * 1000) / reviewsOpenMs;
    return {
      id: 'screening-import',
      title: '(i) A semester screening imported, flagged students’ reviews opened, on the real stack',
      parameters: {
        students,
        flagged: expected,
        instrument: 'phq-9',
        format: 'csv',
        registerSeconds: Math.round(registerSeconds),
      },
      figures: [
        measure('baseline (nobody flagged): import answered', baseline.ms, 'ms'),
        measure('baseline: rows/s', rowsPerSecond(baseline), 'rows/s'),
        measure('3 % flagged: import answered', flagged.ms, 'ms'),
        measure('3 % flagged: rows/s', rowsPerSecond(flagged), 'rows/s'),
        measure('3 % flagged: every review task open', reviewsOpenMs, 'ms'),
        measure('flagged cases/s (to every review open)', flaggedPerSecond, 'cases/s', {
          op: '>=',
          bound: 100,
        }),
        measure('the same file again: answered', repeat.ms, 'ms'),
        measure('api heap growth during the baseline import (peak)', baseline.heapMb, 'MB'),
        measure('api heap growth during the flagged import (peak)', flagged.heapMb, 'MB'),
      ],
      ratios: [
        ratio('import answered: flagged / baseline', flagged.ms, baseline.ms),
        ratio('every review open / baseline import', reviewsOpenMs, baseline.ms),
      ],
      notes: [
        `${students} students registered through POST /api/students (fifty at a time) in ${registerSeconds.toFixed(0)} s, not timed.`,
        'An import: the CSV uploaded as multipart to POST /api/screenings (written to a temporary file, read with csv-parse as a stream, checked, scored, stored with sealed answers in one transaction); with flagged students the answer comes after their screening-campaign case is started.',
        'Every review open: from the flagged import’s request until GET /api/tasks/counts?instanceId=<campaign> counts them all (polled every 100 ms).',
        'Heap: the api and worker run in this process; the peak of heapUsed sampled every 20 ms during the request, less heapUsed just before it (after a collection when --expose-gc).',
      ],
      seconds: elapsedMs(began) / 1000,
    };
  });
}

interface TimedImport {
  ms: number;
  startedAt: number;
  heapMb: number;
  body: Record<string, unknown>;
}

async function timedImport(stack: Stack, world: World, csv: string): Promise<TimedImport> {
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  let peak = heapBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 20);
  const form = new FormData();
  form.append('instrument', 'phq-9');
  form.append('orgUnitId', world.units.schoolA);
  form.append('file', new Blob([csv]), 'phq9.csv');
  const startedAt = performance.now();
  try {
    const response = await fetch(`${stack.baseUrl}/api/screenings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.psychA.token}` },
      body: form,
    });
    const ms = elapsedMs(startedAt);
    const body = (await response.json()) as Record<string, unknown>;
    if (response.status !== 201 && response.status !== 200)
      throw new Error(`import: ${response.status} ${JSON.stringify(body).slice(0, 500)}`);
    return { ms, startedAt, heapMb: (peak - heapBefore) / (1024 * 1024), body };
  } finally {
    clearInterval(sampler);
  }
}

async function untilReviewsOpen(
  stack: Stack,
  world: World,
  campaignId: string,
  expected: number,
  startedAt: number,
): Promise<number> {
  const deadline = Date.now() + 10 * 60_000;
  while (Date.now() < deadline) {
    const counts = await call(stack.baseUrl, 'GET', `/api/tasks/counts?instanceId=${campaignId}`, {
      token: world.psychA.token,
    });
    if ((counts.body as { all: number }).all >= expected) return elapsedMs(startedAt);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the ${expected} reviews were not all open within 10 minutes`);
}

/** Registers `count` students at school A's class, fifty requests at a time; their numbers. */
async function registerStudents(stack: Stack, world: World, count: number): Promise<string[]> {
  const numbers = Array.from({ length: count }, (_, i) => `S${String(i).padStart(6, '0')}`);
  for (let start = 0; start < count; start += 50) {
    await Promise.all(
      numbers.slice(start, start + 50).map(async (studentNo) => {
        const created = await call(stack.baseUrl, 'POST', '/api/students', {
          token: world.adminToken,
          body: { orgUnitId: world.units.classA, studentNo, name: '筛查学生' },
        });
        if (created.status !== 201) throw new Error(`student ${studentNo}: ${created.status}`);
      }),
    );
  }
  return numbers;
}
