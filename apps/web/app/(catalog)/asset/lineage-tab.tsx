import { ErrorMessage } from '../../../components/tags';
import { LineageGraph } from '../../../components/lineage/lineage-graph';
import { LINEAGE, type LineageData, type LineageVariables } from '../../../lib/queries';
import { query } from '../../../lib/session';

interface LineageTabProps {
  fqn: string;
  assetType: string | null;
  upstreamDepth: number;
  downstreamDepth: number;
}

/** The asset's lineage graph, with columns, as deep as the URL asks. */
export async function LineageTab({
  fqn,
  assetType,
  upstreamDepth,
  downstreamDepth,
}: LineageTabProps) {
  const result = await query<LineageData, LineageVariables>(LINEAGE, {
    fqn,
    upstreamDepth,
    downstreamDepth,
  });
  if (!result.ok) return <ErrorMessage message={result.error.message} />;
  const graph = result.data.lineage;
  return (
    <>
      {graph.edges.length === 0 && (
        <p className="muted" data-testid="lineage-empty">
          No lineage within {upstreamDepth} hops upstream and {downstreamDepth} downstream of this
          asset.
        </p>
      )}
      <LineageGraph
        graph={graph}
        assetType={assetType}
        upstreamDepth={upstreamDepth}
        downstreamDepth={downstreamDepth}
      />
    </>
  );
}
