-- HQ can cancel a purchase order its branch has not received (session 5). The document stays, with
-- who cancelled it and when; the branch's feed carries it with status CANCELLED, so its terminals
-- stop offering it for receiving. Transfers cannot be cancelled: their goods already left a branch.
alter table stock_document drop constraint stock_document_status_check;
alter table stock_document add constraint stock_document_status_check
    check (status in ('OPEN', 'IN_TRANSIT', 'RECEIVED', 'CANCELLED'));
alter table stock_document add column cancelled_at timestamptz;
alter table stock_document add column cancelled_by text;
