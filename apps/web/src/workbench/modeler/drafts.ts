// Unsaved diagrams survive a reload: the XML is kept in local storage per definition key (or
// `new` for a diagram never deployed) until a deploy succeeds (docs/modeler.md#drafts).

export interface Draft {
  xml: string;
  /** ISO time of the last change. */
  savedAt: string;
}

/** The part of Storage the drafts use (a fake in unit tests). */
export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const PREFIX = 'carepath.modeler.draft.';
export const NEW_DIAGRAM = 'new';

const storageKey = (key: string | undefined) => PREFIX + (key ?? NEW_DIAGRAM);

export function readDraft(storage: DraftStorage, key: string | undefined): Draft | null {
  try {
    const raw = storage.getItem(storageKey(key));
    if (!raw) return null;
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return null;
    const { xml, savedAt } = value as Partial<Draft>;
    return typeof xml === 'string' && typeof savedAt === 'string' ? { xml, savedAt } : null;
  } catch {
    return null;
  }
}

/** False when storage refuses (full, disabled): the caller may say the draft is not kept. */
export function saveDraft(
  storage: DraftStorage,
  key: string | undefined,
  xml: string,
  now = new Date(),
): boolean {
  try {
    storage.setItem(storageKey(key), JSON.stringify({ xml, savedAt: now.toISOString() }));
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(storage: DraftStorage, key: string | undefined): void {
  try {
    storage.removeItem(storageKey(key));
  } catch {
    // nothing kept, nothing to clear
  }
}
