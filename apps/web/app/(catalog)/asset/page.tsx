import type { Metadata } from 'next';
import Link from 'next/link';
import { Fragment, type ReactNode } from 'react';
import { ErrorMessage, Owners, Tags } from '../../../components/tags';
import {
  ASSET_TABS,
  assetHref,
  assetsHref,
  assetTab,
  assetTabHref,
  firstParam,
  formatChangeValue,
  formatDate,
  formatVersion,
  lineageDepth,
  type AssetTab,
} from '../../../lib/format';
import {
  ASSET,
  ENTITY_VERSIONS,
  type AssetData,
  type AssetDetail,
  type AssetVariables,
  type Column,
  type ColumnSample,
  type EntityVersion,
  type EntityVersionsData,
  type FieldChange,
} from '../../../lib/queries';
import { query } from '../../../lib/session';
import { ImpactTab } from './impact-tab';
import { LineageTab } from './lineage-tab';

interface AssetProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ searchParams }: AssetProps): Promise<Metadata> {
  const fqn = firstParam((await searchParams).fqn);
  return { title: fqn ?? 'Asset' };
}

export default async function AssetPage({ searchParams }: AssetProps) {
  const params = await searchParams;
  const fqn = firstParam(params.fqn);
  const type = firstParam(params.type) || null;
  if (!fqn) {
    return <NotFound message="No FQN given: open an asset from the asset list." />;
  }
  const result = await query<AssetData, AssetVariables>(ASSET, { fqn, type });
  if (!result.ok) return <ErrorMessage message={result.error.message} />;
  const asset = result.data.asset;
  if (!asset) {
    return (
      <NotFound
        message={
          <>
            No asset with FQN <code>{fqn}</code>
            {type && ` of type ${type}`}.
          </>
        }
      />
    );
  }
  const tab = assetTab(firstParam(params.tab));
  const depth = (name: string) => lineageDepth(firstParam(params[name]));

  return (
    <article>
      <p className="muted breadcrumb">
        <Link href={assetsHref({ type: asset.type })}>{asset.type}s</Link>
        {asset.parentFqn && (
          <>
            {' · in '}
            <Link href={assetHref(asset.parentFqn)}>{asset.parentFqn}</Link>
          </>
        )}
      </p>
      <h1>
        {asset.displayName ?? asset.name} <span className="badge">{asset.type}</span>
        {asset.deleted && <span className="badge danger">deleted</span>}
      </h1>
      <Tabs fqn={asset.fqn} type={asset.type} current={tab} />
      {tab === 'overview' && <Overview asset={asset} />}
      {tab === 'lineage' && (
        <LineageTab
          fqn={asset.fqn}
          assetType={asset.type}
          upstreamDepth={depth('upstream')}
          downstreamDepth={depth('downstream')}
        />
      )}
      {tab === 'impact' && (
        <ImpactTab fqn={asset.fqn} assetType={asset.type} depth={depth('depth')} />
      )}
    </article>
  );
}

const TAB_LABELS: Record<AssetTab, string> = {
  overview: 'Overview',
  lineage: 'Lineage',
  impact: 'Impact',
};

function Tabs({ fqn, type, current }: { fqn: string; type: string; current: AssetTab }) {
  return (
    <nav className="tabs" aria-label="Asset views">
      {ASSET_TABS.map((tab) => (
        <Link
          key={tab}
          href={assetTabHref(fqn, tab, { type })}
          aria-current={tab === current ? 'page' : undefined}
          className={tab === current ? 'tab current' : 'tab'}
        >
          {TAB_LABELS[tab]}
        </Link>
      ))}
    </nav>
  );
}

async function Overview({ asset }: { asset: AssetDetail }) {
  const versions = await query<EntityVersionsData, AssetVariables>(ENTITY_VERSIONS, {
    fqn: asset.fqn,
    type: asset.type,
  });
  return (
    <>
      <Summary asset={asset} />
      {(asset.type === 'table' || asset.columns.length > 0) && <Columns columns={asset.columns} />}
      <section>
        <h2>Version history</h2>
        {versions.ok ? (
          <History versions={versions.data.entityVersions} />
        ) : (
          <ErrorMessage message={versions.error.message} />
        )}
      </section>
    </>
  );
}

function NotFound({ message }: { message: ReactNode }) {
  return (
    <section className="not-found">
      <h1>404: asset not found</h1>
      <p>{message}</p>
      <p>
        <Link href="/assets">Back to all assets</Link>
      </p>
    </section>
  );
}

function Summary({ asset }: { asset: AssetDetail }) {
  const attributes = Object.entries(asset.attributes);
  return (
    <dl className="summary">
      <dt>Name</dt>
      <dd>{asset.name}</dd>
      <dt>Type</dt>
      <dd>{asset.type}</dd>
      <dt>FQN</dt>
      <dd>
        <code data-testid="asset-fqn">{asset.fqn}</code>
      </dd>
      <dt>Description</dt>
      <dd data-testid="asset-description">
        {asset.description ?? <span className="muted">—</span>}
      </dd>
      <dt>Owners</dt>
      <dd data-testid="asset-owners">
        <Owners owners={asset.owners} />
      </dd>
      <dt>Tier</dt>
      <dd data-testid="asset-tier">{asset.tier ?? <span className="muted">—</span>}</dd>
      <dt>Domain</dt>
      <dd>{asset.domain ?? <span className="muted">—</span>}</dd>
      <dt>Tags</dt>
      <dd>
        <Tags tags={asset.tags} showState />
      </dd>
      <dt>Version</dt>
      <dd data-testid="asset-version">{formatVersion(asset.version)}</dd>
      <dt>Updated</dt>
      <dd>
        {formatDate(asset.updatedAt)} by {asset.updatedBy}
      </dd>
      {asset.source && (
        <>
          <dt>Source</dt>
          <dd>{asset.source}</dd>
        </>
      )}
      {attributes.map(([key, value]) => (
        <Fragment key={key}>
          <dt>{key}</dt>
          <dd>{formatChangeValue(value)}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

const SHOWN_SAMPLE_VALUES = 5;

function SampleValues({ sample }: { sample: ColumnSample | null }) {
  if (!sample) return <span className="muted">—</span>;
  const shown = sample.values.slice(0, SHOWN_SAMPLE_VALUES);
  return (
    <span
      data-masked={sample.masked}
      title={`sampled ${formatDate(sample.sampledAt)}${
        sample.masked ? `; masked: ${sample.piiTags.join(', ')}` : ''
      }`}
    >
      {shown.map((value) => (value === null ? 'NULL' : value)).join(', ')}
      {sample.values.length > shown.length && ' …'}
      {sample.masked && <span className="badge">masked</span>}
    </span>
  );
}

function Columns({ columns }: { columns: Column[] }) {
  const sampled = columns.some((column) => column.sample !== null);
  return (
    <section>
      <h2>Columns</h2>
      {columns.length === 0 ? (
        <p className="muted">No columns.</p>
      ) : (
        <table className="data" data-testid="columns">
          <thead>
            <tr>
              <th>Name</th>
              <th>Data type</th>
              <th>Nullable</th>
              <th>Constraint</th>
              <th>Description</th>
              <th>Tags</th>
              {sampled && <th>Sample values</th>}
            </tr>
          </thead>
          <tbody>
            {columns.map((column) => (
              <tr key={column.name} data-column={column.name}>
                <td>
                  <code>{column.name}</code>
                </td>
                <td>
                  <code>{column.dataType}</code>
                </td>
                <td>{column.nullable ? 'yes' : 'no'}</td>
                <td>{column.constraint ?? ''}</td>
                <td className="description">{column.description ?? ''}</td>
                <td>
                  <Tags tags={column.tags} />
                </td>
                {sampled && (
                  <td className="sample">
                    <SampleValues sample={column.sample} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function History({ versions }: { versions: EntityVersion[] }) {
  if (versions.length === 0) return <p className="muted">No versions recorded.</p>;
  return (
    <table className="data" data-testid="versions">
      <thead>
        <tr>
          <th>Version</th>
          <th>Change</th>
          <th>Author</th>
          <th>Date</th>
          <th>What changed</th>
        </tr>
      </thead>
      <tbody>
        {versions.map((version) => (
          <tr key={version.version}>
            <td>{formatVersion(version.version)}</td>
            <td>{version.changeType}</td>
            <td>{version.author}</td>
            <td className="nowrap">{formatDate(version.createdAt)}</td>
            <td>
              <Changes change={version.changeDescription} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Changes({ change }: { change: EntityVersion['changeDescription'] }) {
  const rows: { kind: 'added' | 'updated' | 'deleted'; field: FieldChange }[] = [
    ...change.fieldsAdded.map((field) => ({ kind: 'added' as const, field })),
    ...change.fieldsUpdated.map((field) => ({ kind: 'updated' as const, field })),
    ...change.fieldsDeleted.map((field) => ({ kind: 'deleted' as const, field })),
  ];
  if (rows.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="changes">
      {rows.map(({ kind, field }, index) => (
        <li key={`${kind}:${field.name}:${index}`} className={`change ${kind}`}>
          <span className="change-kind">{kind}</span> <code>{field.name}</code>
          {kind === 'added' && <> = {formatChangeValue(field.newValue)}</>}
          {kind === 'updated' && (
            <>
              : {formatChangeValue(field.oldValue)} → {formatChangeValue(field.newValue)}
            </>
          )}
          {kind === 'deleted' && <> (was {formatChangeValue(field.oldValue)})</>}
        </li>
      ))}
    </ul>
  );
}
