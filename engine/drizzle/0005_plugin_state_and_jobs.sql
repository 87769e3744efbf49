CREATE TABLE "temper"."plugin_jobs" (
	"workspace_id" text NOT NULL,
	"plugin" text NOT NULL,
	"job" text NOT NULL,
	"next_run_at" timestamp with time zone NOT NULL,
	"last_run_at" timestamp with time zone,
	"last_status" text,
	"last_result" jsonb,
	"attempts" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "temper"."plugin_state" (
	"workspace_id" text NOT NULL,
	"plugin" text NOT NULL,
	"key" text NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP TABLE "temper"."assignment_cursors" CASCADE;--> statement-breakpoint
ALTER TABLE "temper"."plugin_jobs" ADD CONSTRAINT "plugin_jobs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "temper"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "temper"."plugin_state" ADD CONSTRAINT "plugin_state_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "temper"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "plugin_jobs_key" ON "temper"."plugin_jobs" USING btree ("workspace_id","plugin","job");--> statement-breakpoint
CREATE INDEX "plugin_jobs_due" ON "temper"."plugin_jobs" USING btree ("next_run_at");--> statement-breakpoint
CREATE UNIQUE INDEX "plugin_state_key" ON "temper"."plugin_state" USING btree ("workspace_id","plugin","key");