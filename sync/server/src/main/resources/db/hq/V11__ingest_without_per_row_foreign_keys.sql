-- Decision 0211: the two foreign keys that ingest checked once per written row are dropped.
-- sale_line -> sale cost PostgreSQL ~22 us of its ~80 us per caught-up sale (a row lock on the sale
-- for each of its ~3 lines, with its WAL record), event -> terminal ~5 us more. Both relations are
-- kept by the one writer of these rows: ingest writes a sale's lines only after its sale row, in the
-- same transaction, and only events of the authenticated terminal whose row it holds FOR UPDATE;
-- no code deletes sales or terminals. CopyPathTest checks that no line lacks its sale and no event
-- its terminal.
alter table sale_line drop constraint sale_line_sale_id_fkey;
alter table event drop constraint event_terminal_id_fkey;
