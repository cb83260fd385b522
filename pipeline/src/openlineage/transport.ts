import type { RunEvent } from './run-events.js';

/** Sends OpenLineage events to an HTTP endpoint (Marquez-compatible: POST {url}/api/v1/lineage). */
export class OpenLineageHttpTransport {
  constructor(
    private readonly url: string,
    private readonly apiKey?: string,
  ) {}

  async emit(event: RunEvent): Promise<void> {
    const response = await fetch(`${this.url.replace(/\/+$/, '')}/api/v1/lineage`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.apiKey ? { authorization: `Bearer ${this.apiKey}` } : {}),
      },
      body: JSON.stringify(event),
    });
    if (!response.ok) {
      const detail = await response.text().catch(() => '');
      throw new Error(
        `OpenLineage endpoint ${this.url} answered HTTP ${response.status}: ${detail.slice(0, 300)}`,
      );
    }
  }

  async emitAll(events: readonly RunEvent[]): Promise<void> {
    for (const event of events) await this.emit(event);
  }
}
