import { Injectable } from '@nestjs/common';
import type { IngestSummary } from '@almanac/sdk';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const INGEST_OUTCOMES = ['created', 'updated', 'unchanged', 'deleted', 'rejected'] as const;

interface Histogram {
  buckets: number[];
  sum: number;
  count: number;
}

function labels(values: Record<string, string>): string {
  const parts = Object.entries(values).map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`);
  return `{${parts.join(',')}}`;
}

/** Prometheus metrics kept in memory and rendered in the text exposition format. */
@Injectable()
export class MetricsService {
  private readonly requests = new Map<string, number>();
  private readonly latencies = new Map<string, Histogram>();
  private readonly ingest = new Map<string, number>();
  private ingestRuns = 0;

  recordRequest(method: string, route: string, status: number, seconds: number): void {
    const key = labels({ method, route, status: String(status) });
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const latencyKey = labels({ method, route });
    const histogram = this.latencies.get(latencyKey) ?? {
      buckets: LATENCY_BUCKETS.map(() => 0),
      sum: 0,
      count: 0,
    };
    LATENCY_BUCKETS.forEach((bound, i) => {
      if (seconds <= bound) histogram.buckets[i] += 1;
    });
    histogram.sum += seconds;
    histogram.count += 1;
    this.latencies.set(latencyKey, histogram);
  }

  recordIngest(summary: IngestSummary): void {
    this.ingestRuns += 1;
    for (const outcome of INGEST_OUTCOMES) {
      this.ingest.set(outcome, (this.ingest.get(outcome) ?? 0) + summary[outcome]);
    }
  }

  render(): string {
    const lines = [
      '# HELP almanac_http_requests_total HTTP requests by method, route and status.',
      '# TYPE almanac_http_requests_total counter',
      ...[...this.requests].map(([key, value]) => `almanac_http_requests_total${key} ${value}`),
      '# HELP almanac_http_request_duration_seconds HTTP request latency.',
      '# TYPE almanac_http_request_duration_seconds histogram',
      ...[...this.latencies].flatMap(([key, h]) => this.renderHistogram(key, h)),
      '# HELP almanac_ingest_runs_total Ingest requests completed.',
      '# TYPE almanac_ingest_runs_total counter',
      `almanac_ingest_runs_total ${this.ingestRuns}`,
      '# HELP almanac_ingest_records_total Ingested records by outcome.',
      '# TYPE almanac_ingest_records_total counter',
      ...INGEST_OUTCOMES.map(
        (outcome) =>
          `almanac_ingest_records_total${labels({ outcome })} ${this.ingest.get(outcome) ?? 0}`,
      ),
    ];
    return `${lines.join('\n')}\n`;
  }

  private renderHistogram(key: string, histogram: Histogram): string[] {
    const inner = key.slice(1, -1);
    return [
      ...LATENCY_BUCKETS.map(
        (bound, i) =>
          `almanac_http_request_duration_seconds_bucket{${inner},le="${bound}"} ${histogram.buckets[i]}`,
      ),
      `almanac_http_request_duration_seconds_bucket{${inner},le="+Inf"} ${histogram.count}`,
      `almanac_http_request_duration_seconds_sum${key} ${histogram.sum}`,
      `almanac_http_request_duration_seconds_count${key} ${histogram.count}`,
    ];
  }
}
