-- Events HQ kept aside instead of applying (invalid payload, conflicting copy). They count as
-- synced; the manager sees them with HQ's reason until HQ replays or resolves them.
CREATE TABLE sync_quarantine (
    event_id     UUID          PRIMARY KEY,
    seq          BIGINT        NOT NULL,
    reason       VARCHAR(2000) NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
