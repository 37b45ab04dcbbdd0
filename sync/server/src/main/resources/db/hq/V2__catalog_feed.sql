-- Catalog owned by HQ, and the change log every branch feed is served from (issue 6, decision 0250).

create table catalog_tax (
    code        text primary key,
    percent     numeric(7, 4) not null check (percent >= 0 and percent < 100),
    name        text not null
);

create table catalog_product (
    sku         text primary key,
    name        text not null check (length(name) between 1 and 200),
    category    text not null,
    tax_code    text not null references catalog_tax (code),
    unit        text not null,
    currency    char(3) not null,
    active      boolean not null default true,
    serialized  boolean not null default false,
    updated_at  timestamptz not null default now()
);

create table catalog_barcode (
    code  text primary key,
    sku   text not null references catalog_product (sku)
);
create index catalog_barcode_sku on catalog_barcode (sku);

-- Prices with the instant they take effect (scheduled changes). price_id is the price version a
-- sale records (SALE_COMPLETED.lines[].priceVersion).
create table catalog_price (
    price_id        bigserial primary key,
    sku             text not null references catalog_product (sku),
    price           numeric(19, 4) not null check (price >= 0),
    effective_from  timestamptz not null,
    created_at      timestamptz not null default now(),
    created_by      text,
    constraint catalog_price_once unique (sku, effective_from)
);

-- Till users of a branch: PIN hashes only (PBKDF2, same format as the terminal's PinHasher).
create table branch_user (
    branch_id  text not null,
    user_id    text not null,
    code       text not null,
    name       text not null,
    role       text not null,
    pin_hash   text not null,
    active     boolean not null default true,
    primary key (branch_id, user_id)
);

-- The change log. xid is the writing transaction's id (64-bit, never wraps). A row is served only
-- once its xid is below the xmin of the reader's snapshot: every transaction below xmin has ended,
-- so nothing can ever appear behind a cursor (decision 0250). Ordered by (xid, change_id).
create table feed_change (
    change_id   bigserial not null,
    xid         xid8 not null default pg_current_xact_id(),
    branch_id   text,                         -- null: a change for every branch
    kind        text not null,
    entity_key  text not null,
    intended    boolean not null default false,
    data        text not null,
    created_at  timestamptz not null default now(),
    primary key (xid, change_id)
);
create index feed_change_branch on feed_change (branch_id, xid, change_id) where branch_id is not null;
