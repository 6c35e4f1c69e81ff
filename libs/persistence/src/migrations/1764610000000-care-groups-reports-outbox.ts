import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the pathway's service handlers record (docs/service-handlers.md):
 * - `care_group_member`: a case's care group (关爱小组, R7), written by `assign-care-group`;
 * - `monthly_report`: a unit's counts for a month (月报, R9), written by `compile-monthly-report`;
 * - `outbound_message`: the outbox of messages to people who are no users (a student's
 *   guardians), written by `notify`, sent later by a delivery adapter. The contact is sealed
 *   (field-crypto); the text is fixed and says nothing about the case (R10).
 */
export class CareGroupsReportsOutbox1764610000000 implements MigrationInterface {
  name = 'CareGroupsReportsOutbox1764610000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE care_group_member (
        instance_id uuid NOT NULL REFERENCES process_instance(id),
        user_id uuid NOT NULL REFERENCES app_user(id),
        role text NOT NULL,
        -- job:<instanceId>:<jobId> of the assign-care-group job that recorded it
        job_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (instance_id, user_id, role)
      );
      CREATE INDEX care_group_member_user ON care_group_member (user_id);

      CREATE TABLE monthly_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_unit_id uuid NOT NULL REFERENCES org_unit(id),
        org_path text NOT NULL,
        month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        -- aggregate counts only (MonthlyReportCounts), never a name
        counts jsonb NOT NULL,
        compiled_at timestamptz NOT NULL DEFAULT now(),
        instance_id uuid NOT NULL REFERENCES process_instance(id),
        job_key text NOT NULL UNIQUE,
        UNIQUE (org_unit_id, month, instance_id)
      );
      CREATE INDEX monthly_report_path ON monthly_report (org_path text_pattern_ops, month);

      CREATE TABLE outbound_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        channel text NOT NULL CHECK (channel IN ('sms')),
        -- the address (a phone number), sealed with field-crypto: v1:…
        recipient_sealed text NOT NULL,
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 500),
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','sent','failed')),
        instance_id uuid REFERENCES process_instance(id),
        org_path text NOT NULL,
        -- the sender (job:<instanceId>:<jobId>) and which guardian: one message each, however often it runs
        idempotency_key text NOT NULL UNIQUE,
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      );
      CREATE INDEX outbound_message_pending ON outbound_message (created_at) WHERE state = 'pending';
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE outbound_message, monthly_report, care_group_member`);
  }
}
