/**
 * Case variables that are sensitive by their name, whatever form sets them (ADR 0020,
 * docs/security.md "Per-case keys, seal and purge"): the free text of the crisis-care pathway
 * (PATHWAY.md). Their values are sealed with the case's own key wherever they are kept —
 * PostgreSQL and the Temporal history — and destroyed with it at purge. A form adds to this list
 * for its own fields with `properties: { sensitive: "true" }` (libs/forms `sensitiveKeys`).
 * This is the one list: add a name here, and document it there.
 */
export const SENSITIVE_VARIABLE_NAMES: readonly string[] = [
  'concern',
  'assessmentNotes',
  'supportPlan',
  'observation',
  'sessionNotes',
  'notes',
];

/**
 * The free-text fields of audit entries (`audit_event.data`): a cancellation's `reason`, an
 * incident's or a thrown error's `message`. Sealed with the case key like sensitive variables.
 */
export const SEALED_AUDIT_FIELDS: readonly string[] = ['reason', 'message'];
