import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalLandingZone } from '../landing/local-landing-zone.js';
import { watchLanding } from './watch-landing.js';

describe('watchLanding', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'almanac-watch-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A micro-batch that "loads" by archiving what it finds, as the real one does. */
  function archivingRun(zone: LocalLandingZone, reasons: string[]) {
    return async (reason: string): Promise<void> => {
      reasons.push(reason);
      for (const file of await zone.list()) await zone.archive(file.name);
    };
  }

  it('runs a micro-batch for files that arrive, and a scheduled one when none do', async () => {
    const zone = new LocalLandingZone(dir);
    const reasons: string[] = [];
    const stop = new AbortController();
    const watching = watchLanding({
      landing: zone,
      pollMs: 20,
      refreshMs: 400,
      signal: stop.signal,
      runMicroBatch: archivingRun(zone, reasons),
    });
    writeFileSync(join(dir, 'events-1.csv'), 'x');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(reasons).toEqual(['new files: events-1.csv']);
    await new Promise((resolve) => setTimeout(resolve, 400));
    stop.abort();
    await watching;
    expect(reasons.slice(1)).toContain('scheduled refresh');
  });

  it('goes on after a failed micro-batch and stops promptly when aborted', async () => {
    const zone = new LocalLandingZone(dir);
    const errors: unknown[] = [];
    let runs = 0;
    const stop = new AbortController();
    const watching = watchLanding({
      landing: zone,
      pollMs: 10,
      refreshMs: 60_000,
      signal: stop.signal,
      runMicroBatch: () => {
        runs += 1;
        return Promise.reject(new Error(`run ${runs} failed`));
      },
      onError: (error) => errors.push(error),
    });
    writeFileSync(join(dir, '.events-2.tmp'), 'x');
    await rename(join(dir, '.events-2.tmp'), join(dir, 'events-2.csv'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopped = Date.now();
    stop.abort();
    await watching;
    expect(Date.now() - stopped).toBeLessThan(200);
    // The file stays, so every poll retries it, and every failure is reported.
    expect(runs).toBeGreaterThan(2);
    expect(errors).toHaveLength(runs);
  });
});
