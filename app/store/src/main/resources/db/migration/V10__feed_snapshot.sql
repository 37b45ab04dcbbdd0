-- A feed snapshot is being loaded (decision 0258): set before the first catalog row of a snapshot
-- is written, cleared in the transaction that stores the snapshot's cursor. While set, the
-- catalog tables may hold part of a snapshot; the next bootstrap empties them and starts again.
ALTER TABLE feed_state ADD COLUMN snapshot_loading BOOLEAN DEFAULT FALSE NOT NULL;
