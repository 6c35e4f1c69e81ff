// Two versions of one pathway for the versions page (docs/versions.md), laid out so that a
// viewer draws them. Version 2 renames `assess`, gives `interview` another candidate group and
// a due date, removes `followUp` and adds `report` in its place (so nothing else moves).
import { diagram, layout, userTask } from './bpmn-xml';

const FLOWS_V1: [string, string, string][] = [
  ['f-start-assess', 'start', 'assess'],
  ['f-assess-interview', 'assess', 'interview'],
  ['f-interview-followUp', 'interview', 'followUp'],
  ['f-followUp-end', 'followUp', 'end'],
];

const FLOWS_V2: [string, string, string][] = [
  ['f-start-assess', 'start', 'assess'],
  ['f-assess-interview', 'assess', 'interview'],
  ['f-interview-report', 'interview', 'report'],
  ['f-report-end', 'report', 'end'],
];

const flowXml = (flows: [string, string, string][]) =>
  flows.map(([id, from, to]) => `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`);

export function versionOne(key: string): string {
  return diagram(
    key,
    `<bpmn:startEvent id="start" name="发现学生异常" />
     ${userTask('assess', { name: '初步评估', groups: 'psychTeacher' })}
     ${userTask('interview', { name: '约谈学生', groups: 'classTeacher' })}
     ${userTask('followUp', { name: '电话回访', groups: 'psychTeacher' })}
     <bpmn:endEvent id="end" name="结案" />`,
    {
      flows: flowXml(FLOWS_V1),
      layout: layout(
        key,
        [
          { id: 'start', shape: 'event', column: 0 },
          { id: 'assess', shape: 'task', column: 1 },
          { id: 'interview', shape: 'task', column: 2 },
          { id: 'followUp', shape: 'task', column: 3 },
          { id: 'end', shape: 'event', column: 4 },
        ],
        FLOWS_V1,
      ),
    },
  );
}

export function versionTwo(key: string): string {
  return diagram(
    key,
    `<bpmn:startEvent id="start" name="发现学生异常" />
     ${userTask('assess', { name: '心理风险初评', groups: 'psychTeacher' })}
     ${userTask('interview', { name: '约谈学生', groups: 'gradeLeader', extensions: '<zeebe:taskSchedule dueDate="=now() + duration(&quot;P2D&quot;)" />' })}
     ${userTask('report', { name: '上报督导', groups: 'psychLead' })}
     <bpmn:endEvent id="end" name="结案" />`,
    {
      flows: flowXml(FLOWS_V2),
      layout: layout(
        key,
        [
          { id: 'start', shape: 'event', column: 0 },
          { id: 'assess', shape: 'task', column: 1 },
          { id: 'interview', shape: 'task', column: 2 },
          { id: 'report', shape: 'task', column: 3 },
          { id: 'end', shape: 'event', column: 4 },
        ],
        FLOWS_V2,
      ),
    },
  );
}

/** The ids version 2 adds, removes and changes (flows included). */
export const EXPECTED_CHANGES = {
  added: ['report', 'f-interview-report', 'f-report-end'],
  removed: ['followUp', 'f-interview-followUp', 'f-followUp-end'],
  changed: ['assess', 'interview'],
};
