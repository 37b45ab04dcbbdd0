-- Promotions owned by HQ (issue 6, decision 0257). Every change is a new version; a sale records
-- the promotion id and version it used (SALE_COMPLETED.lines[].promotionId / promotionVersion).

create table promotion (
    promotion_id  text primary key check (length(promotion_id) between 1 and 64),
    version       bigint not null check (version >= 1),
    name          text not null check (length(name) between 1 and 120),
    data          text not null,                 -- the whole definition as the feed carries it
    valid_from    timestamptz not null,
    valid_until   timestamptz,
    updated_at    timestamptz not null default now()
);

-- Every version ever published, so HQ can say what a sale's promotionVersion meant.
create table promotion_version (
    promotion_id  text not null references promotion (promotion_id),
    version       bigint not null,
    data          text not null,
    created_at    timestamptz not null default now(),
    created_by    text,
    primary key (promotion_id, version)
);

-- What the till used for each sold line (optional in the event: older terminals send neither).
alter table sale_line add column price_version bigint;
alter table sale_line add column promotion_id text;
alter table sale_line add column promotion_version bigint;
