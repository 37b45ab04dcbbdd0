-- Stock documents HQ sends to one branch's feed (issue 7): purchase orders and transfers between
-- branches, stock baselines, and the products' optional cost price (stock valuation at cost).

alter table catalog_product add column cost numeric(19, 4) check (cost >= 0);

-- A delivery addressed to branch_id: a purchase order from a supplier (source), or a transfer
-- from another branch (source = the sending branch; created when HQ ingests its TRANSFER_OUT).
-- status: OPEN (PO not yet received), IN_TRANSIT (transfer sent), RECEIVED.
create table stock_document (
    reference       text primary key,
    kind            text not null check (kind in ('PURCHASE_ORDER', 'TRANSFER')),
    branch_id       text not null references branch (branch_id),
    source          text not null,
    status          text not null check (status in ('OPEN', 'IN_TRANSIT', 'RECEIVED')),
    line_count      int,                    -- transfers: lines the sender wrote (sent once all arrived)
    created_at      timestamptz not null default now(),
    received_at     timestamptz,
    received_event  uuid
);
create index stock_document_branch on stock_document (branch_id, status);

create table stock_document_line (
    reference     text not null references stock_document (reference),
    sku           text not null,
    expected_qty  numeric(19, 3) not null,
    received_qty  numeric(19, 3),
    damaged_qty   numeric(19, 3),
    primary key (reference, sku)
);

-- An on-hand figure for one SKU of one branch at an instant; the terminal journals the difference.
create table stock_baseline (
    baseline_id  bigserial primary key,
    branch_id    text not null references branch (branch_id),
    sku          text not null,
    quantity     numeric(19, 3) not null check (quantity >= 0),
    as_of        timestamptz not null,
    created_by   text,
    created_at   timestamptz not null default now()
);
