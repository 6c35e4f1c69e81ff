import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the full engine projects besides tasks: message subscriptions, incidents, buffered
 * messages (published before anyone waited for them) and in-app notifications; and the link
 * from a called case to the case that called it.
 */
export class MessagesIncidentsNotifications1763900000000 implements MigrationInterface {
  name = 'MessagesIncidentsNotifications1763900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- A case started by a call activity: its row is created before its workflow starts.
      ALTER TABLE process_instance ADD COLUMN parent_id uuid REFERENCES process_instance(id);
      -- What a task sees beyond the process variables: a multi-instance item, sub-process and
      -- input-mapped variables (the engine's UserTaskSpec.localVariables).
      ALTER TABLE user_task ADD COLUMN local_variables jsonb NOT NULL DEFAULT '{}'::jsonb;
      CREATE INDEX process_instance_parent ON process_instance (parent_id) WHERE parent_id IS NOT NULL;

      -- id is the engine's subscriptionId. org_path is the case's, so POST /api/messages finds
      -- the subscriptions a caller may reach with the same scope filter as everything else.
      CREATE TABLE message_subscription (
        id uuid PRIMARY KEY,
        instance_id uuid NOT NULL REFERENCES process_instance(id),
        element_id text NOT NULL,
        org_path text NOT NULL,
        message_name text NOT NULL,
        correlation_key text NOT NULL,
        state text NOT NULL CHECK (state IN ('open','correlated','cancelled')),
        created_at timestamptz NOT NULL,
        closed_at timestamptz,
        CHECK ((state = 'open') = (closed_at IS NULL))
      );
      CREATE INDEX message_subscription_open ON message_subscription (message_name, correlation_key)
        WHERE state = 'open';
      CREATE INDEX message_subscription_instance ON message_subscription (instance_id);

      CREATE TABLE incident (
        id uuid PRIMARY KEY,
        instance_id uuid NOT NULL REFERENCES process_instance(id),
        element_id text NOT NULL,
        org_path text NOT NULL,
        message text NOT NULL,
        state text NOT NULL CHECK (state IN ('open','resolved')),
        created_at timestamptz NOT NULL,
        resolved_at timestamptz,
        resolved_by uuid REFERENCES app_user(id),
        CHECK ((state = 'open') = (resolved_at IS NULL))
      );
      CREATE INDEX incident_instance ON incident (instance_id, state);
      CREATE INDEX incident_open_created ON incident (created_at DESC) WHERE state = 'open';

      -- A message published with a time to live while no case waited for it. variables are
      -- sealed like student fields (AES-256-GCM, "v1:…"): they may carry case content.
      -- org_path is the sender's unit: only cases at or below it may take the message.
      -- A subscription takes a row by setting taken_by/taken_step in the projection of the step
      -- that opened it (so a retried projection hands back the same message); the row is deleted
      -- when that subscription closes.
      CREATE TABLE message_buffer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        message_name text NOT NULL,
        correlation_key text NOT NULL,
        variables text NOT NULL,
        org_path text NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES app_user(id),
        taken_by uuid REFERENCES message_subscription(id),
        taken_step integer,
        CHECK (expires_at > created_at),
        CHECK ((taken_by IS NULL) = (taken_step IS NULL))
      );
      CREATE INDEX message_buffer_waiting ON message_buffer (message_name, correlation_key, created_at)
        WHERE taken_by IS NULL;
      CREATE INDEX message_buffer_taken ON message_buffer (taken_by) WHERE taken_by IS NOT NULL;
      CREATE INDEX message_buffer_expiry ON message_buffer (expires_at);

      -- In-app notifications say that there is work and where, never what the case is about:
      -- title is an element name or fixed text. idempotency_key (e.g. the job that sent it) makes a
      -- retried sender insert nothing twice. task_id has no foreign key: a job may notify about a
      -- task whose projection is written after it.
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient_id uuid NOT NULL REFERENCES app_user(id),
        instance_id uuid REFERENCES process_instance(id),
        task_id uuid,
        kind text NOT NULL,
        org_path text NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        idempotency_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        UNIQUE (idempotency_key, recipient_id)
      );
      CREATE INDEX notification_recipient ON notification (recipient_id, created_at DESC);
      CREATE INDEX notification_unread ON notification (recipient_id) WHERE read_at IS NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE notification, message_buffer, incident, message_subscription;
      ALTER TABLE process_instance DROP COLUMN parent_id;
      ALTER TABLE user_task DROP COLUMN local_variables;
    `);
  }
}
