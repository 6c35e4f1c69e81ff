import { ioMappingOf, type RawMapping } from './element-properties';
import type { IoMapping } from './model';
import type { ModdleElement } from './moddle';

/** zeebe:ioMapping as the model keeps it, or undefined when the element maps nothing. */
export function compileIoMapping(node: ModdleElement): IoMapping | undefined {
  const mapping = ioMappingOf(node);
  if (!mapping) return undefined;
  // The validator has checked every mapping has both; '' never reaches a valid model.
  const compile = ({ source, target }: RawMapping) => ({
    source: source ?? '',
    target: target ?? '',
  });
  return { inputs: mapping.inputs.map(compile), outputs: mapping.outputs.map(compile) };
}
