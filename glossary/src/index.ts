export {
  TERM_STATUSES,
  TermWorkflowError,
  mayReview,
  nextStatus,
  type TermStatus,
  type TermTransition,
} from './term-status.js';
export { termNameProblem } from './term-name.js';
