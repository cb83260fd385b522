import type { Metadata } from 'next';
import Link from 'next/link';
import { ErrorMessage, Owners, Tags } from '../../../components/tags';
import { assetHref, assetsHref, firstParam, pageSize } from '../../../lib/format';
import { ASSETS, type AssetsData, type AssetsVariables } from '../../../lib/queries';
import { query } from '../../../lib/session';

export const metadata: Metadata = { title: 'Assets' };

const DEFAULT_PAGE_SIZE = 50;
const TYPES = [
  'table',
  'schema',
  'database',
  'service',
  'pipeline',
  'dashboard',
  'tag',
  'user',
  'team',
] as const;

interface AssetsProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function AssetsPage({ searchParams }: AssetsProps) {
  const params = await searchParams;
  const type = firstParam(params.type) || null;
  const after = firstParam(params.after) || null;
  const requested = firstParam(params.first);
  const first = pageSize(requested, DEFAULT_PAGE_SIZE);
  // Keep a page size the user chose while filtering and paging.
  const size = requested ? first : null;
  const result = await query<AssetsData, AssetsVariables>(ASSETS, { type, first, after });

  return (
    <>
      <h1>Assets</h1>
      <nav className="filters" aria-label="Filter by type">
        <span className="muted">Type:</span>
        {[null, ...TYPES].map((option) => (
          <Link
            key={option ?? 'all'}
            href={assetsHref({ type: option, first: size })}
            className={option === type ? 'filter active' : 'filter'}
            aria-current={option === type ? 'page' : undefined}
          >
            {option ?? 'all'}
          </Link>
        ))}
      </nav>
      {!result.ok ? (
        <ErrorMessage message={result.error.message} />
      ) : (
        <AssetTable data={result.data} type={type} after={after} size={size} />
      )}
    </>
  );
}

function AssetTable({
  data,
  type,
  after,
  size,
}: {
  data: AssetsData;
  type: string | null;
  after: string | null;
  size: number | null;
}) {
  const { totalCount, edges, pageInfo } = data.assets;
  return (
    <>
      <p className="count" data-testid="total-count">
        {totalCount} {totalCount === 1 ? 'asset' : 'assets'}
        {type && ` of type ${type}`}
      </p>
      {edges.length === 0 ? (
        <p className="muted">Nothing here.</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th>FQN</th>
              <th>Type</th>
              <th>Description</th>
              <th>Owners</th>
              <th>Tier</th>
              <th>Tags</th>
            </tr>
          </thead>
          <tbody>
            {edges.map(({ cursor, node }) => (
              <tr key={cursor}>
                <td className="fqn">
                  <Link href={assetHref(node.fqn, node.type)}>{node.fqn}</Link>
                </td>
                <td>{node.type}</td>
                <td className="description">{node.description ?? ''}</td>
                <td>
                  <Owners owners={node.owners} />
                </td>
                <td>{node.tier ?? ''}</td>
                <td>
                  <Tags tags={node.tags} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="pager" aria-label="Pages">
        {after && <Link href={assetsHref({ type, first: size })}>First page</Link>}
        {pageInfo.hasNextPage && pageInfo.endCursor && (
          <Link href={assetsHref({ type, first: size, after: pageInfo.endCursor })}>Next page</Link>
        )}
      </nav>
    </>
  );
}
