import { SetMetadata } from '@nestjs/common';
import type { Action } from '@almanac/policies';

export const REQUIRED_ACTION = 'almanac:requiredAction';
export const PUBLIC_ENDPOINT = 'almanac:public';

/** Declares the action a handler performs; the auth guard checks the caller's roles against it. */
export const Requires = (action: Action) => SetMetadata(REQUIRED_ACTION, action);

/** Marks an endpoint that answers without a token (liveness probes, sign-in). */
export const Public = () => SetMetadata(PUBLIC_ENDPOINT, true);
