export {
  DEFAULT_LINEAGE_DEPTH,
  LineageDepthError,
  MAX_LINEAGE_DEPTH,
  lineageDepth,
  type ColumnEdge,
  type LineageEdge,
  type LineageStore,
} from './types.js';
export {
  walkColumnLineage,
  walkLineage,
  type ColumnWalk,
  type LineageNode,
  type LineageWalk,
  type WalkOptions,
} from './walk.js';
export {
  computeImpact,
  impactCsv,
  type Impact,
  type ImpactOwner,
  type OwnersOf,
} from './impact.js';
