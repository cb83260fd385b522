export type TransformErrorCode =
  | 'CONFIG_INVALID'
  | 'MODEL_WITHOUT_CONFIG'
  | 'CONFIG_WITHOUT_MODEL'
  | 'DUPLICATE_MODEL'
  | 'UNKNOWN_REF'
  | 'UNKNOWN_SOURCE'
  | 'UNKNOWN_MODEL'
  | 'DAG_CYCLE'
  | 'TEMPLATE_SYNTAX';

/** A problem with the models project itself, raised before anything runs. */
export class TransformError extends Error {
  constructor(
    readonly code: TransformErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TransformError';
  }
}
