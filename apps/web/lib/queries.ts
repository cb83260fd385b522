/** The GraphQL operations the web app sends, with result types matching apps/api/schema.gql. */

export interface Viewer {
  name: string;
  roles: string[];
}

export interface Owner {
  name: string;
  type: string;
}

export interface TagLabel {
  tagFqn: string;
  state: string;
  source: string;
  labelType: string;
}

/** Sampled values of a column, masked by the API for callers who may not see personal data. */
export interface ColumnSample {
  values: (string | null)[];
  masked: boolean;
  piiTags: string[];
  sampledAt: string;
}

export interface Column {
  name: string;
  ordinal: number;
  dataType: string;
  nullable: boolean;
  constraint: string | null;
  description: string | null;
  tags: TagLabel[];
  sample: ColumnSample | null;
}

export interface AssetSummary {
  fqn: string;
  name: string;
  type: string;
  description: string | null;
  owners: Owner[];
  tier: string | null;
  tags: TagLabel[];
}

export interface AssetDetail extends AssetSummary {
  displayName: string | null;
  domain: string | null;
  parentFqn: string | null;
  source: string | null;
  version: number;
  updatedAt: string;
  updatedBy: string;
  deleted: boolean;
  attributes: Record<string, unknown>;
  columns: Column[];
}

export interface FieldChange {
  name: string;
  oldValue?: unknown;
  newValue?: unknown;
}

export interface EntityVersion {
  version: number;
  changeType: string;
  author: string;
  createdAt: string;
  changeDescription: {
    previousVersion: number | null;
    fieldsAdded: FieldChange[];
    fieldsUpdated: FieldChange[];
    fieldsDeleted: FieldChange[];
  };
}

export const ME = /* GraphQL */ `
  query Me {
    me {
      name
      roles
    }
  }
`;
export interface MeData {
  me: Viewer;
}

const TAG_FIELDS = 'tagFqn state source labelType';

export const ASSETS = /* GraphQL */ `
  query Assets($type: String, $first: Int!, $after: String) {
    assets(type: $type, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          fqn
          name
          type
          description
          owners { name type }
          tier
          tags { ${TAG_FIELDS} }
        }
      }
    }
  }
`;
export interface AssetsVariables {
  type: string | null;
  first: number;
  after: string | null;
}
export interface AssetsData {
  assets: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: AssetSummary }[];
  };
}

export const ASSET = /* GraphQL */ `
  query Asset($fqn: String!, $type: String) {
    asset(fqn: $fqn, type: $type) {
      fqn
      name
      displayName
      type
      description
      owners { name type }
      tier
      domain
      parentFqn
      source
      version
      updatedAt
      updatedBy
      deleted
      attributes
      tags { ${TAG_FIELDS} }
      columns {
        name
        ordinal
        dataType
        nullable
        constraint
        description
        tags { ${TAG_FIELDS} }
        sample { values masked piiTags sampledAt }
      }
    }
  }
`;
export interface AssetVariables {
  fqn: string;
  type: string | null;
}
export interface AssetData {
  asset: AssetDetail | null;
}

export const ENTITY_VERSIONS = /* GraphQL */ `
  query EntityVersions($fqn: String!, $type: String) {
    entityVersions(fqn: $fqn, type: $type) {
      version
      changeType
      author
      createdAt
      changeDescription {
        previousVersion
        fieldsAdded {
          name
          oldValue
          newValue
        }
        fieldsUpdated {
          name
          oldValue
          newValue
        }
        fieldsDeleted {
          name
          oldValue
          newValue
        }
      }
    }
  }
`;
export interface EntityVersionsData {
  entityVersions: EntityVersion[];
}

export interface LineageNodeData {
  fqn: string;
  name: string | null;
  type: string | null;
  depth: number;
  deleted: boolean;
  owners: Owner[];
}

export interface ColumnMappingData {
  from: string[];
  to: string;
  type: string | null;
  subtype: string | null;
}

export interface LineageEdgeData {
  from: string;
  to: string;
  source: string;
  pipeline: string | null;
  columns: ColumnMappingData[];
}

export interface LineageGraphData {
  root: string;
  nodes: LineageNodeData[];
  edges: LineageEdgeData[];
}

export interface LineageData {
  lineage: LineageGraphData;
}

export interface LineageVariables {
  fqn: string;
  upstreamDepth: number;
  downstreamDepth: number;
}

const LINEAGE_NODE_FIELDS = 'fqn name type depth deleted owners { name type }';

export const LINEAGE = /* GraphQL */ `
  query Lineage($fqn: String!, $upstreamDepth: Int, $downstreamDepth: Int) {
    lineage(
      fqn: $fqn
      upstreamDepth: $upstreamDepth
      downstreamDepth: $downstreamDepth
      columnLevel: true
    ) {
      root
      nodes { ${LINEAGE_NODE_FIELDS} }
      edges { from to source pipeline columns { from to type subtype } }
    }
  }
`;

export interface ImpactData {
  impact: {
    root: string;
    assets: LineageNodeData[];
    columns: { fqn: string; depth: number }[];
  };
}

export interface ImpactVariables {
  fqn: string;
  depth: number;
}

export const IMPACT = /* GraphQL */ `
  query Impact($fqn: String!, $depth: Int) {
    impact(fqn: $fqn, depth: $depth) {
      root
      assets { ${LINEAGE_NODE_FIELDS} }
      columns { fqn depth }
    }
  }
`;

export const IMPACT_CSV = /* GraphQL */ `
  query ImpactCsv($fqn: String!, $depth: Int) {
    impact(fqn: $fqn, depth: $depth) {
      csv
    }
  }
`;

export interface ImpactCsvData {
  impact: { csv: string };
}

export interface SearchHighlight {
  /** `name`, `description`, `columns`… */
  field: string;
  /** HTML-escaped text with the matches in `<em>`: render through highlightParts, never as HTML. */
  fragments: string[];
}

export interface SearchHit {
  fqn: string;
  type: string;
  name: string;
  displayName: string | null;
  description: string | null;
  score: number;
  highlights: SearchHighlight[];
}

export interface FacetBucket {
  value: string;
  count: number;
}

export interface SearchFacet {
  field: string;
  buckets: FacetBucket[];
}

export interface SearchResults {
  total: number;
  hits: SearchHit[];
  facets: SearchFacet[];
  /** Cursor of the next page; null on the last page. */
  endCursor: string | null;
}

export interface SearchVariables {
  query: string;
  types: string[];
  filters: { field: string; values: string[] }[];
  sort: string;
  first: number;
  after: string | null;
}

export interface SearchData {
  search: SearchResults;
}

export const SEARCH = /* GraphQL */ `
  query Search(
    $query: String!
    $types: [String!]!
    $filters: [SearchFilterInput!]!
    $sort: String!
    $first: Int!
    $after: String
  ) {
    search(
      query: $query
      types: $types
      filters: $filters
      sort: $sort
      first: $first
      after: $after
    ) {
      total
      endCursor
      hits {
        fqn
        type
        name
        displayName
        description
        score
        highlights {
          field
          fragments
        }
      }
      facets {
        field
        buckets {
          value
          count
        }
      }
    }
  }
`;
