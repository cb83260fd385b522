/** The API's base URL; the GraphQL endpoint and the sign-in exchange live under it. */
export function apiUrl(): string {
  return (process.env.ALMANAC_API_URL ?? 'http://127.0.0.1:4000').replace(/\/+$/, '');
}

/** An error the API reported (or a failure to reach it), with the GraphQL error code when there is one. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get unauthenticated(): boolean {
    return this.code === 'UNAUTHENTICATED';
  }
}

interface GraphQLResponse<TData> {
  data?: TData | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Sends one GraphQL operation to the API as the holder of `token`. Throws ApiError on any error. */
export async function graphql<TData, TVariables extends object = Record<string, never>>(
  query: string,
  variables: TVariables,
  token: string,
): Promise<TData> {
  const url = `${apiUrl()}/graphql`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({ query, variables }),
      cache: 'no-store',
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ApiError(`cannot reach the Almanac API at ${url}: ${reason}`, 'API_UNREACHABLE');
  }
  let body: GraphQLResponse<TData>;
  try {
    body = (await response.json()) as GraphQLResponse<TData>;
  } catch {
    throw new ApiError(`the API answered ${response.status} without a GraphQL response`, undefined);
  }
  const first = body.errors?.[0];
  if (first) throw new ApiError(first.message, first.extensions?.code);
  if (!response.ok || body.data == null) {
    throw new ApiError(`the API answered ${response.status} without data`, undefined);
  }
  return body.data;
}
