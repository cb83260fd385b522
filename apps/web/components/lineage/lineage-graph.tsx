'use client';

import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  type Edge,
  type FitViewOptions,
  type NodeTypes,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useMemo, useState } from 'react';
import { layoutLineage } from '../../lib/lineage-layout';
import {
  columnLinkKey,
  columnLinks,
  columnPath,
  lineageColumns,
  visibleLineage,
  type ColumnLink,
  type ColumnPath,
} from '../../lib/lineage-view';
import type { LineageEdgeData, LineageGraphData, LineageNodeData } from '../../lib/queries';
import { AssetNodeComponent, NODE_WIDTH, nodeHeight, type AssetNode } from './asset-node';
import { DepthControls } from './depth-controls';

const NODE_TYPES: NodeTypes = { asset: AssetNodeComponent };

// Past this size the first view frames the root and its neighbours instead of the whole graph,
// so that only what is on screen gets rendered.
const LARGE_GRAPH = 300;

export interface LineageGraphProps {
  graph: LineageGraphData;
  assetType: string | null;
  upstreamDepth: number;
  downstreamDepth: number;
}

interface Selection {
  collapsed: ReadonlySet<string>;
  toggle: (fqn: string) => void;
  column: string | null;
  selectColumn: (fqn: string | null) => void;
}

function useSelection(): Selection {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [column, setColumn] = useState<string | null>(null);
  const toggle = useCallback((fqn: string) => {
    setCollapsed((current) => {
      const next = new Set(current);
      if (!next.delete(fqn)) next.add(fqn);
      return next;
    });
  }, []);
  const selectColumn = useCallback((fqn: string | null) => {
    setColumn((current) => (current === fqn ? null : fqn));
  }, []);
  return useMemo(
    () => ({ collapsed, toggle, column, selectColumn }),
    [collapsed, toggle, column, selectColumn],
  );
}

function nodeLabel(node: LineageNodeData): string {
  return node.name ?? node.fqn.split('.').at(-1) ?? node.fqn;
}

interface NodeContext {
  root: string;
  edges: LineageEdgeData[];
  columns: Map<string, string[]> | null;
  path: ColumnPath | null;
  branching: Set<string>;
  selection: Selection;
}

function toFlowNodes(nodes: LineageNodeData[], context: NodeContext): AssetNode[] {
  const { root, edges, columns, path, branching, selection } = context;
  const positions = layoutLineage(
    nodes.map((node) => ({
      id: node.fqn,
      depth: node.depth,
      width: NODE_WIDTH,
      height: nodeHeight(columns?.get(node.fqn)?.length ?? 0),
    })),
    edges,
  );
  return nodes.map((node) => {
    const names = columns?.get(node.fqn) ?? null;
    const nodeColumns = names?.map((name) => {
      const fqn = `${node.fqn}.${name}`;
      return { fqn, name, highlighted: path?.columns.has(fqn) ?? false };
    });
    const onPath = nodeColumns?.some((column) => column.highlighted) ?? false;
    return {
      id: node.fqn,
      type: 'asset',
      position: positions.get(node.fqn) ?? { x: 0, y: 0 },
      data: {
        fqn: node.fqn,
        label: nodeLabel(node),
        type: node.type,
        depth: node.depth,
        deleted: node.deleted,
        isRoot: node.fqn === root,
        columns: nodeColumns ?? null,
        onPath,
        dimmed: path !== null && !onPath,
        collapsible: branching.has(node.fqn),
        collapsed: selection.collapsed.has(node.fqn),
        onToggle: selection.toggle,
        onSelectColumn: selection.selectColumn,
      },
    };
  });
}

function tableEdge(edge: LineageEdgeData): Edge {
  return {
    id: `${edge.from}->${edge.to}`,
    source: edge.from,
    target: edge.to,
    sourceHandle: 'out',
    targetHandle: 'in',
    className: 'lineage-edge',
    data: { source: edge.source, pipeline: edge.pipeline },
  };
}

function columnEdge(link: ColumnLink, path: ColumnPath | null): Edge {
  const key = columnLinkKey(link);
  const state = path === null ? '' : path.links.has(key) ? ' highlighted' : ' dimmed';
  return {
    id: key,
    source: link.fromTable,
    target: link.toTable,
    sourceHandle: `out:${link.fromColumn}`,
    targetHandle: `in:${link.toColumn}`,
    className: `lineage-edge column-edge${state}`,
    animated: state === ' highlighted',
  };
}

/** Table edges; at column level, column links instead of the edges that map columns. */
function toFlowEdges(
  edges: LineageEdgeData[],
  links: ColumnLink[] | null,
  path: ColumnPath | null,
) {
  if (links === null) return edges.map(tableEdge);
  const unmapped = edges.filter((edge) => edge.columns.length === 0).map(tableEdge);
  return [...unmapped, ...links.map((link) => columnEdge(link, path))];
}

function initialFit(graph: LineageGraphData): FitViewOptions {
  if (graph.nodes.length <= LARGE_GRAPH) return { padding: 0.1 };
  const near = graph.nodes.filter((node) => Math.abs(node.depth) <= 1);
  return { nodes: near.map((node) => ({ id: node.fqn })), padding: 0.1, minZoom: 0.2 };
}

/** The lineage of one asset: layered left (upstream) to right (downstream), pannable and zoomable. */
export function LineageGraph({
  graph,
  assetType,
  upstreamDepth,
  downstreamDepth,
}: LineageGraphProps) {
  const selection = useSelection();
  const [columnLevel, setColumnLevel] = useState(false);
  const [withIndirect, setWithIndirect] = useState(false);
  const view = useMemo(
    () => visibleLineage(graph.root, graph.nodes, graph.edges, selection.collapsed),
    [graph, selection.collapsed],
  );
  const links = useMemo(
    () => (columnLevel ? columnLinks(view.edges, withIndirect) : null),
    [columnLevel, withIndirect, view],
  );
  const columns = useMemo(() => (links ? lineageColumns(links) : null), [links]);
  const path = useMemo(
    () => (links && selection.column ? columnPath(links, selection.column) : null),
    [links, selection.column],
  );
  const nodes = useMemo(
    () =>
      toFlowNodes(view.nodes, {
        root: graph.root,
        edges: view.edges,
        columns,
        path,
        branching: view.branching,
        selection,
      }),
    [view, graph.root, columns, path, selection],
  );
  const edges = useMemo(() => toFlowEdges(view.edges, links, path), [view, links, path]);
  const fitViewOptions = useMemo(() => initialFit(graph), [graph]);

  return (
    <section className="lineage" data-testid="lineage">
      <div className="lineage-toolbar">
        <DepthControls
          fqn={graph.root}
          assetType={assetType}
          upstreamDepth={upstreamDepth}
          downstreamDepth={downstreamDepth}
        />
        <label>
          <input
            type="checkbox"
            checked={columnLevel}
            onChange={(event) => {
              setColumnLevel(event.target.checked);
              selection.selectColumn(null);
            }}
          />{' '}
          Column level
        </label>
        {columnLevel && (
          <label title="Filters, join keys and grouping keys: they shape a column without feeding its value">
            <input
              type="checkbox"
              checked={withIndirect}
              onChange={(event) => setWithIndirect(event.target.checked)}
            />{' '}
            Indirect
          </label>
        )}
        {selection.column && (
          <span className="muted" data-testid="selected-column">
            Path of <code>{selection.column}</code>{' '}
            <button type="button" onClick={() => selection.selectColumn(null)}>
              Clear
            </button>
          </span>
        )}
        <span className="muted" data-testid="lineage-stats">
          {view.nodes.length} of {graph.nodes.length} assets · {view.edges.length} edges
        </span>
      </div>
      <div className="lineage-canvas">
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          fitView
          fitViewOptions={fitViewOptions}
          minZoom={0.02}
          maxZoom={2}
          nodesDraggable={false}
          nodesConnectable={false}
          edgesFocusable={false}
          onlyRenderVisibleElements
        >
          <Background />
          <Controls showInteractive={false} />
          <MiniMap pannable zoomable />
        </ReactFlow>
      </div>
    </section>
  );
}
