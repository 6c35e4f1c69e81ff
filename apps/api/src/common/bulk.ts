import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';
import { ProblemFilter, type ProblemError } from './problem.filter';

/**
 * How many ids one bulk action takes (docs/api.md): each item is a Temporal Update answered in
 * turn, so a batch stays within a request's patience.
 */
export const MAX_BULK_IDS = 100;

export class BulkProblem {
  @ApiProperty({ example: 'about:blank' }) type!: string;
  @ApiProperty({ example: 'Conflict' }) title!: string;
  @ApiProperty({ example: 409 }) status!: number;
  @ApiProperty({ example: 'Task 6f1c2d9e-0b8a-4c57-9e2b-1d3f5a7c9e11 is completed' }) detail!: string;
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    example: [{ path: 'userId', message: 'Expected an enabled user who may see this task' }],
  })
  errors?: ProblemError[];
}

/** The ids of a bulk action: 1 to MAX_BULK_IDS distinct UUIDs (400 naming the field otherwise). */
export function BulkIds(description: string): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      type: [String],
      format: 'uuid',
      minItems: 1,
      maxItems: MAX_BULK_IDS,
      uniqueItems: true,
      description,
      example: ['6f1c2d9e-0b8a-4c57-9e2b-1d3f5a7c9e11', '0d9a3c51-77e4-4f0e-a1b6-2c4e8f6a0b33'],
    }),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(MAX_BULK_IDS),
    ArrayUnique(),
    IsUUID('all', { each: true }),
  );
}

/** One item's outcome: the status the single action would have answered, and its problem. */
export class BulkItemResult {
  @ApiProperty({ format: 'uuid', example: '6f1c2d9e-0b8a-4c57-9e2b-1d3f5a7c9e11' }) id!: string;
  @ApiProperty({
    example: 200,
    description: 'What the single action answers: 200 or 202 done; 400, 403, 404, 409, 503, 504 not',
  })
  status!: number;
  @ApiPropertyOptional({ type: BulkProblem, description: 'The problem detail when the item was not done' })
  error?: BulkProblem;
}

export class BulkResults {
  @ApiProperty({
    type: [BulkItemResult],
    example: [
      { id: '6f1c2d9e-0b8a-4c57-9e2b-1d3f5a7c9e11', status: 200 },
      {
        id: '0d9a3c51-77e4-4f0e-a1b6-2c4e8f6a0b33',
        status: 404,
        error: {
          type: 'about:blank',
          title: 'Not Found',
          status: 404,
          detail: 'Task 0d9a3c51-77e4-4f0e-a1b6-2c4e8f6a0b33 not found',
        },
      },
    ],
  })
  results!: BulkItemResult[];
}

const problems = new ProblemFilter();

/**
 * Runs the single action for each id in turn, in the order given, and reports what it answered:
 * one item's refusal never stops the others, and each item goes through exactly the checks of the
 * single endpoint (the caller's scope, role, the case's state), so an item outside the caller's
 * scope is a 404 like any unknown id and says nothing more. One at a time: items of one case
 * would otherwise race for its workflow.
 */
export async function eachItem(
  ids: readonly string[],
  doneStatus: number,
  act: (id: string) => Promise<unknown>,
): Promise<BulkResults> {
  const results: BulkItemResult[] = [];
  for (const id of ids) {
    try {
      await act(id);
      results.push({ id, status: doneStatus });
    } catch (error) {
      const problem = problems.problemOf(error);
      results.push({ id, status: problem.status, error: problem });
    }
  }
  return { results };
}
