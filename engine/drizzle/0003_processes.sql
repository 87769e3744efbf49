CREATE TABLE "temper"."approval_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" text NOT NULL,
	"approval_id" uuid NOT NULL,
	"level" integer NOT NULL,
	"approver_id" uuid NOT NULL,
	"from_task_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "temper"."approvals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" text NOT NULL,
	"instance_id" uuid NOT NULL,
	"state" text NOT NULL,
	"level" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"submitter_id" uuid,
	"started_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "temper"."assignment_cursors" (
	"workspace_id" text NOT NULL,
	"key" text NOT NULL,
	"last_user_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "temper"."outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" text NOT NULL,
	"instance_id" uuid,
	"key" text NOT NULL,
	"step" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	CONSTRAINT "outbox_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "temper"."process_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"instance_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"event" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_id" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "temper"."process_instances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" text NOT NULL,
	"process" text NOT NULL,
	"entity" text NOT NULL,
	"record_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"state" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"state_since" timestamp with time zone NOT NULL,
	"last_error" jsonb,
	"started_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "temper"."timers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" text NOT NULL,
	"instance_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"fired_at" timestamp with time zone,
	"fired_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "temper"."approval_tasks" ADD CONSTRAINT "approval_tasks_approval_id_approvals_id_fk" FOREIGN KEY ("approval_id") REFERENCES "temper"."approvals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "temper"."approval_tasks" ADD CONSTRAINT "approval_tasks_approver_id_users_id_fk" FOREIGN KEY ("approver_id") REFERENCES "temper"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "temper"."approvals" ADD CONSTRAINT "approvals_instance_id_process_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "temper"."process_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "temper"."outbox" ADD CONSTRAINT "outbox_instance_id_process_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "temper"."process_instances"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "temper"."process_events" ADD CONSTRAINT "process_events_instance_id_process_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "temper"."process_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "temper"."process_instances" ADD CONSTRAINT "process_instances_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "temper"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "temper"."process_instances" ADD CONSTRAINT "process_instances_version_id_definition_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "temper"."definition_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "temper"."timers" ADD CONSTRAINT "timers_instance_id_process_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "temper"."process_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "approval_tasks_inbox" ON "temper"."approval_tasks" USING btree ("approver_id","created_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "approval_tasks_approval" ON "temper"."approval_tasks" USING btree ("approval_id");--> statement-breakpoint
CREATE INDEX "approvals_instance" ON "temper"."approvals" USING btree ("instance_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assignment_cursors_key" ON "temper"."assignment_cursors" USING btree ("workspace_id","key");--> statement-breakpoint
CREATE INDEX "outbox_due" ON "temper"."outbox" USING btree ("next_attempt_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "outbox_instance" ON "temper"."outbox" USING btree ("instance_id");--> statement-breakpoint
CREATE INDEX "process_events_instance" ON "temper"."process_events" USING btree ("instance_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "process_instances_record" ON "temper"."process_instances" USING btree ("workspace_id","process","record_id");--> statement-breakpoint
CREATE INDEX "process_instances_state" ON "temper"."process_instances" USING btree ("workspace_id","process","state");--> statement-breakpoint
CREATE INDEX "timers_due" ON "temper"."timers" USING btree ("due_at") WHERE status = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "timers_pending_key" ON "temper"."timers" USING btree ("instance_id","key") WHERE status = 'pending';