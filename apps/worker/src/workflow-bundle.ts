import type { BundleOptions } from '@temporalio/worker';

/**
 * The libraries every workflow uses that hold no workflow state, evaluated once per worker
 * thread and shared by all workflows instead of once per workflow
 * (docs/adr/0012-shared-workflow-modules.md).
 *
 * With its reusable V8 context the SDK evaluates a bundle's modules afresh for every workflow,
 * so each open case held its own copy of the engine, feelin, temporal-polyfill and the lezer
 * FEEL parser. A module is listed here only when its module scope reads no clock, random or
 * workflow API (it runs before any workflow exists: a read throws at worker start) and keeps
 * nothing of one workflow that another could see: what they cache is a pure function of its
 * key (the ADR lists each cache). Their exports are frozen by the SDK once loaded.
 * Everything they import is shared with them; the workflow modules themselves (workflows/src)
 * stay per workflow.
 */
export function sharedWorkflowModules(): string[] {
  return [
    // The engine, and through it libs/expressions (feelin, temporal-polyfill, lezer) and the model.
    require.resolve('../../../libs/engine/src'),
    // The model, its upgrade, start events and job types (the compiler-free entry of libs/bpmn).
    require.resolve('../../../libs/bpmn/src/workflow'),
    // The Updates and the start of runProcess, failure types, the continue-as-new retry.
    require.resolve('../../../libs/contracts/src'),
  ];
}

/** The bundler options of every worker, replayer and prebuilt bundle of runProcess. */
export function workflowBundlerOptions(): Pick<BundleOptions, 'preloadModules'> {
  return { preloadModules: sharedWorkflowModules() };
}
