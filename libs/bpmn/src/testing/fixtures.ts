import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A diagram of libs/bpmn/src/__fixtures__ (drawn in Camunda Modeler), as text. */
export function fixtureDiagram(name: string): string {
  return readFileSync(join(__dirname, '..', '__fixtures__', name), 'utf8');
}

/** A diagram of the repository's test/fixtures (e.g. 'camunda-modeler/care-pathway.bpmn'), as text. */
export function repositoryFixture(path: string): string {
  return readFileSync(join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', path), 'utf8');
}
