import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { ADMIN_TOKEN_FILE } from '../modules/auth/admin-token.js';

const cliEnvSchema = z.object({
  ALMANAC_API_URL: z
    .string()
    .url('ALMANAC_API_URL must be a URL such as http://localhost:4000')
    .default('http://localhost:4000'),
  ALMANAC_TOKEN: z.string().min(1).optional(),
  ALMANAC_DATA_DIR: z.string().min(1).default('.almanac'),
});

export class CliError extends Error {}

export interface CliContext {
  apiUrl: string;
  token(): Promise<string>;
}

/** Where the CLI finds the API and which token it uses (ALMANAC_TOKEN, else the admin token file). */
export function cliContext(env: NodeJS.ProcessEnv = process.env): CliContext {
  const parsed = cliEnvSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v)),
  );
  if (!parsed.success)
    throw new CliError(
      parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('\n'),
    );
  const { ALMANAC_API_URL, ALMANAC_TOKEN, ALMANAC_DATA_DIR } = parsed.data;
  return {
    apiUrl: ALMANAC_API_URL.replace(/\/+$/, ''),
    async token() {
      if (ALMANAC_TOKEN) return ALMANAC_TOKEN;
      const path = join(resolve(ALMANAC_DATA_DIR), ADMIN_TOKEN_FILE);
      try {
        return (await readFile(path, 'utf8')).trim();
      } catch {
        throw new CliError(
          `no token: set ALMANAC_TOKEN or start Almanac once so that ${path} exists`,
        );
      }
    },
  };
}

/** Sends a GraphQL operation and returns its data, or throws with the server's messages. */
export async function graphql<T>(
  ctx: CliContext,
  query: string,
  variables: Record<string, unknown>,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${ctx.apiUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await ctx.token()}` },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new CliError(
      `could not reach the Almanac API at ${ctx.apiUrl}: ${(error as Error).message}`,
    );
  }
  const body = (await response.json().catch(() => ({}))) as {
    data?: T;
    errors?: { message: string }[];
  };
  if (body.errors?.length) throw new CliError(body.errors.map((e) => e.message).join('\n'));
  if (!response.ok || !body.data) throw new CliError(`the API answered HTTP ${response.status}`);
  return body.data;
}

/** A commander option parser for whole numbers ≥ 0, naming the option when the value is not one. */
export function wholeNumber(name: string) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 0)
      throw new CliError(`${name} must be a whole number, got "${value}"`);
    return parsed;
  };
}
