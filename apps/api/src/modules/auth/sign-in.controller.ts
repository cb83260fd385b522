import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { z } from 'zod';
import { DomainError } from '../../common/domain-error.js';
import { AuthService } from './auth.service.js';
import { Public } from './requires.decorator.js';

const bodySchema = z.object({ code: z.string().min(1, 'code is required') });

/** Exchanges a one-time sign-in link code for a session token (the web app's sign-in). */
@Controller('api/v1/auth')
export class SignInController {
  constructor(private readonly auth: AuthService) {}

  @Post('signin')
  @HttpCode(200)
  @Public()
  async signIn(@Body() body: unknown) {
    const parsed = bodySchema.safeParse(body);
    if (!parsed.success)
      throw new DomainError('BAD_INPUT', 'send {"code": "<code from the sign-in link>"}');
    const { token, principal } = await this.auth.redeemSignInCode(parsed.data.code);
    return { token, user: { name: principal.name, roles: principal.roles } };
  }
}
