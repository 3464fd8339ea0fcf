-- next_ticket_number(ws): takes the workspace's next ticket number (gapless: the counter's row is
-- locked until the transaction ends, so concurrent creators queue on it). A function so that the
-- ticket's own INSERT takes it (`number = next_ticket_number(ws)`, tickets/write/open-ticket.ts):
-- one statement fewer under that lock for every creation — the lock is what bounds how many
-- tickets a workspace creates per second (bench/README.md).
CREATE OR REPLACE FUNCTION next_ticket_number(ws bigint) RETURNS integer
LANGUAGE sql VOLATILE AS $$
  INSERT INTO ticket_counters (workspace_id, last_number) VALUES (ws, 1)
  ON CONFLICT (workspace_id) DO UPDATE SET last_number = ticket_counters.last_number + 1
  RETURNING last_number
$$;
