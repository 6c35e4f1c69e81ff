import { AccessLogEntity, AuditEventEntity } from './audit-event.entity';
import { DecisionDefinitionEntity } from './decision-definition.entity';
import { FormDefinitionEntity } from './form-definition.entity';
import { IncidentEntity } from './incident.entity';
import { MessageSubscriptionEntity } from './message-subscription.entity';
import { NotificationEntity } from './notification.entity';
import { OrgUnitEntity } from './org-unit.entity';
import { OrgUnitCalendarEntity } from './org-unit-calendar.entity';
import { ProcessDefinitionEntity } from './process-definition.entity';
import { ProcessInstanceEntity } from './process-instance.entity';
import { RoleAssignmentEntity } from './role-assignment.entity';
import { StudentEntity } from './student.entity';
import { TaskCandidateEntity, UserTaskEntity } from './user-task.entity';
import { UserEntity } from './user.entity';

export * from './audit-event.entity';
export * from './decision-definition.entity';
export * from './form-definition.entity';
export * from './incident.entity';
export * from './message-subscription.entity';
export * from './notification.entity';
export * from './org-unit.entity';
export * from './org-unit-calendar.entity';
export * from './process-definition.entity';
export * from './process-instance.entity';
export * from './role-assignment.entity';
export * from './student.entity';
export * from './user-task.entity';
export * from './user.entity';

export const ENTITIES = [
  OrgUnitEntity,
  UserEntity,
  RoleAssignmentEntity,
  StudentEntity,
  ProcessDefinitionEntity,
  ProcessInstanceEntity,
  UserTaskEntity,
  TaskCandidateEntity,
  AuditEventEntity,
  AccessLogEntity,
  MessageSubscriptionEntity,
  IncidentEntity,
  NotificationEntity,
  DecisionDefinitionEntity,
  FormDefinitionEntity,
  OrgUnitCalendarEntity,
];
