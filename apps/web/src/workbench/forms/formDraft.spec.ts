import {
  clearDraft,
  draftKey,
  draftToRestore,
  emptySchema,
  fingerprint,
  FORM_ID_PATTERN,
  readDraft,
  schemaToSave,
  writeDraft,
} from './formDraft';

/** A Storage over a Map: the functions under test only get, set and remove items. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

describe('form drafts', () => {
  const schema = { type: 'default', id: 'intake', components: [{ key: 'a', type: 'textfield' }] };

  it('fingerprints schemas regardless of key order, but not of values', () => {
    expect(fingerprint({ a: 1, b: { c: 2, d: [1, 2] } })).toBe(fingerprint({ b: { d: [1, 2], c: 2 }, a: 1 }));
    expect(fingerprint({ a: 1 })).not.toBe(fingerprint({ a: 2 }));
    expect(fingerprint({ list: [1, 2] })).not.toBe(fingerprint({ list: [2, 1] }));
  });

  it('saves the schema under the form id the lead chose, whatever id the editor generated', () => {
    expect(schemaToSave('intake', { ...schema, id: 'Form_0abc' }).id).toBe('intake');
    expect(emptySchema('intake')).toEqual({ type: 'default', id: 'intake', components: [] });
  });

  it('keeps, reads back and clears a draft per form id', () => {
    const storage = memoryStorage();
    writeDraft(storage, 'intake', { schema, baseVersion: 2, savedAt: '2026-12-04T22:00:00.000Z' });
    expect(storage.getItem(draftKey('intake'))).not.toBeNull();
    expect(readDraft(storage, 'other')).toBeNull();
    expect(readDraft(storage, 'intake')).toEqual({
      schema,
      baseVersion: 2,
      savedAt: '2026-12-04T22:00:00.000Z',
    });
    clearDraft(storage, 'intake');
    expect(readDraft(storage, 'intake')).toBeNull();
  });

  it('ignores a stored draft that is not a schema object', () => {
    const storage = memoryStorage();
    storage.setItem(draftKey('a'), 'not json');
    storage.setItem(draftKey('b'), JSON.stringify({ schema: [1, 2] }));
    storage.setItem(draftKey('c'), JSON.stringify({ schema: { components: [] } }));
    expect(readDraft(storage, 'a')).toBeNull();
    expect(readDraft(storage, 'b')).toBeNull();
    expect(readDraft(storage, 'c')).toEqual({ schema: { components: [] }, baseVersion: null, savedAt: '' });
  });

  it('offers a draft back only when it differs from what the server holds', () => {
    const draft = { schema, baseVersion: 1, savedAt: '' };
    expect(draftToRestore(draft, fingerprint({ ...schema }))).toBeNull();
    expect(draftToRestore(draft, fingerprint({ ...schema, components: [] }))).toBe(draft);
    expect(draftToRestore(null, fingerprint(schema))).toBeNull();
  });

  it('accepts the form ids the server accepts', () => {
    for (const id of ['intake', '_x', 'risk-check.v2', 'a'.repeat(100)])
      expect(FORM_ID_PATTERN.test(id)).toBe(true);
    for (const id of ['', '1abc', 'a b', 'a/b', 'camunda-forms:bpmn:x', 'a'.repeat(101)])
      expect(FORM_ID_PATTERN.test(id)).toBe(false);
  });
});
