import { defineHandler, leaveAlongAllFlows, type ElementOfType } from '../handler';

/**
 * Manual and undefined tasks have no work the engine can wait for, so (as in Zeebe) they
 * complete as soon as they are entered.
 */
export const manualTaskHandler = defineHandler<ElementOfType<'manualTask'>>({ activate: leaveAlongAllFlows });
export const undefinedTaskHandler = defineHandler<ElementOfType<'task'>>({ activate: leaveAlongAllFlows });
