-- BranchPOS local store, schema 1. Flyway owns the schema; Hibernate never creates tables.

CREATE TABLE tax_rate (
    code        VARCHAR(32)   PRIMARY KEY,
    percent     DECIMAL(7,4)  NOT NULL,
    name        VARCHAR(80)   NOT NULL
);

CREATE TABLE product (
    sku         VARCHAR(32)   PRIMARY KEY,
    name        VARCHAR(200)  NOT NULL,
    name_norm   VARCHAR(200)  NOT NULL,
    category    VARCHAR(80)   NOT NULL,
    tax_code    VARCHAR(32)   NOT NULL REFERENCES tax_rate(code),
    unit        VARCHAR(16)   NOT NULL,
    price       DECIMAL(19,4) NOT NULL,
    currency    CHAR(3)       NOT NULL,
    active      BOOLEAN       NOT NULL,
    serialized  BOOLEAN       NOT NULL,
    version     BIGINT        NOT NULL DEFAULT 0
);
CREATE INDEX product_name_norm ON product(name_norm);
CREATE INDEX product_category ON product(category);

-- Name search (prefix and contains) is served by an in-memory trigram index built from
-- product.name_norm (see ProductSearchIndex and decision 0005), not by a table.

CREATE TABLE barcode (
    code        VARCHAR(48)   PRIMARY KEY,
    sku         VARCHAR(32)   NOT NULL REFERENCES product(sku) ON DELETE CASCADE
);
CREATE INDEX barcode_sku ON barcode(sku);

-- One row per terminal: the head of its journal chain, its business day, its receipt counter.
CREATE TABLE terminal_state (
    terminal_id      VARCHAR(64)  PRIMARY KEY,
    last_seq         BIGINT       NOT NULL,
    last_hash        CHAR(64)     NOT NULL,
    business_day     DATE         NOT NULL,
    next_receipt_no  BIGINT       NOT NULL
);

-- The journal: append-only. Only synced_at is ever updated (by sync, once HQ has acknowledged).
CREATE TABLE journal_event (
    terminal_id      VARCHAR(64)  NOT NULL,
    seq              BIGINT       NOT NULL,
    event_id         UUID         NOT NULL UNIQUE,
    prev_hash        CHAR(64)     NOT NULL,
    hash             CHAR(64)     NOT NULL,
    type             VARCHAR(48)  NOT NULL,
    schema_version   INT          NOT NULL,
    business_day     DATE         NOT NULL,
    occurred_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    payload          CHARACTER LARGE OBJECT NOT NULL,
    synced_at        TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (terminal_id, seq)
);
CREATE INDEX journal_event_unsynced ON journal_event(terminal_id, synced_at, seq);
CREATE INDEX journal_event_type ON journal_event(type, business_day);

CREATE TABLE sale (
    sale_id          UUID          PRIMARY KEY,
    receipt_number   VARCHAR(64)   NOT NULL UNIQUE,
    terminal_id      VARCHAR(64)   NOT NULL,
    business_day     DATE          NOT NULL,
    cashier_id       VARCHAR(64)   NOT NULL,
    currency         CHAR(3)       NOT NULL,
    pricing          VARCHAR(16)   NOT NULL,
    net              DECIMAL(19,4) NOT NULL,
    tax              DECIMAL(19,4) NOT NULL,
    gross            DECIMAL(19,4) NOT NULL,
    receipt_discount DECIMAL(19,4) NOT NULL,
    cash_rounding    DECIMAL(19,4) NOT NULL,
    change_given     DECIMAL(19,4) NOT NULL,
    completed_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    journal_seq      BIGINT        NOT NULL
);
CREATE INDEX sale_business_day ON sale(business_day);

CREATE TABLE sale_line (
    sale_id          UUID          NOT NULL REFERENCES sale(sale_id),
    line_no          INT           NOT NULL,
    sku              VARCHAR(32)   NOT NULL,
    description      VARCHAR(200)  NOT NULL,
    quantity         DECIMAL(19,3) NOT NULL,
    unit_price       DECIMAL(19,4) NOT NULL,
    list_price       DECIMAL(19,4) NOT NULL,
    discount         DECIMAL(19,4) NOT NULL,
    tax_code         VARCHAR(32)   NOT NULL,
    tax_rate         DECIMAL(7,4)  NOT NULL,
    net              DECIMAL(19,4) NOT NULL,
    tax              DECIMAL(19,4) NOT NULL,
    gross            DECIMAL(19,4) NOT NULL,
    serial           VARCHAR(64),
    PRIMARY KEY (sale_id, line_no)
);
CREATE INDEX sale_line_sku ON sale_line(sku);
-- a serialized unit is sold once per branch (a refund frees it again: see refund_line)
CREATE INDEX sale_line_serial ON sale_line(sku, serial);

CREATE TABLE payment (
    sale_id          UUID          NOT NULL REFERENCES sale(sale_id),
    payment_no       INT           NOT NULL,
    tender           VARCHAR(16)   NOT NULL,
    amount           DECIMAL(19,4) NOT NULL,
    reference        VARCHAR(128),
    PRIMARY KEY (sale_id, payment_no)
);

CREATE TABLE refund (
    refund_id        UUID          PRIMARY KEY,
    original_sale_id UUID          REFERENCES sale(sale_id),
    terminal_id      VARCHAR(64)   NOT NULL,
    business_day     DATE          NOT NULL,
    cashier_id       VARCHAR(64)   NOT NULL,
    approved_by      VARCHAR(64),
    reason           VARCHAR(200),
    currency         CHAR(3)       NOT NULL,
    total            DECIMAL(19,4) NOT NULL,
    completed_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    journal_seq      BIGINT        NOT NULL
);
CREATE INDEX refund_original ON refund(original_sale_id);

CREATE TABLE refund_line (
    refund_id        UUID          NOT NULL REFERENCES refund(refund_id),
    original_line_no INT           NOT NULL,
    sku              VARCHAR(32)   NOT NULL,
    quantity         DECIMAL(19,3) NOT NULL,
    gross            DECIMAL(19,4) NOT NULL,
    tax              DECIMAL(19,4) NOT NULL,
    PRIMARY KEY (refund_id, original_line_no)
);

CREATE TABLE refund_payment (
    refund_id        UUID          NOT NULL REFERENCES refund(refund_id),
    payment_no       INT           NOT NULL,
    tender           VARCHAR(16)   NOT NULL,
    amount           DECIMAL(19,4) NOT NULL,
    reference        VARCHAR(128),
    PRIMARY KEY (refund_id, payment_no)
);
