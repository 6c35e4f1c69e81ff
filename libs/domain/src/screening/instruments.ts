/**
 * Screening instruments as configuration, not code (issue 12, R1; docs/screening.md): each names
 * its items, the answers they take, how the total is scored, the bands of the total, the total
 * at which a student is flagged for review, and item-level triggers that flag whatever the total
 * is. Adding an instrument is adding an entry here (with its source), nothing else.
 */
export interface Band {
  /** Lowest score (total or mean, as the instrument scores) in this band. */
  from: number;
  id: string;
  zh: string;
  en: string;
}

export interface ItemTrigger {
  /** The item's number as a string, as rows key their answers ("9"). */
  item: string;
  /** The answer above which the student is flagged (PHQ-9 item 9: above 0, any answer but "not at all"). */
  above: number;
  zh: string;
  en: string;
}

export interface Instrument {
  id: string;
  zh: string;
  en: string;
  /** Items numbered 1…itemCount; rows key their answers "1", "2", …. */
  itemCount: number;
  /** Integer answers from min to max, both included. */
  answers: { min: number; max: number };
  /** `sum`: the total is the sum of the answers; `mean`: their mean, to two decimals. */
  scoring: 'sum' | 'mean';
  /** Ascending by `from`; the first band starts at the lowest possible score. */
  bands: readonly [Band, ...Band[]];
  /** A score at or above this flags the student for review. */
  flagAt: number;
  triggers: readonly ItemTrigger[];
  /** Where the items, scoring and thresholds come from. */
  source: string;
}

const PHQ9: Instrument = {
  id: 'phq-9',
  zh: '患者健康问卷抑郁量表（PHQ-9）',
  en: 'Patient Health Questionnaire (PHQ-9)',
  itemCount: 9,
  answers: { min: 0, max: 3 },
  scoring: 'sum',
  bands: [
    { from: 0, id: 'minimal', zh: '无或极轻', en: 'minimal' },
    { from: 5, id: 'mild', zh: '轻度', en: 'mild' },
    { from: 10, id: 'moderate', zh: '中度', en: 'moderate' },
    { from: 15, id: 'moderately-severe', zh: '中重度', en: 'moderately severe' },
    { from: 20, id: 'severe', zh: '重度', en: 'severe' },
  ],
  flagAt: 10,
  triggers: [
    {
      item: '9',
      above: 0,
      zh: '第 9 题（自伤或轻生念头）回答不为“完全不会”',
      en: 'item 9 (thoughts of self-harm or of being better off dead) answered above "not at all"',
    },
  ],
  source:
    'Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. ' +
    'J Gen Intern Med 2001;16(9):606–613 (items 0–3, total 0–27, cut points 5/10/15/20, 10 for ' +
    'referral); any positive answer to item 9 calls for a suicide-risk assessment whatever the total.',
};

const GAD7: Instrument = {
  id: 'gad-7',
  zh: '广泛性焦虑量表（GAD-7）',
  en: 'Generalized Anxiety Disorder scale (GAD-7)',
  itemCount: 7,
  answers: { min: 0, max: 3 },
  scoring: 'sum',
  bands: [
    { from: 0, id: 'minimal', zh: '无或极轻', en: 'minimal' },
    { from: 5, id: 'mild', zh: '轻度', en: 'mild' },
    { from: 10, id: 'moderate', zh: '中度', en: 'moderate' },
    { from: 15, id: 'severe', zh: '重度', en: 'severe' },
  ],
  flagAt: 10,
  triggers: [],
  source:
    'Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety ' +
    'disorder: the GAD-7. Arch Intern Med 2006;166(10):1092–1097 (items 0–3, total 0–21, cut points ' +
    '5/10/15, 10 for further evaluation). It has no self-harm item.',
};

const MSSMHS: Instrument = {
  id: 'mssmhs',
  zh: '中学生心理健康量表（MSSMHS）',
  en: 'Mental Health Scale for Middle School Students (MSSMHS)',
  itemCount: 60,
  answers: { min: 1, max: 5 },
  scoring: 'mean',
  bands: [
    { from: 1, id: 'none', zh: '无明显问题', en: 'no notable problem' },
    { from: 2, id: 'mild', zh: '轻度', en: 'mild' },
    { from: 3, id: 'moderate', zh: '中度', en: 'moderate' },
    { from: 4, id: 'fairly-severe', zh: '较重', en: 'fairly severe' },
    { from: 5, id: 'severe', zh: '严重', en: 'severe' },
  ],
  flagAt: 3,
  triggers: [],
  source:
    '王极盛. 中学生心理健康量表的编制及其标准化. 社会心理科学 1997;(4):15–20: 60 items answered ' +
    '1 (从无) to 5 (严重), ten factors of six items, scored as the mean of the answers; a mean of ' +
    '2–2.99 reads as mild, 3–3.99 moderate, 4–4.99 fairly severe, 5 severe. The total mean only: ' +
    'the item-to-factor key is not reproduced here without a public source to check it against; ' +
    'flagged for review from a moderate mean (3), as school practice refers moderate and above.',
};

/** The instruments shipped, by id. */
export const INSTRUMENTS: ReadonlyMap<string, Instrument> = new Map(
  [PHQ9, GAD7, MSSMHS].map((instrument) => [instrument.id, instrument]),
);

export const INSTRUMENT_IDS: readonly string[] = [...INSTRUMENTS.keys()];

/** The item keys of an instrument: "1" … String(itemCount). */
export const itemKeys = (instrument: Instrument): string[] =>
  Array.from({ length: instrument.itemCount }, (_, index) => String(index + 1));
