import Link from 'next/link';
import { ErrorMessage, Owners } from '../../../components/tags';
import { assetTabHref, impactCsvHref, MAX_LINEAGE_DEPTH } from '../../../lib/format';
import { IMPACT, type ImpactData, type ImpactVariables, type Owner } from '../../../lib/queries';
import { query } from '../../../lib/session';

interface ImpactTabProps {
  fqn: string;
  assetType: string | null;
  depth: number;
}

function ownersToNotify(assets: ImpactData['impact']['assets']): Owner[] {
  const owners = new Map<string, Owner>();
  for (const asset of assets) {
    for (const owner of asset.owners) owners.set(`${owner.type}:${owner.name}`, owner);
  }
  return [...owners.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function DepthForm({ fqn, assetType, depth }: ImpactTabProps) {
  return (
    <form method="get" action="/asset" className="inline-form">
      <input type="hidden" name="fqn" value={fqn} />
      {assetType && <input type="hidden" name="type" value={assetType} />}
      <input type="hidden" name="tab" value="impact" />
      <label>
        Depth{' '}
        <input
          type="number"
          name="depth"
          min={0}
          max={MAX_LINEAGE_DEPTH}
          defaultValue={depth}
          aria-label="Impact depth"
        />
      </label>{' '}
      <button type="submit">Show</button>{' '}
      <a href={impactCsvHref(fqn, depth)} download>
        Download CSV
      </a>
    </form>
  );
}

/** What a change to the asset breaks downstream, and whom to tell. */
export async function ImpactTab({ fqn, assetType, depth }: ImpactTabProps) {
  const result = await query<ImpactData, ImpactVariables>(IMPACT, { fqn, depth });
  if (!result.ok) return <ErrorMessage message={result.error.message} />;
  const { assets, columns } = result.data.impact;
  return (
    <section data-testid="impact">
      <DepthForm fqn={fqn} assetType={assetType} depth={depth} />
      <p data-testid="impact-summary">
        {assets.length} downstream assets and {columns.length} downstream columns within {depth}{' '}
        hops. Owners to notify: <Owners owners={ownersToNotify(assets)} />
      </p>
      {assets.length > 0 && (
        <table className="data" data-testid="impact-assets">
          <thead>
            <tr>
              <th>Hops</th>
              <th>Type</th>
              <th>Asset</th>
              <th>Owners</th>
            </tr>
          </thead>
          <tbody>
            {assets.map((asset) => (
              <tr key={asset.fqn} data-fqn={asset.fqn}>
                <td>{asset.depth}</td>
                <td>{asset.type ?? 'external'}</td>
                <td className="fqn">
                  <Link href={assetTabHref(asset.fqn, 'impact', { type: asset.type })}>
                    {asset.fqn}
                  </Link>
                  {asset.deleted && <span className="badge danger">deleted</span>}
                </td>
                <td>
                  <Owners owners={asset.owners} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {columns.length > 0 && (
        <>
          <h2>Downstream columns</h2>
          <table className="data" data-testid="impact-columns">
            <thead>
              <tr>
                <th>Hops</th>
                <th>Column</th>
              </tr>
            </thead>
            <tbody>
              {columns.map((column) => (
                <tr key={column.fqn}>
                  <td>{column.depth}</td>
                  <td className="fqn">{column.fqn}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
