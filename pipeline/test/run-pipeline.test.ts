import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateShopData } from '../src/generate/generate-shop-data.js';
import { ARCHIVE_FOLDER, LocalLandingZone } from '../src/landing/local-landing-zone.js';
import type { RunEvent } from '../src/openlineage/run-events.js';
import { runReportSchema, type RunReport } from '../src/report/run-report.js';
import { runPipeline } from '../src/run/run-pipeline.js';
import { urlFor } from './support/database.js';
import { createWarehouse, type TestWarehouse } from './transform-support.js';

describe('runPipeline on generated shop data (real PostgreSQL)', () => {
  let warehouse: TestWarehouse;
  let landingDir: string;
  let report: RunReport;
  const emitted: RunEvent[] = [];

  beforeAll(async () => {
    warehouse = await createWarehouse();
    landingDir = await mkdtemp(join(tmpdir(), 'almanac-landing-'));
    await generateShopData({ events: 20_000, seed: 7, outDir: landingDir });
    report = await runPipeline({
      warehouseUrl: urlFor(warehouse.name),
      landing: new LocalLandingZone(landingDir),
      openLineage: {
        target: { emitAll: (events) => Promise.resolve(void emitted.push(...events)) },
        jobNamespace: 'shop_pipeline',
        jobName: 'ecommerce',
      },
    });
  }, 120_000);

  afterAll(async () => {
    await warehouse.drop();
    await rm(landingDir, { recursive: true, force: true });
  });

  it('writes a report valid under its own schema', () => {
    expect(runReportSchema.safeParse(report).success).toBe(true);
    expect(report.status).toBe('success');
    expect(report.errors).toEqual([]);
  });

  it('keeps the quarantine invariant for every file and quarantines the dirt', () => {
    expect(report.files.length).toBeGreaterThanOrEqual(5);
    for (const file of report.files)
      expect(file.rowsRead).toBe(file.rowsLoaded + file.rowsQuarantined);
    const quarantined = report.files.reduce((sum, f) => sum + f.rowsQuarantined, 0);
    expect(quarantined).toBeGreaterThan(0);
  });

  it('builds every model and derives column lineage for each from its SQL', () => {
    expect(report.models.length).toBeGreaterThanOrEqual(15);
    for (const model of report.models) {
      expect({ model: model.name, status: model.status }).toEqual({
        model: model.name,
        status: 'success',
      });
      expect(model.lineage?.inputs.length).toBeGreaterThan(0);
      expect(Object.keys(model.lineage?.columns ?? {}).sort()).toEqual(
        model.columns.map((c) => c.name).sort(),
      );
    }
    const clv = report.models.find((m) => m.name === 'customer_lifetime_value');
    expect(clv?.lineage?.inputs).not.toContain('marts.customer_lifetime_value');
  });

  it('runs the quality checks and reports each with a status', () => {
    expect(report.quality.length).toBeGreaterThan(50);
    expect(report.quality.filter((q) => q.status === 'error')).toEqual([]);
  });

  it('emits START and COMPLETE OpenLineage events for each model', () => {
    const complete = emitted.filter((e) => e.eventType === 'COMPLETE');
    expect(complete.length).toBeGreaterThanOrEqual(report.models.length);
  });

  it('loads a file delivered again only once (checksum ledger)', async () => {
    const archived = await readdir(join(landingDir, ARCHIVE_FOLDER));
    expect(archived.length).toBe(report.files.length);
    for (const name of archived)
      await copyFile(join(landingDir, ARCHIVE_FOLDER, name), join(landingDir, name));
    const again = await runPipeline({
      warehouseUrl: urlFor(warehouse.name),
      landing: new LocalLandingZone(landingDir),
    });
    expect(again.files).toHaveLength(archived.length);
    expect(again.files.every((f) => f.skipped)).toBe(true);
  }, 120_000);
});
