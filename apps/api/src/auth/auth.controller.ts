import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { LoginDto } from './auth.dto';
import { AuthService } from './auth.service';
import { loginAddress } from './client-address';
import { type CurrentUser, Public, User } from './current-user';
import { LoginResult, MeView } from './auth.responses';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /**
   * Failed sign-ins are limited per account and address, per address and per account
   * (LoginThrottle); the address is the socket's unless TRUST_PROXY names the proxy in front.
   */
  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResult })
  @ApiTooManyRequestsResponse({ description: 'Too many failed sign-ins; Retry-After says when to try again' })
  login(@Body() body: LoginDto, @Req() request: Request): Promise<LoginResult> {
    return this.auth.login(body.username, body.password, loginAddress(request.ip));
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOkResponse({ type: MeView })
  me(@User() user: CurrentUser): MeView {
    return user;
  }
}
