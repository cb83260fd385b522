export { checkConfigSchema, type CheckConfig, type CheckKind } from './check-config.js';
export { compileCheck, wrapFailures, type CheckTarget, type CompiledCheck } from './check-sql.js';
export { planChecks, type PlannedCheck } from './plan-checks.js';
export { runCheck, runChecks, runChecksSharingScans } from './run-checks.js';
