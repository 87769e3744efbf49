CREATE TABLE "temper"."plugin_settings" (
	"workspace_id" text NOT NULL,
	"plugin" text NOT NULL,
	"settings" jsonb NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "temper"."outbox" ADD COLUMN "max_attempts" integer DEFAULT 8 NOT NULL;--> statement-breakpoint
ALTER TABLE "temper"."plugin_settings" ADD CONSTRAINT "plugin_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "temper"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "plugin_settings_workspace_plugin" ON "temper"."plugin_settings" USING btree ("workspace_id","plugin");