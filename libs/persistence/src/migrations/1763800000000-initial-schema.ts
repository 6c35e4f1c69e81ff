import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The walking skeleton's schema. Hand-written SQL so that constraints and indexes are explicit. */
export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE org_unit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        parent_id uuid REFERENCES org_unit(id),
        kind text NOT NULL CHECK (kind IN ('root','city','district','school','grade','class')),
        name text NOT NULL,
        code text NOT NULL CHECK (code ~ '^[a-z0-9-]{1,40}$'),
        org_path text NOT NULL UNIQUE,
        timezone text NOT NULL DEFAULT 'Asia/Shanghai',
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((parent_id IS NULL) = (kind = 'root'))
      );
      CREATE UNIQUE INDEX org_unit_single_root ON org_unit ((true)) WHERE parent_id IS NULL;
      CREATE INDEX org_unit_path ON org_unit (org_path text_pattern_ops);

      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL,
        password_hash text NOT NULL,
        display_name text NOT NULL,
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX app_user_username ON app_user (lower(username));

      CREATE TABLE role_assignment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('admin','psychLead','districtSupervisor','principal',
          'psychTeacher','gradeLeader','classTeacher','peerMonitor')),
        org_unit_id uuid NOT NULL REFERENCES org_unit(id),
        UNIQUE (user_id, role, org_unit_id)
      );
      CREATE INDEX role_assignment_unit_role ON role_assignment (org_unit_id, role);

      CREATE TABLE student (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_unit_id uuid NOT NULL REFERENCES org_unit(id),
        org_path text NOT NULL,
        student_no text NOT NULL,
        sensitive text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (org_unit_id, student_no)
      );
      CREATE INDEX student_path ON student (org_path text_pattern_ops);

      CREATE TABLE process_definition (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        name text,
        xml text NOT NULL,
        model jsonb NOT NULL,
        forms jsonb NOT NULL DEFAULT '{}'::jsonb,
        sha256 text NOT NULL,
        deployed_at timestamptz NOT NULL DEFAULT now(),
        deployed_by uuid REFERENCES app_user(id),
        UNIQUE (key, version)
      );

      CREATE TABLE process_instance (
        id uuid PRIMARY KEY,
        definition_id uuid NOT NULL REFERENCES process_definition(id),
        definition_key text NOT NULL,
        definition_version integer NOT NULL,
        business_key text,
        org_unit_id uuid NOT NULL REFERENCES org_unit(id),
        org_path text NOT NULL,
        student_id uuid REFERENCES student(id),
        state text NOT NULL CHECK (state IN ('active','completed','cancelled')),
        variables jsonb NOT NULL DEFAULT '{}'::jsonb,
        active_elements jsonb NOT NULL DEFAULT '[]'::jsonb,
        workflow_id text NOT NULL UNIQUE,
        last_step integer NOT NULL DEFAULT 0,
        started_by uuid REFERENCES app_user(id),
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX process_instance_path ON process_instance (org_path text_pattern_ops);
      CREATE INDEX process_instance_state ON process_instance (state, started_at DESC);

      CREATE TABLE user_task (
        id uuid PRIMARY KEY,
        instance_id uuid NOT NULL REFERENCES process_instance(id),
        element_id text NOT NULL,
        name text,
        org_path text NOT NULL,
        assignee_id uuid REFERENCES app_user(id),
        candidate_groups text[] NOT NULL DEFAULT '{}',
        candidate_users text[] NOT NULL DEFAULT '{}',
        due_at timestamptz,
        follow_up_at timestamptz,
        priority integer NOT NULL DEFAULT 50 CHECK (priority BETWEEN 0 AND 100),
        state text NOT NULL CHECK (state IN ('open','completed','cancelled')),
        form_id text,
        created_at timestamptz NOT NULL,
        ended_at timestamptz,
        ended_by uuid REFERENCES app_user(id)
      );
      CREATE INDEX user_task_instance ON user_task (instance_id);
      CREATE INDEX user_task_open_due ON user_task (due_at) WHERE state = 'open';
      CREATE INDEX user_task_assignee ON user_task (assignee_id) WHERE state = 'open';

      CREATE TABLE task_candidate (
        task_id uuid NOT NULL REFERENCES user_task(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user(id),
        PRIMARY KEY (task_id, user_id)
      );
      CREATE INDEX task_candidate_user ON task_candidate (user_id);

      CREATE TABLE audit_event (
        id bigserial PRIMARY KEY,
        instance_id uuid NOT NULL REFERENCES process_instance(id),
        seq integer NOT NULL,
        at timestamptz NOT NULL,
        type text NOT NULL,
        element_id text,
        actor text,
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        hash text NOT NULL,
        prev_hash text,
        UNIQUE (instance_id, seq)
      );

      CREATE TABLE access_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        user_id uuid,
        action text NOT NULL,
        resource_type text NOT NULL,
        resource_id text,
        detail jsonb NOT NULL DEFAULT '{}'::jsonb
      );
      CREATE INDEX access_log_resource ON access_log (resource_type, resource_id);

      -- Audit records are evidence (倒查追责): the database itself refuses to change them.
      CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME;
      END $$;
      CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
        FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
      CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
        FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE access_log, audit_event, task_candidate, user_task, process_instance,
        process_definition, student, role_assignment, app_user, org_unit;
      DROP FUNCTION refuse_audit_change();
    `);
  }
}
