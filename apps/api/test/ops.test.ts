import { stat, readFile, rm, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthService } from '../src/modules/auth/auth.service.js';
import { ensureAdminToken } from '../src/modules/auth/admin-token.js';
import { warehouse } from './support/builders.js';
import { ndjson, startTestApp, type TestApp } from './support/test-app.js';

describe('operations and the admin token (real PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports database, queue and search health without a token', async () => {
    const response = await fetch(`${t.url}/healthz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<
      string,
      { up: boolean; driver: string } | string
    >;
    expect(body['status']).toBe('up');
    expect(body['database']).toEqual({ up: true, driver: 'postgres' });
    expect(body['queue']).toMatchObject({ up: true });
    expect(body['search']).toEqual({ up: true, driver: 'postgres' });
    expect(response.headers.get('x-request-id')).toMatch(/[\w-]{8,}/);
  });

  it('reports a search cluster that does not answer as down, with the reason', async () => {
    const withSearch = await startTestApp({ ELASTICSEARCH_URL: 'http://127.0.0.1:1' });
    try {
      const response = await fetch(`${withSearch.url}/healthz`);
      expect(response.status).toBe(503);
      const body = (await response.json()) as {
        status: string;
        search: { up: boolean; reason: string };
      };
      expect(body.status).toBe('down');
      expect(body.search.up).toBe(false);
      expect(body.search.reason.length).toBeGreaterThan(0);
    } finally {
      await withSearch.close();
    }
  });

  it('serves Prometheus metrics to a token holder, counting requests and ingested records', async () => {
    await t.ingest(ndjson(warehouse('metrics')));
    expect((await fetch(`${t.url}/metrics`)).status).toBe(401);
    const response = await fetch(`${t.url}/metrics`, {
      headers: { authorization: `Bearer ${t.adminToken}` },
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(
      /almanac_http_requests_total\{method="POST",route="\/api\/v1\/ingest",status="200"\} \d+/,
    );
    expect(text).toMatch(/almanac_ingest_records_total\{outcome="created"\} [1-9]\d*/);
    expect(text).toMatch(
      /almanac_http_request_duration_seconds_bucket\{method="GET",route="\/healthz",le="\+Inf"\} \d+/,
    );
  });

  it('audits every ingest run with its counts', async () => {
    await t.ingest(ndjson(warehouse('audited')), '?source=audit-src');
    const result = await t.gql<{
      auditLog: { actor: string; action: string; after: { created: number } }[];
    }>(`query { auditLog(target: "source:audit-src") { actor action after } }`);
    expect(result.data?.auditLog[0]).toMatchObject({
      actor: 'test-admin',
      action: 'ingest',
      after: { created: 3 },
    });
  });

  it('writes the generated admin token once, mode 600, and reuses it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'almanac-admin-'));
    try {
      const auth = t.app.get(AuthService);
      const first = await ensureAdminToken(auth, dir, undefined);
      expect(first.created).toBe(true);
      const file = join(dir, 'admin-token');
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await readFile(file, 'utf8')).trim()).toBe(first.token);
      const second = await ensureAdminToken(auth, dir, undefined);
      expect(second).toEqual({ token: first.token, created: false, origin: 'file' });
      const me = await t.gql<{ me: { name: string; roles: string[] } }>(
        `{ me { name roles } }`,
        {},
        first.token,
      );
      expect(me.data?.me).toEqual({ name: 'admin', roles: ['Admin'] });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('lets ALMANAC_ADMIN_TOKEN override the generated token', async () => {
    const fixed = 'alm_fixed_admin_token_for_the_test_0001';
    const result = await ensureAdminToken(
      t.app.get(AuthService),
      '/nonexistent-never-written',
      fixed,
    );
    expect(result).toEqual({ token: fixed, created: false, origin: 'environment' });
    const me = await t.gql<{ me: { name: string } }>(`{ me { name } }`, {}, fixed);
    expect(me.data?.me.name).toBe('admin');
  });

  it('exchanges a one-time sign-in code for a session exactly once', async () => {
    const code = await t.app.get(AuthService).createAdminSignInCode();
    const signIn = () =>
      fetch(`${t.url}/api/v1/auth/signin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      });
    const first = await signIn();
    expect(first.status).toBe(200);
    const { token } = (await first.json()) as { token: string };
    const me = await t.gql<{ me: { name: string } }>(`{ me { name } }`, {}, token);
    expect(me.data?.me.name).toBe('admin');
    const again = await signIn();
    expect(again.status).toBe(401);
    expect(((await again.json()) as { message: string }).message).toMatch(/already used/);
  });
});
