'use client';

import { useRouter } from 'next/navigation';
import { assetTabHref, MAX_LINEAGE_DEPTH } from '../../lib/format';

const DEPTHS = Array.from({ length: MAX_LINEAGE_DEPTH + 1 }, (_, depth) => depth);

function DepthSelect(props: { label: string; value: number; onChange: (depth: number) => void }) {
  return (
    <label>
      {props.label}{' '}
      <select
        aria-label={`${props.label} depth`}
        value={props.value}
        onChange={(event) => props.onChange(Number(event.target.value))}
      >
        {DEPTHS.map((depth) => (
          <option key={depth} value={depth}>
            {depth}
          </option>
        ))}
      </select>
    </label>
  );
}

interface DepthControlsProps {
  fqn: string;
  assetType: string | null;
  upstreamDepth: number;
  downstreamDepth: number;
}

/** Expands or collapses the whole graph by depth: each change reloads the lineage that far. */
export function DepthControls({
  fqn,
  assetType,
  upstreamDepth,
  downstreamDepth,
}: DepthControlsProps) {
  const router = useRouter();
  const go = (upstream: number, downstream: number) =>
    router.push(assetTabHref(fqn, 'lineage', { type: assetType, upstream, downstream }));
  return (
    <>
      <DepthSelect
        label="Upstream"
        value={upstreamDepth}
        onChange={(depth) => go(depth, downstreamDepth)}
      />
      <DepthSelect
        label="Downstream"
        value={downstreamDepth}
        onChange={(depth) => go(upstreamDepth, depth)}
      />
    </>
  );
}
