-- BranchPOS local store: the store manager's tables (till cash movements, day close, stock).
-- Stock on hand is never stored: it is the sum of stock_movement plus the sale and refund lines.

CREATE TABLE cash_movement (
    movement_id      UUID          PRIMARY KEY,
    till_session_id  UUID,
    terminal_id      VARCHAR(64)   NOT NULL,
    business_day     DATE          NOT NULL,
    kind             VARCHAR(16)   NOT NULL,
    amount           DECIMAL(19,4) NOT NULL,
    currency         CHAR(3)       NOT NULL,
    reason           VARCHAR(200)  NOT NULL,
    user_id          VARCHAR(64)   NOT NULL,
    occurred_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    journal_seq      BIGINT        NOT NULL
);
CREATE INDEX cash_movement_day ON cash_movement(terminal_id, business_day);

-- One row per Z report. (terminal_id, z_number) is gapless: the number is max + 1 taken in the
-- same transaction that journals DAY_CLOSED and advances the business day.
CREATE TABLE z_report (
    terminal_id      VARCHAR(64)   NOT NULL,
    z_number         BIGINT        NOT NULL,
    business_day     DATE          NOT NULL,
    closed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    signed_off_by    VARCHAR(64)   NOT NULL,
    variance_reason  VARCHAR(400),
    counted          CHARACTER LARGE OBJECT NOT NULL,
    journal_seq      BIGINT        NOT NULL,
    PRIMARY KEY (terminal_id, z_number),
    UNIQUE (terminal_id, business_day)
);

CREATE TABLE stock_movement (
    movement_id      UUID          PRIMARY KEY,
    sku              VARCHAR(32)   NOT NULL,
    location         VARCHAR(64)   NOT NULL,
    quantity         DECIMAL(19,3) NOT NULL,
    kind             VARCHAR(16)   NOT NULL,
    reference        VARCHAR(64),
    reason           VARCHAR(200),
    -- when the stock moved; for a COUNT the instant it was counted, which may be before it was posted
    occurred_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    business_day     DATE          NOT NULL,
    user_id          VARCHAR(64)   NOT NULL,
    journal_seq      BIGINT        NOT NULL
);
CREATE INDEX stock_movement_sku ON stock_movement(sku, location, occurred_at);

CREATE TABLE stock_setting (
    sku              VARCHAR(32)   PRIMARY KEY,
    reorder_point    DECIMAL(19,3) NOT NULL,
    reorder_qty      DECIMAL(19,3) NOT NULL
);

-- Deliveries announced to this branch (purchase orders, incoming transfers; later from the feed).
CREATE TABLE expected_delivery (
    reference        VARCHAR(64)   NOT NULL,
    kind             VARCHAR(16)   NOT NULL,
    source           VARCHAR(64)   NOT NULL,
    sku              VARCHAR(32)   NOT NULL,
    expected_qty     DECIMAL(19,3) NOT NULL,
    received_at      TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (reference, sku)
);

-- A stock count in progress keeps its scans here (durable, offline) until it is posted as COUNT movements.
CREATE TABLE stock_count (
    count_id         UUID          PRIMARY KEY,
    kind             VARCHAR(8)    NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    started_by       VARCHAR(64)   NOT NULL,
    posted_at        TIMESTAMP WITH TIME ZONE
);

CREATE TABLE stock_count_entry (
    count_id         UUID          NOT NULL REFERENCES stock_count(count_id),
    entry_no         INT           NOT NULL,
    counter_id       VARCHAR(64)   NOT NULL,
    sku              VARCHAR(32)   NOT NULL,
    quantity         DECIMAL(19,3) NOT NULL,
    counted_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (count_id, entry_no)
);
