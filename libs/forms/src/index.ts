export { validateSubmission, hiddenFields } from './validate-submission';
export { sensitiveKeys } from './sensitive';
export type { FormError, SubmissionOptions, SubmissionResult } from './validate-submission';
export { coerceValue, fieldErrors, optionValues } from './field-rules';
export type { Coerced, FieldError } from './field-rules';
export {
  FORM_LANGUAGES,
  FORM_MESSAGE_CODES,
  formMessage,
  isFormLanguage,
  joinProblems,
  submissionSummary,
} from './messages';
export type {
  FormErrorCode,
  FormLanguage,
  FormMessageCode,
  MessageParams,
  SchemaProblemCode,
} from './messages';
export {
  checkFormSchema,
  CONTAINER_TYPES,
  DISPLAY_TYPES,
  fieldsOf,
  INPUT_TYPES,
  isInputType,
  UNSUPPORTED_TYPES,
} from './schema';
export type { FormComponent, FormField, FormSchema, FormValidate, InputType, SchemaProblem } from './schema';
