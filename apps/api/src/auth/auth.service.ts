import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { UserEntity } from '../../../../libs/persistence/src';
import { AccessLog } from '../access-log/access-log.service';
import { ProblemException } from '../common/problem.filter';
import type { CurrentUser } from './current-user';
import { LoginThrottle } from './login-throttle';
import { UserDirectory } from './user-directory';

@Injectable()
export class AuthService {
  /** Verified against when the username is unknown, so both failures take the same time. */
  private readonly decoyHash = argon2.hash('carepath-decoy-password');

  constructor(
    private readonly db: DataSource,
    private readonly jwt: JwtService,
    private readonly users: UserDirectory,
    private readonly accessLog: AccessLog,
    private readonly throttle: LoginThrottle,
  ) {}

  async login(
    username: string,
    password: string,
    address: string,
  ): Promise<{ accessToken: string; user: CurrentUser }> {
    const admission = await this.throttle.admit(username, address);
    if (!admission.admitted) {
      const seconds = admission.retryAfterSeconds;
      throw new ProblemException(429, `Too many failed sign-ins: try again in ${seconds} s`, undefined, {
        'Retry-After': String(seconds),
      });
    }
    const account = await this.db
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('lower(u.username) = lower(:username)', { username })
      .getOne();
    const valid = await argon2.verify(account?.passwordHash ?? (await this.decoyHash), password);
    const user = valid && account && !account.disabled ? await this.users.findActive(account.id) : null;
    if (!user) {
      await this.accessLog.record(account?.id ?? null, 'auth.login-failed', 'user', account?.id ?? null, {
        username,
      });
      throw new UnauthorizedException('Wrong username or password');
    }
    await this.throttle.succeeded(admission.attempt);
    await this.accessLog.record(user.id, 'auth.login', 'user', user.id);
    return { accessToken: await this.jwt.signAsync({ sub: user.id, username: user.username }), user };
  }
}
