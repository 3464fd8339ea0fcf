ALTER TABLE "rate_limits" DROP CONSTRAINT "rate_limits_workspace_id_workspaces_id_fk";
