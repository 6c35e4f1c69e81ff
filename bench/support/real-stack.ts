import { buildWorld, type World } from '../../test/support/api-client';
import { createMigratedDatabase } from '../../test/support/databases';
import { type Stack, startStack } from '../../test/support/stack';
import { seedTestAdmin } from '../../test/support/test-admin';

/**
 * Runs a bench on the real stack (api, worker, the Temporal dev server) over a throwaway
 * PostgreSQL database with the test world's units and people, and takes both down afterwards.
 */
export async function onRealStack<T>(bench: (stack: Stack, world: World) => Promise<T>): Promise<T> {
  const database = await createMigratedDatabase('carepath_bench');
  let stack: Stack | undefined;
  try {
    await seedTestAdmin(database.ownerUrl);
    process.env.CAREPATH_TEST_DATABASE_URL = database.appUrl;
    stack = await startStack();
    return await bench(stack, await buildWorld(stack));
  } finally {
    await stack?.close();
    await database.drop();
  }
}
