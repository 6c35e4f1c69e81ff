import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ProblemException, type ProblemError } from './problem.filter';

function flatten(errors: ValidationError[], parent = ''): ProblemError[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/** DTOs are validated and unknown fields are rejected (400 naming each field). */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const list = flatten(errors);
      return new ProblemException(
        400,
        `Invalid request: ${list.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
        list,
      );
    },
  });
}
