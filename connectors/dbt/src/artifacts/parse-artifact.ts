import { z } from 'zod';

/** Why a {@link DbtArtifactError} was raised. */
export type DbtArtifactErrorCode =
  /** The file could not be read or is not JSON. */
  | 'DBT_ARTIFACT_UNREADABLE'
  /** The artifact's `metadata.dbt_schema_version` is not one the connector knows. */
  | 'DBT_ARTIFACT_UNSUPPORTED_VERSION'
  /** A field the connector needs is missing or has the wrong type. */
  | 'DBT_ARTIFACT_INVALID';

/** A dbt artifact that cannot be used: the message names the file and the field. */
export class DbtArtifactError extends Error {
  constructor(
    readonly code: DbtArtifactErrorCode,
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'DbtArtifactError';
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

// dbt keys nodes by unique ids full of dots, so `nodes.model.a.b.schema` would be ambiguous.
function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`;
      const key = String(segment);
      if (!IDENTIFIER.test(key)) return `[${JSON.stringify(key)}]`;
      return index === 0 ? key : `.${key}`;
    })
    .join('');
}

function parseWith<T extends z.ZodType>(
  schema: T,
  value: unknown,
  file: string,
  what: string,
): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .map((issue) => {
      const path = formatPath(issue.path);
      return path === '' ? issue.message : `${path}: ${issue.message}`;
    })
    .join('; ');
  throw new DbtArtifactError('DBT_ARTIFACT_INVALID', file, `not a valid ${what}: ${problems}`);
}

/**
 * Reads the major version from a dbt schema URL such as
 * `https://schemas.getdbt.com/dbt/manifest/v12.json`, refusing versions this connector does not
 * know: their fields may have moved, and a silent partial import is worse than none.
 */
function checkSchemaVersion(url: string, artifact: ArtifactKind, file: string): void {
  const match = new RegExp(`/${artifact.urlName}/v(\\d+)\\.json$`).exec(url);
  const version = match ? Number(match[1]) : undefined;
  if (version !== undefined && artifact.versions.includes(version)) return;
  const shown = version === undefined ? JSON.stringify(url) : `v${version} (${url})`;
  const supported = artifact.versions.map((v) => `v${v}`).join(', ');
  throw new DbtArtifactError(
    'DBT_ARTIFACT_UNSUPPORTED_VERSION',
    file,
    `unsupported ${artifact.what} version ${shown} in metadata.dbt_schema_version; supported: ${supported}`,
  );
}

/** What kind of artifact is being read, and which schema versions of it are understood. */
export interface ArtifactKind {
  /** For messages, e.g. `dbt manifest`. */
  readonly what: string;
  /** The artifact's name in its schema URL, e.g. `run-results`. */
  readonly urlName: string;
  readonly versions: readonly number[];
}

const versionOnlySchema = z.looseObject({
  metadata: z.looseObject({ dbt_schema_version: z.string() }),
});

/**
 * Parses `value` as `artifact` with `schema`. The schema version is checked first, so a file of an
 * unknown version is refused for that reason rather than for the fields that moved.
 *
 * @throws {@link DbtArtifactError} naming `file` and the version or every invalid field.
 */
export function parseArtifact<T extends z.ZodType>(
  schema: T,
  value: unknown,
  file: string,
  artifact: ArtifactKind,
): z.output<T> {
  const { metadata } = parseWith(versionOnlySchema, value, file, artifact.what);
  checkSchemaVersion(metadata.dbt_schema_version, artifact, file);
  return parseWith(schema, value, file, artifact.what);
}
