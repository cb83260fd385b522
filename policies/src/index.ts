export { ROLES, isRole, parseRole, type Role } from './roles.js';
export { ACTIONS, PERMISSIONS, isAllowed, type Action } from './permissions.js';
export {
  BUILTIN_CLASSIFICATIONS,
  builtinTagFqns,
  type BuiltinClassification,
} from './classifications.js';
export {
  MASKED_VALUE,
  isPersonalDataTag,
  maskSample,
  type SampleTagLabel,
  type SampleView,
} from './sample-masking.js';
