import { Injectable } from '@nestjs/common';
import {
  computeImpact,
  impactCsv,
  lineageDepth,
  LineageDepthError,
  walkColumnLineage,
  walkLineage,
  type ColumnEdge,
} from '@almanac/sdk';
import { DomainError } from '../../common/domain-error.js';
import { AuditRepository } from '../audit/audit.repository.js';
import type { Principal } from '../auth/principal.js';
import { LineageRepository, type NodeRow } from './lineage.repository.js';
import type {
  ColumnLineageGraph,
  ColumnMapping,
  ImpactReport,
  LineageGraph,
  LineageNode,
} from './models/lineage.model.js';

export interface LineageQuery {
  fqn: string;
  upstreamDepth?: number | undefined;
  downstreamDepth?: number | undefined;
  columnLevel: boolean;
}

function depthOf(value: number | undefined, what: string): number {
  try {
    return lineageDepth(value, what);
  } catch (error) {
    if (error instanceof LineageDepthError) throw new DomainError('BAD_INPUT', error.message);
    throw error;
  }
}

/** Groups column edges by target, as OpenLineage does: one mapping per output column. */
function toMappings(edges: readonly ColumnEdge[]): ColumnMapping[] {
  const byTarget = new Map<string, ColumnMapping>();
  for (const edge of edges) {
    const key = `${edge.to}|${edge.transformation?.type ?? ''}|${edge.transformation?.subtype ?? ''}`;
    const mapping = byTarget.get(key) ?? {
      from: [],
      to: edge.to,
      ...(edge.transformation ? { type: edge.transformation.type } : {}),
      ...(edge.transformation?.subtype ? { subtype: edge.transformation.subtype } : {}),
    };
    mapping.from.push(edge.from);
    byTarget.set(key, mapping);
  }
  return [...byTarget.values()];
}

export interface ManualEdgeInput {
  from: string;
  to: string;
  columns: { from: string; to: string }[];
}

/** Lineage and impact queries, and the manual edges engineers add where no connector sees. */
@Injectable()
export class LineageService {
  constructor(
    private readonly repository: LineageRepository,
    private readonly audit: AuditRepository,
  ) {}

  private async describe(
    nodes: readonly { fqn: string; depth: number }[],
    known?: ReadonlyMap<string, NodeRow>,
  ): Promise<LineageNode[]> {
    const rows = known ?? (await this.repository.nodes(nodes.map((node) => node.fqn)));
    return nodes.map((node) => {
      const row = rows.get(node.fqn);
      return {
        fqn: node.fqn,
        depth: node.depth,
        deleted: row?.deleted ?? false,
        owners: row?.owners ?? [],
        ...(row ? { type: row.type, name: row.name } : {}),
      };
    });
  }

  async lineage(query: LineageQuery): Promise<LineageGraph> {
    const walk = await walkLineage(this.repository, query.fqn, {
      upstreamDepth: depthOf(query.upstreamDepth, 'upstreamDepth'),
      downstreamDepth: depthOf(query.downstreamDepth, 'downstreamDepth'),
      columnLevel: query.columnLevel,
    });
    const columnsByEdge = new Map<string, ColumnEdge[]>();
    for (const column of walk.columns)
      columnsByEdge.set(column.edgeId, [...(columnsByEdge.get(column.edgeId) ?? []), column]);
    return {
      root: walk.root,
      nodes: await this.describe(walk.nodes),
      edges: walk.edges.map((edge) => ({
        from: edge.from,
        to: edge.to,
        source: edge.source,
        ...(edge.pipeline ? { pipeline: edge.pipeline } : {}),
        columns: toMappings(columnsByEdge.get(edge.id) ?? []),
      })),
    };
  }

  async columnLineage(fqn: string, depth: number | undefined): Promise<ColumnLineageGraph> {
    const walk = await walkColumnLineage(this.repository, fqn, depthOf(depth, 'depth'));
    return { column: fqn, columns: walk.columns, mappings: toMappings(walk.edges) };
  }

  async impact(fqn: string, depth: number | undefined): Promise<ImpactReport> {
    // The owners lookup reads the catalog rows of every downstream asset; describe reuses them.
    let rows = new Map<string, NodeRow>();
    const ownersOf = async (fqns: readonly string[]) => {
      rows = await this.repository.nodes(fqns);
      return new Map([...rows].map(([key, row]) => [key, row.owners]));
    };
    const impact = await computeImpact(this.repository, ownersOf, fqn, depthOf(depth, 'depth'));
    const assets = await this.describe(impact.assets, rows);
    const types = new Map(assets.map((asset) => [asset.fqn, asset.type ?? 'unknown']));
    return {
      root: fqn,
      assets,
      columns: impact.columns,
      csv: impactCsv(impact, (key) => types.get(key) ?? 'unknown'),
    };
  }

  private checkColumns(input: ManualEdgeInput): void {
    for (const column of input.columns) {
      if (!column.from.startsWith(`${input.from}.`))
        throw new DomainError(
          'BAD_INPUT',
          `column ${column.from} is not a column of ${input.from}`,
        );
      if (!column.to.startsWith(`${input.to}.`))
        throw new DomainError('BAD_INPUT', `column ${column.to} is not a column of ${input.to}`);
    }
  }

  private async requireAssets(fqns: readonly string[]): Promise<void> {
    const rows = await this.repository.nodes(fqns);
    const missing = fqns.find((fqn) => !rows.has(fqn));
    if (missing) throw new DomainError('NOT_FOUND', `no asset with FQN ${missing}`);
  }

  async addManualEdge(input: ManualEdgeInput, actor: Principal, requestId?: string): Promise<void> {
    if (input.from === input.to)
      throw new DomainError('BAD_INPUT', 'an edge must join two different assets');
    this.checkColumns(input);
    await this.requireAssets([input.from, input.to]);
    await this.repository.transaction(async (tx) => {
      const edges = await this.repository.findEdges(tx, input.from, input.to);
      const learned = edges.find((edge) => edge.source !== 'manual');
      if (learned)
        throw new DomainError(
          'CONFLICT',
          `${input.from} -> ${input.to} is already known from ${learned.source}; manual edges add what connectors cannot see`,
        );
      const existing = edges.find((edge) => edge.source === 'manual');
      const id = existing?.id ?? (await this.repository.insertManualEdge(tx, input.from, input.to));
      await this.repository.replaceColumns(tx, id, input.columns);
      await this.audit.record(
        {
          actor: actor.name,
          action: existing ? 'lineage.updateEdge' : 'lineage.addEdge',
          target: `${input.from} -> ${input.to}`,
          after: { columns: input.columns },
          ...(requestId ? { requestId } : {}),
        },
        tx,
      );
    });
  }

  async removeManualEdge(
    from: string,
    to: string,
    actor: Principal,
    requestId?: string,
  ): Promise<void> {
    await this.repository.transaction(async (tx) => {
      const edges = await this.repository.findEdges(tx, from, to);
      const existing = edges.find((edge) => edge.source === 'manual');
      const learned = edges.find((edge) => edge.source !== 'manual');
      if (!existing && learned)
        throw new DomainError(
          'BAD_INPUT',
          `${from} -> ${to} comes from ${learned.source}, not a manual edge; fix it at its source`,
        );
      if (!existing) throw new DomainError('NOT_FOUND', `no manual edge ${from} -> ${to}`);
      await this.repository.deleteEdge(tx, existing.id);
      await this.audit.record(
        {
          actor: actor.name,
          action: 'lineage.removeEdge',
          target: `${from} -> ${to}`,
          ...(requestId ? { requestId } : {}),
        },
        tx,
      );
    });
  }
}
