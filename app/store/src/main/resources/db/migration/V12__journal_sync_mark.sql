-- How far HQ has acknowledged each terminal's journal: one row per terminal, moved forward by sync
-- in one UPDATE per acknowledged batch (decision 0207). Until V11 sync wrote synced_at into every
-- acknowledged journal_event row (and its index entry): ~0.3 ms of CPU per event during a catch-up.
-- HQ acknowledges prefixes only, so "unsynced" is simply seq > synced_through_seq.
CREATE TABLE journal_sync_mark (
    terminal_id         VARCHAR(64)  PRIMARY KEY,
    synced_through_seq  BIGINT       NOT NULL CHECK (synced_through_seq >= 0),
    synced_at           TIMESTAMP WITH TIME ZONE
);

-- Upgrade: the watermark is the highest seq up to which every event was marked (the first unmarked
-- event minus one), exactly what sync resumed from before, so nothing is sent twice or skipped.
INSERT INTO journal_sync_mark(terminal_id, synced_through_seq)
SELECT t.terminal_id,
       COALESCE((SELECT MIN(e.seq) - 1 FROM journal_event e WHERE e.terminal_id = t.terminal_id AND e.synced_at IS NULL),
                (SELECT MAX(e.seq) FROM journal_event e WHERE e.terminal_id = t.terminal_id), 0)
FROM (SELECT DISTINCT terminal_id FROM journal_event) t;

UPDATE journal_sync_mark m SET synced_at = (SELECT MAX(e.synced_at) FROM journal_event e
        WHERE e.terminal_id = m.terminal_id AND e.seq <= m.synced_through_seq);

-- journal_event.synced_at stays (old rows keep the time they were marked) but is no longer written
-- nor searched: its index only cost every journal insert an index entry.
DROP INDEX journal_event_unsynced;
