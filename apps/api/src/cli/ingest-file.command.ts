import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { ingestSummarySchema, type IngestSummary } from '@almanac/sdk';
import { CliError, type CliContext } from './cli-context.js';
import { ProgressBar } from './progress-bar.js';

export interface IngestFileOptions {
  full?: boolean;
  source?: string;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Streams an NDJSON file to POST /api/v1/ingest with a progress bar; returns the server's counts. */
export async function ingestFile(
  ctx: CliContext,
  file: string,
  options: IngestFileOptions,
): Promise<IngestSummary> {
  if (options.full && !options.source)
    throw new CliError('--full needs --source NAME: a full run deletes only what that source owns');
  const size = await stat(file).then(
    (s) => s.size,
    () => {
      throw new CliError(`cannot read ${file}`);
    },
  );
  const bar = new ProgressBar(size, 'ingest');
  let sent = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sent += chunk.length;
      bar.update(sent, `${megabytes(sent)} / ${megabytes(size)}`);
      done(null, chunk);
    },
  });
  const params = new URLSearchParams({
    mode: options.full ? 'full' : 'delta',
    ...(options.source ? { source: options.source } : {}),
  });
  let response: Response;
  try {
    response = await fetch(`${ctx.apiUrl}/api/v1/ingest?${params.toString()}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-ndjson',
        authorization: `Bearer ${await ctx.token()}`,
      },
      body: Readable.toWeb(createReadStream(file).pipe(counter)) as ReadableStream<Uint8Array>,
      duplex: 'half',
    });
  } catch (error) {
    throw new CliError(
      `could not reach the Almanac API at ${ctx.apiUrl}: ${(error as Error).message}`,
    );
  }
  bar.finish(megabytes(sent));
  const body = (await response.json().catch(() => ({}))) as { message?: string; summary?: unknown };
  if (response.status === 413 && body.summary) {
    throw new CliError(
      `${body.message ?? 'body too large'}\n${formatSummary(ingestSummarySchema.parse(body.summary))}`,
    );
  }
  if (!response.ok)
    throw new CliError(`ingest failed (HTTP ${response.status}): ${body.message ?? 'no message'}`);
  return ingestSummarySchema.parse(body);
}

export function formatSummary(summary: IngestSummary): string {
  const counts = (['received', 'created', 'updated', 'unchanged', 'deleted', 'rejected'] as const)
    .map((key) => `${key} ${summary[key]}`)
    .join(', ');
  const errors = summary.errors
    .slice(0, 50)
    .map((e) => `  line ${e.line}${e.key ? ` (${e.key})` : ''}: ${e.reason}`);
  const more = summary.errors.length > 50 ? [`  ... and ${summary.errors.length - 50} more`] : [];
  return [counts, ...errors, ...more, ...summary.notes.map((n) => `note: ${n}`)].join('\n');
}
