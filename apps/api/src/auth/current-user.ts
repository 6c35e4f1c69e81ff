import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '../../../../libs/domain/src';

export interface RoleGrant {
  role: Role;
  orgUnitId: string;
  orgPath: string;
}

/** The authenticated caller, loaded fresh from the database on every request. */
export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  roles: RoleGrant[];
}

export const IS_PUBLIC = 'carepath:isPublic';
/** Marks a route that needs no token (login, health). Everything else requires one. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const User = createParamDecorator((_data: unknown, ctx: ExecutionContext): CurrentUser => {
  return ctx.switchToHttp().getRequest<{ user: CurrentUser }>().user;
});

export function hasRole(user: CurrentUser, roles: readonly Role[]): boolean {
  return user.roles.some((grant) => roles.includes(grant.role));
}

/** True when the user holds one of `roles` at `orgPath` or at a unit above it. */
export function hasRoleAt(user: CurrentUser, roles: readonly Role[], orgPath: string): boolean {
  return user.roles.some(
    (grant) =>
      roles.includes(grant.role) && (orgPath === grant.orgPath || orgPath.startsWith(`${grant.orgPath}/`)),
  );
}

/** The grants that lie below no other of the list: where a caller's reach starts. */
export function outermost(grants: RoleGrant[]): RoleGrant[] {
  const distinct = [...new Map(grants.map((grant) => [grant.orgUnitId, grant])).values()];
  return distinct.filter(
    (grant) => !distinct.some((other) => other !== grant && grant.orgPath.startsWith(`${other.orgPath}/`)),
  );
}
