-- Day close at HQ (issue 6): a Z report's manifest checked against what HQ received.
create table day_reconciliation (
    terminal_id   text not null,
    z_number      int not null,
    status        text not null check (status in ('RECONCILED', 'WAITING', 'MISMATCH')),
    detail        text not null,
    checked_at    timestamptz not null default now(),
    primary key (terminal_id, z_number)
);
