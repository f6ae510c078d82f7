import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { z } from 'zod';
import { ApiError, Public, ZodValidationPipe } from '#common';
import { StaffAccountsService } from './staff-accounts.service.js';

const loginSchema = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly accounts: StaffAccountsService) {}

  /** Staff sign-in: returns a bearer token that all three services accept. */
  @Public()
  @Post('login')
  @HttpCode(200)
  async login(@Body(new ZodValidationPipe(loginSchema)) body: z.infer<typeof loginSchema>) {
    const token = await this.accounts.login(body.username, body.password);
    if (!token) {
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'INVALID_CREDENTIALS', {
        zh: '用户名或密码错误',
        en: 'Wrong username or password',
      });
    }
    return { ...token, tokenType: 'Bearer' };
  }
}
