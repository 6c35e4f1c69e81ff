import { defineHandler, leaveAlongAllFlows, type ElementOfType } from '../handler';

/** None start event: where a started instance's first token begins. */
export const startEventHandler = defineHandler<ElementOfType<'startEvent'>>({ activate: leaveAlongAllFlows });
