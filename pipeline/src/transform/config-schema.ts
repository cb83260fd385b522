import { z } from 'zod';
import { checkEntrySchema } from '../quality/check-config.js';

const name = z
  .string()
  .regex(/^[a-z_][a-z0-9_]*$/, 'expected a lower-case name (letters, digits, _)')
  // Leaves room for the __almanac_new / __tmp_idx8 suffixes within PostgreSQL's 63 bytes.
  .max(48);
const description = z.string().trim().min(1, 'a description is required');
const checks = z.array(checkEntrySchema).default([]);

export const columnConfigSchema = z.strictObject({
  name,
  description,
  checks,
});

export const indexConfigSchema = z.strictObject({
  columns: z.array(name).min(1),
  /** A partial index's predicate, e.g. event_type = 'purchase'. */
  where: z.string().trim().min(1).optional(),
});

export const modelConfigSchema = z
  .strictObject({
    name,
    description,
    materialized: z.enum(['view', 'table', 'incremental']),
    unique_key: z.union([name, z.array(name).min(1)]).optional(),
    watermark: name.optional(),
    incremental_strategy: z.enum(['merge', 'delete+insert']).optional(),
    indexes: z.array(indexConfigSchema).max(8).default([]),
    /** Whether micro-batches rebuild the model; by default incremental models and views only. */
    micro_batch: z.boolean().optional(),
    owners: z.array(z.string().min(1)).min(1, 'at least one owner is required'),
    tags: z.array(z.string().min(1)).default([]),
    checks,
    columns: z.array(columnConfigSchema).min(1, 'every model documents its columns'),
  })
  .superRefine((model, context) => {
    const incremental = model.materialized === 'incremental';
    if (incremental && !model.unique_key) {
      context.addIssue({
        code: 'custom',
        path: ['unique_key'],
        message: 'incremental models need a unique_key',
      });
    }
    if (incremental && !model.watermark) {
      context.addIssue({
        code: 'custom',
        path: ['watermark'],
        message: 'incremental models need a watermark',
      });
    }
    if (!incremental && (model.unique_key || model.watermark || model.incremental_strategy)) {
      context.addIssue({
        code: 'custom',
        path: ['materialized'],
        message: 'unique_key, watermark and incremental_strategy only apply to incremental models',
      });
    }
    if (model.materialized === 'view' && model.indexes.length > 0) {
      context.addIssue({ code: 'custom', path: ['indexes'], message: 'views cannot have indexes' });
    }
  });

export const modelsFileSchema = z.strictObject({
  version: z.literal(1).optional(),
  models: z.array(modelConfigSchema),
});

export const sourceTableConfigSchema = z.strictObject({
  name,
  description,
  checks,
  columns: z.array(columnConfigSchema).default([]),
});

export const sourcesFileSchema = z.strictObject({
  version: z.literal(1).optional(),
  sources: z.array(
    z.strictObject({
      name,
      description,
      tables: z.array(sourceTableConfigSchema).min(1),
    }),
  ),
});

export type ColumnConfig = z.infer<typeof columnConfigSchema>;
export type IndexConfig = z.infer<typeof indexConfigSchema>;
export type ModelConfig = z.infer<typeof modelConfigSchema>;
export type SourceTableConfig = z.infer<typeof sourceTableConfigSchema>;
