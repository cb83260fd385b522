import type { Role } from '@almanac/policies';

/** Who is calling: resolved from the bearer token on every request. */
export interface Principal {
  userId: string;
  name: string;
  roles: Role[];
  tokenId: string;
}
