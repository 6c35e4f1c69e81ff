import { clearDraft, readDraft, saveDraft, type DraftStorage } from './drafts';

function memoryStorage(): DraftStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

describe('modeler drafts', () => {
  it('keeps one draft per key, and one for the new diagram', () => {
    const storage = memoryStorage();
    const at = new Date('2026-12-04T10:00:00Z');
    expect(saveDraft(storage, 'intake', '<a/>', at)).toBe(true);
    expect(saveDraft(storage, undefined, '<new/>', at)).toBe(true);
    expect(readDraft(storage, 'intake')).toEqual({ xml: '<a/>', savedAt: at.toISOString() });
    expect(readDraft(storage, undefined)?.xml).toBe('<new/>');
    expect(readDraft(storage, 'other')).toBeNull();
  });

  it('clears a draft, and ignores what is not a draft', () => {
    const storage = memoryStorage();
    saveDraft(storage, 'intake', '<a/>');
    clearDraft(storage, 'intake');
    expect(readDraft(storage, 'intake')).toBeNull();
    storage.setItem('carepath.modeler.draft.broken', '{not json');
    storage.setItem('carepath.modeler.draft.wrong', '{"xml": 3}');
    expect(readDraft(storage, 'broken')).toBeNull();
    expect(readDraft(storage, 'wrong')).toBeNull();
  });

  it('reports a storage that refuses', () => {
    const full: DraftStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    expect(saveDraft(full, 'intake', '<a/>')).toBe(false);
  });
});
