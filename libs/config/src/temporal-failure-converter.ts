import { DefaultFailureConverter } from '@temporalio/common';

/**
 * The failure converter of every CarePath Temporal client, worker and workflow bundle (loaded by
 * path: `temporalDataConverter`'s `failureConverterPath`, and the prebuilt bundle of
 * scripts/bundle-workflows.mjs). With `encodeCommonAttributes` a failure's message and stack
 * trace travel as an encoded payload, so the payload codec seals them like any other payload:
 * a PostgreSQL error quoted in a `ProjectionRejected` failure, or a handler's message, is not
 * plaintext in the Temporal history (ADR 0020). The failure's `type` and `nonRetryable` stay
 * readable: the workflow and the server act on them. Decoding reads both forms, so histories
 * written before this converter still replay.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
