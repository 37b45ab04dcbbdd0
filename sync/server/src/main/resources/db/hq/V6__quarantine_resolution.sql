-- How a quarantined event was dealt with (issue 6): RESOLVED (an operator marked it dealt with, nothing
-- applied) or REPLAYED (re-run through the checks and projections and applied). NULL while open.
alter table quarantine add column resolution text check (resolution in ('RESOLVED', 'REPLAYED'));
update quarantine set resolution = 'RESOLVED' where resolved_at is not null;
