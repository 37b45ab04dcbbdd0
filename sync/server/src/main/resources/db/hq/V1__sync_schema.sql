-- Central sync schema. Exactly-once comes from the constraints below, not from look-ups in code.

create table branch (
    branch_id   text primary key,
    created_at  timestamptz not null default now()
);

-- One row per terminal; the row is locked FOR UPDATE by every ingest of that terminal, which
-- serialises all batches of one stream, even across server instances.
create table terminal (
    terminal_id     text primary key,
    branch_id       text not null references branch (branch_id),
    high_water_seq  bigint not null default 0,
    last_hash       char(64) not null default '0000000000000000000000000000000000000000000000000000000000000000',
    blocked         boolean not null default false,
    blocked_reason  text,
    token_hash      char(64) unique,
    created_at      timestamptz not null default now(),
    enrolled_at     timestamptz,
    last_seen_at    timestamptz
);

create table enrollment_code (
    code_hash    char(64) primary key,
    terminal_id  text not null references terminal (terminal_id),
    expires_at   timestamptz not null,
    used_at      timestamptz
);

-- Every accepted journal position of every terminal, applied or quarantined.
create table event (
    event_id           uuid primary key,
    terminal_id        text not null references terminal (terminal_id),
    seq                bigint not null,
    prev_hash          char(64) not null,
    hash               char(64) not null,
    type               text not null,
    schema_version     int not null,
    business_day       date not null,
    occurred_at        timestamptz not null,
    payload            text not null,
    payload_hash       char(64) not null,
    status             text not null check (status in ('APPLIED', 'QUARANTINED')),
    quarantine_reason  text,
    received_at        timestamptz not null default now(),
    constraint event_terminal_seq_unique unique (terminal_id, seq)
);

-- Events kept aside with their payload and reason (invariant 4), and conflicting copies (invariant 5).
create table quarantine (
    quarantine_id  bigserial primary key,
    terminal_id    text not null,
    event_id       uuid not null,
    seq            bigint not null,
    kind           text not null,
    reason         text not null,
    type           text,
    payload        text not null,
    payload_hash   char(64) not null,
    hash           char(64),
    consumes_seq   boolean not null,
    created_at     timestamptz not null default now(),
    resolved_at    timestamptz
);
create unique index quarantine_once on quarantine (terminal_id, event_id, payload_hash);
create unique index quarantine_position on quarantine (terminal_id, seq) where consumes_seq;

-- Things HQ must look at: chain breaks, sequence regressions, over-refunds, duplicate business keys.
create table flag (
    flag_id      bigserial primary key,
    terminal_id  text not null,
    branch_id    text,
    kind         text not null,
    event_id     uuid,
    detail       text not null,
    created_at   timestamptz not null default now()
);

-- Projections, written in the same transaction as the event.
create table sale (
    sale_id         text primary key,
    event_id        uuid not null unique,
    terminal_id     text not null,
    branch_id       text not null,
    business_day    date not null,
    receipt_number  text not null,
    currency        char(3) not null,
    gross           numeric(19, 4) not null,
    occurred_at     timestamptz not null
);

create table sale_line (
    sale_id   text not null references sale (sale_id),
    line_no   int not null,
    sku       text not null,
    quantity  numeric(19, 6) not null,
    gross     numeric(19, 4) not null,
    primary key (sale_id, line_no)
);

create table refund (
    refund_id         text primary key,
    event_id          uuid not null unique,
    terminal_id       text not null,
    branch_id         text not null,
    original_sale_id  text,
    total             numeric(19, 4) not null,
    flagged           boolean not null default false
);

create table refund_line (
    refund_id         text not null references refund (refund_id),
    idx               int not null,
    original_sale_id  text,
    original_line_no  int,
    sku               text not null,
    quantity          numeric(19, 6) not null,
    gross             numeric(19, 4) not null,
    primary key (refund_id, idx)
);
create index refund_line_original on refund_line (original_sale_id, original_line_no);

create table stock_movement (
    event_id   uuid not null,
    idx        int not null,
    branch_id  text not null,
    sku        text not null,
    quantity   numeric(19, 6) not null,
    kind       text not null,
    primary key (event_id, idx)
);

create table stock_on_hand (
    branch_id  text not null,
    sku        text not null,
    quantity   numeric(19, 6) not null,
    primary key (branch_id, sku)
);

create table cash_movement (
    movement_id      text primary key,
    event_id         uuid not null unique,
    terminal_id      text not null,
    branch_id        text not null,
    till_session_id  text not null,
    kind             text not null,
    amount           numeric(19, 4) not null,
    reason           text
);

create table day_close (
    terminal_id    text not null,
    z_number       int not null,
    event_id       uuid not null unique,
    branch_id      text not null,
    business_day   date not null,
    first_seq      bigint not null,
    last_seq       bigint not null,
    event_count    int not null,
    sales_count    int not null,
    refunds_count  int not null,
    gross          numeric(19, 4) not null,
    tax            numeric(19, 4) not null,
    primary key (terminal_id, z_number)
);
