-- Operator control plane (issue 6): operator logins with roles, and the audit log of every action.

create table operator (
    username       text primary key,
    password_hash  text not null,                 -- pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>
    roles          text not null,                 -- comma-separated: VIEWER, SUPPORT, ADMIN
    created_at     timestamptz not null default now()
);

create table audit_log (
    audit_id  bigserial primary key,
    at        timestamptz not null default now(),
    operator  text not null,
    action    text not null,
    target    text not null,
    reason    text,
    outcome   text not null,                      -- OK, DENIED, FAILED
    detail    text
);
