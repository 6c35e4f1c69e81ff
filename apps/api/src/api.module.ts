import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { type AppConfig, ConfigModule } from '../../../libs/config/src';
import { PersistenceModule } from '../../../libs/persistence/src';
import { AccessDenials } from './access-log/access-denials';
import { AccessLog } from './access-log/access-log.service';
import { AuditVerificationController } from './audit/audit-verification.controller';
import { AuditVerificationService } from './audit/audit-verification.service';
import { CalendarRefresh } from './calendars/calendar-refresh.service';
import { CalendarsController } from './calendars/calendars.controller';
import { CalendarsService } from './calendars/calendars.service';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { CaseContexts } from './case-file/case-context';
import { ComplianceController } from './compliance/compliance.controller';
import { ComplianceRepository } from './compliance/compliance.repository';
import { ComplianceService } from './compliance/compliance.service';
import { CaseFiles } from './case-file/case-file.service';
import { ConfidentialityController } from './confidentiality/confidentiality.controller';
import { ConfidentialityRepository } from './confidentiality/confidentiality.repository';
import { ConfidentialityService } from './confidentiality/confidentiality.service';
import { BootstrapAdmin } from './auth/bootstrap-admin';
import { StudentNameBackfill } from './students/student-name-backfill';
import { DefinitionStatisticsRepository } from './definitions/definition-statistics.repository';
import { DefinitionStatisticsService } from './definitions/definition-statistics.service';
import { LoginThrottle } from './auth/login-throttle';
import { UserDirectory } from './auth/user-directory';
import { DecisionsController } from './decisions/decisions.controller';
import { DecisionsService } from './decisions/decisions.service';
import { DefinitionsController } from './definitions/definitions.controller';
import { DefinitionsRepository } from './definitions/definitions.repository';
import { DefinitionsService } from './definitions/definitions.service';
import { TimerStarts } from './definitions/timer-starts.service';
import { FormsController } from './forms/forms.controller';
import { FormsService } from './forms/forms.service';
import { HealthController } from './health/health.controller';
import { IncidentsController } from './incidents/incidents.controller';
import { IncidentsRepository } from './incidents/incidents.repository';
import { IncidentsService } from './incidents/incidents.service';
import { InstancesController } from './instances/instances.controller';
import { InstancesRepository } from './instances/instances.repository';
import { InstancesService } from './instances/instances.service';
import { MessagesController } from './messages/messages.controller';
import { ModelerController } from './modeler/modeler.controller';
import { MessagesRepository } from './messages/messages.repository';
import { MessagesService } from './messages/messages.service';
import { SignalsController } from './signals/signals.controller';
import { SignalsService } from './signals/signals.service';
import { NotificationsController } from './notifications/notifications.controller';
import { NotificationsRepository } from './notifications/notifications.repository';
import { NotificationsService } from './notifications/notifications.service';
import { OrgUnitsController } from './org-units/org-units.controller';
import { OrgUnitsRepository } from './org-units/org-units.repository';
import { OrgUnitsService } from './org-units/org-units.service';
import { PreferencesController } from './preferences/preferences.controller';
import { PreferencesService } from './preferences/preferences.service';
import { ScreeningsController } from './screenings/screenings.controller';
import { ScreeningsRepository } from './screenings/screenings.repository';
import { ScreeningsService } from './screenings/screenings.service';
import { MonthlyReportController } from './reports/monthly-report.controller';
import { MonthlyReportService } from './reports/monthly-report.service';
import { StudentsController } from './students/students.controller';
import { StudentsRepository } from './students/students.repository';
import { StudentsService } from './students/students.service';
import { TasksController } from './tasks/tasks.controller';
import { TasksRepository } from './tasks/tasks.repository';
import { TasksService } from './tasks/tasks.service';
import { CaseUpdates } from './temporal/case-updates.service';
import { TemporalClientService } from './temporal/temporal-client.service';
import { UsersController } from './users/users.controller';
import { UsersRepository } from './users/users.repository';
import { UsersService } from './users/users.service';

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        PersistenceModule.forRoot(config.databaseUrl),
        JwtModule.register({ secret: config.jwtSecret, signOptions: { expiresIn: config.jwtTtlSeconds } }),
      ],
      controllers: [
        AuthController,
        HealthController,
        OrgUnitsController,
        CalendarsController,
        UsersController,
        StudentsController,
        ScreeningsController,
        PreferencesController,
        DefinitionsController,
        DecisionsController,
        FormsController,
        InstancesController,
        ConfidentialityController,
        TasksController,
        MessagesController,
        SignalsController,
        IncidentsController,
        NotificationsController,
        AuditVerificationController,
        ModelerController,
        MonthlyReportController,
        ComplianceController,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: AccessDenials },
        AccessLog,
        AuthService,
        CaseFiles,
        CaseContexts,
        BootstrapAdmin,
        LoginThrottle,
        UserDirectory,
        TemporalClientService,
        CaseUpdates,
        OrgUnitsRepository,
        OrgUnitsService,
        CalendarsService,
        CalendarRefresh,
        UsersRepository,
        UsersService,
        StudentsRepository,
        StudentsService,
        ScreeningsRepository,
        ScreeningsService,
        PreferencesService,
        StudentNameBackfill,
        DefinitionsRepository,
        DefinitionsService,
        DefinitionStatisticsRepository,
        DefinitionStatisticsService,
        DecisionsService,
        FormsService,
        TimerStarts,
        InstancesRepository,
        InstancesService,
        ConfidentialityRepository,
        ConfidentialityService,
        TasksRepository,
        TasksService,
        MessagesRepository,
        MessagesService,
        SignalsService,
        IncidentsRepository,
        IncidentsService,
        NotificationsRepository,
        NotificationsService,
        AuditVerificationService,
        MonthlyReportService,
        ComplianceRepository,
        ComplianceService,
      ],
    };
  }
}
