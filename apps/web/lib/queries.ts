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

export interface Column {
  name: string;
  ordinal: number;
  dataType: string;
  nullable: boolean;
  constraint: string | null;
  description: string | null;
  tags: TagLabel[];
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
