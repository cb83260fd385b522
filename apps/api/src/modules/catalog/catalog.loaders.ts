import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { toColumn, toTagLabel } from './catalog.mappers.js';
import { CatalogRepository } from './catalog.repository.js';
import { SamplesRepository, type ColumnSampleRow } from '../samples/samples.repository.js';
import type { Column } from './models/column.model.js';
import type { TagLabel } from './models/tag-label.model.js';

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** Per-request batch loaders: one query per field per GraphQL request, however many parents. */
export interface CatalogLoaders {
  columnsByTable: DataLoader<string, Column[]>;
  tagsByTarget: DataLoader<string, TagLabel[]>;
  /** Stored (unmasked) samples by column FQN; masking is the resolver's job. */
  samplesByColumn: DataLoader<string, ColumnSampleRow | null>;
}

@Injectable()
export class CatalogLoaderFactory {
  constructor(
    private readonly repository: CatalogRepository,
    private readonly samples: SamplesRepository,
  ) {}

  create(): CatalogLoaders {
    return {
      columnsByTable: new DataLoader(async (tableIds) => {
        const groups = groupBy(
          await this.repository.columnsOfTables(tableIds),
          (row) => row.table_id,
        );
        return tableIds.map((id) => (groups.get(id) ?? []).map(toColumn));
      }),
      tagsByTarget: new DataLoader(async (targets) => {
        const groups = groupBy(
          await this.repository.tagsOfTargets(targets),
          (row) => row.target_fqn,
        );
        return targets.map((fqn) => (groups.get(fqn) ?? []).map(toTagLabel));
      }),
      samplesByColumn: new DataLoader(async (columnFqns) => {
        const rows = new Map(
          (await this.samples.samplesOfColumns(columnFqns)).map((row) => [row.column_fqn, row]),
        );
        return columnFqns.map((fqn) => rows.get(fqn) ?? null);
      }),
    };
  }
}
