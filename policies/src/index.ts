export { ROLES, isRole, parseRole, type Role } from './roles.js';
export { ACTIONS, PERMISSIONS, isAllowed, type Action } from './permissions.js';
export {
  BUILTIN_CLASSIFICATIONS,
  builtinTagFqns,
  type BuiltinClassification,
} from './classifications.js';
