import { readFile } from 'node:fs/promises';
import type { IngestMode, MetadataRecordInput, Source } from '@almanac/sdk';
import { runReportSchema, type RunReport } from '@almanac/pipeline';
import {
  DEFAULT_PIPELINE_CONFIG,
  recordsFromRunReport,
  type PipelineConnectorConfig,
} from './report-records.js';

export interface PipelineSourceConfig extends Partial<PipelineConnectorConfig> {
  /** A run report object, or the path of its JSON file. */
  report: RunReport | string;
}

/**
 * The pipeline connector: reads a run report and yields catalog records. A fully successful batch
 * is a full run (what disappeared is soft-deleted). A run with failed models, and a micro-batch
 * (which builds only some models), are deltas, so a model missing from them is not mistaken for a
 * deleted one.
 */
export class PipelineRunSource implements Source {
  readonly name: string;
  readonly mode: IngestMode;

  private constructor(
    private readonly report: RunReport,
    private readonly config: PipelineConnectorConfig,
  ) {
    this.name = config.pipelineServiceName;
    this.mode = report.status === 'success' && report.mode === 'batch' ? 'full' : 'delta';
  }

  static async fromConfig(config: PipelineSourceConfig): Promise<PipelineRunSource> {
    const raw: unknown =
      typeof config.report === 'string'
        ? JSON.parse(await readFile(config.report, 'utf8'))
        : config.report;
    const parsed = runReportSchema.safeParse(raw);
    if (!parsed.success) {
      const where = typeof config.report === 'string' ? config.report : 'the run report';
      throw new Error(
        `${where} is not a valid run report: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    const { report: _report, ...overrides } = config;
    return new PipelineRunSource(parsed.data, { ...DEFAULT_PIPELINE_CONFIG, ...overrides });
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async *records(): AsyncIterable<MetadataRecordInput> {
    yield* recordsFromRunReport(this.report, this.config);
  }
}
