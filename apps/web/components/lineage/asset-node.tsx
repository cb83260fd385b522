'use client';

import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import Link from 'next/link';
import { memo } from 'react';
import { assetTabHref } from '../../lib/format';

/** Node geometry, shared with the layout so that boxes never overlap. */
export const NODE_WIDTH = 260;
const HEADER_HEIGHT = 44;
const COLUMN_ROW_HEIGHT = 24;

export function nodeHeight(columnCount: number): number {
  return HEADER_HEIGHT + (columnCount > 0 ? columnCount * COLUMN_ROW_HEIGHT + 8 : 0);
}

export interface AssetNodeColumn {
  fqn: string;
  name: string;
  highlighted: boolean;
}

export type AssetNodeData = {
  fqn: string;
  label: string;
  type: string | null;
  depth: number;
  deleted: boolean;
  isRoot: boolean;
  /** Null in the table-level view. */
  columns: AssetNodeColumn[] | null;
  onPath: boolean;
  dimmed: boolean;
  collapsible: boolean;
  collapsed: boolean;
  onToggle: (fqn: string) => void;
  onSelectColumn: (fqn: string) => void;
};

export type AssetNode = Node<AssetNodeData, 'asset'>;

function classes(data: AssetNodeData): string {
  return [
    'lineage-node',
    data.isRoot && 'root',
    data.deleted && 'deleted',
    data.onPath && 'on-path',
    data.dimmed && 'dimmed',
  ]
    .filter(Boolean)
    .join(' ');
}

function CollapseToggle({ data }: { data: AssetNodeData }) {
  const side = data.depth < 0 ? 'upstream' : 'downstream';
  const action = data.collapsed ? 'Expand' : 'Collapse';
  return (
    <button
      type="button"
      className="node-toggle nodrag"
      aria-label={`${action} ${side} of ${data.fqn}`}
      title={`${action} what lies ${side} of this asset`}
      onClick={() => data.onToggle(data.fqn)}
    >
      {data.collapsed ? '+' : '−'}
    </button>
  );
}

function ColumnRows({ data }: { data: AssetNodeData }) {
  if (!data.columns || data.columns.length === 0) return null;
  return (
    <ul className="node-columns">
      {data.columns.map((column) => (
        <li
          key={column.fqn}
          className={column.highlighted ? 'highlighted' : undefined}
          data-column={column.name}
        >
          <Handle type="target" position={Position.Left} id={`in:${column.fqn}`} />
          <button
            type="button"
            className="nodrag"
            title={`Highlight the lineage of ${column.fqn}`}
            onClick={() => data.onSelectColumn(column.fqn)}
          >
            {column.name}
          </button>
          <Handle type="source" position={Position.Right} id={`out:${column.fqn}`} />
        </li>
      ))}
    </ul>
  );
}

/** One asset of the lineage graph: a link to its page, its kind, and optionally its columns. */
function AssetNodeView({ data }: NodeProps<AssetNode>) {
  return (
    <div
      className={classes(data)}
      data-testid="lineage-node"
      data-fqn={data.fqn}
      data-depth={data.depth}
      style={{ width: NODE_WIDTH }}
    >
      <Handle type="target" position={Position.Left} id="in" />
      <div className="node-header">
        <span className="badge">{data.type ?? 'external'}</span>
        <Link
          className="node-name nodrag"
          href={assetTabHref(data.fqn, 'lineage', { type: data.type })}
          title={data.fqn}
        >
          {data.label}
        </Link>
        {data.collapsible && <CollapseToggle data={data} />}
      </div>
      <ColumnRows data={data} />
      <Handle type="source" position={Position.Right} id="out" />
    </div>
  );
}

export const AssetNodeComponent = memo(AssetNodeView);
