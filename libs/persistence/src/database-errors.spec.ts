import { permanentDatabaseError } from './database-errors';

describe('permanentDatabaseError', () => {
  it('classifies constraint violations and data exceptions as permanent, naming code and constraint', () => {
    // given errors as TypeORM rethrows them (QueryFailedError copies the driver's fields)
    const unique = Object.assign(new Error('duplicate key value violates unique constraint "x_pkey"'), {
      code: '23505',
      constraint: 'x_pkey',
      table: 'x',
      detail: 'Key (id)=(secret) already exists.',
    });
    const badUuid = Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' });

    // then
    expect(permanentDatabaseError(unique)).toEqual({
      code: '23505',
      message: 'duplicate key value violates unique constraint "x_pkey"',
      constraint: 'x_pkey',
      table: 'x',
    });
    expect(permanentDatabaseError(badUuid)?.code).toBe('22P02');
  });

  it('reads the SQLSTATE from a wrapped driver error', () => {
    const wrapped = Object.assign(new Error('query failed'), {
      driverError: { code: '23514', message: 'new row violates check constraint "p"' },
    });
    expect(permanentDatabaseError(wrapped)?.code).toBe('23514');
  });

  it('treats connection, serialisation and unknown errors as transient', () => {
    const transient = [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('could not serialize access'), { code: '40001' }),
      Object.assign(new Error('relation "incident" does not exist'), { code: '42P01' }),
      new Error('Connection terminated unexpectedly'),
      'not an error',
      null,
    ];
    for (const error of transient) expect(permanentDatabaseError(error)).toBeNull();
  });
});
