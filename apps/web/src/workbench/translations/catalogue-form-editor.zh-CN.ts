/**
 * @bpmn-io/form-js-editor 1.23.0 (and the viewer it embeds): palette, groups, properties panel
 * labels and descriptions, empty states. form-js has no i18n (form-js#77), so these are replaced
 * in the DOM by `translateFormEditor`.
 */
export const formEditorZhCN: Record<string, string> = {};
