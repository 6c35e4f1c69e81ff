import type { Translate } from '../../i18n/i18n';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A duration as a supervisor reads it: minutes, hours with one decimal, or days. */
export function formatDuration(ms: number, t: Translate): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) return t('console.duration.lessThanMinute');
  if (abs < HOUR) return t('console.duration.minutes', { n: Math.round(abs / MINUTE) });
  if (abs < DAY) return t('console.duration.hours', { n: round1(abs / HOUR) });
  return t('console.duration.days', { n: round1(abs / DAY) });
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/** Whole days from `iso` until now (0 on the same day). */
export function daysSince(iso: string, now = Date.now()): number {
  return Math.max(0, Math.floor((now - Date.parse(iso)) / DAY));
}

/** The elements' names of a BPMN document by id (labels for chart bars, titles for lists). */
export function elementNames(xml: string): Map<string, string> {
  const names = new Map<string, string>();
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  for (const element of Array.from(doc.querySelectorAll('[id][name]'))) {
    const id = element.getAttribute('id');
    const name = element.getAttribute('name')?.trim();
    if (id && name) names.set(id, name);
  }
  return names;
}
