import { cookies } from 'next/headers';
import { lineageDepth } from '../../lib/format';
import { ApiError, graphql } from '../../lib/graphql';
import { IMPACT_CSV, type ImpactCsvData, type ImpactVariables } from '../../lib/queries';
import { TOKEN_COOKIE } from '../../lib/session';

function plain(status: number, message: string): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
}

function fileName(fqn: string): string {
  return `impact-${fqn.replace(/[^A-Za-z0-9_.-]+/g, '_')}.csv`;
}

/** `GET /impact.csv?fqn=…&depth=…`: the impact report as a download, for the signed-in user. */
export async function GET(request: Request): Promise<Response> {
  const token = (await cookies()).get(TOKEN_COOKIE)?.value;
  if (!token) return plain(401, 'sign in first');
  const params = new URL(request.url).searchParams;
  const fqn = params.get('fqn');
  if (!fqn) return plain(400, 'the fqn parameter is required');
  const depth = lineageDepth(params.get('depth') ?? undefined);
  try {
    const data = await graphql<ImpactCsvData, ImpactVariables>(IMPACT_CSV, { fqn, depth }, token);
    return new Response(data.impact.csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${fileName(fqn)}"`,
      },
    });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return plain(error.unauthenticated ? 401 : 400, error.message);
  }
}
