import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { passwordProblem } from '../../../../libs/domain/src';

/**
 * The password policy (libs/domain/src/password-policy.ts) as a DTO rule: a refused password is
 * a 400 naming the field and why. `usernameField` names the sibling property holding the
 * username the password must not contain.
 */
export function IsAcceptablePassword(usernameField: string, options?: ValidationOptions) {
  const problem = (args: ValidationArguments): string | null => {
    const username = (args.object as Record<string, unknown>)[usernameField];
    return typeof args.value === 'string'
      ? passwordProblem(args.value, typeof username === 'string' ? username : '')
      : 'must be a string';
  };
  return (target: object, propertyName: string): void => {
    registerDecorator({
      name: 'isAcceptablePassword',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (_value: unknown, args: ValidationArguments) => problem(args) === null,
        defaultMessage: (args: ValidationArguments) => `${args.property} ${problem(args) ?? ''}`.trim(),
      },
    });
  };
}
