-- Till sessions: a till is opened with a counted float before anything is sold.
CREATE TABLE till_session (
    session_id       UUID          PRIMARY KEY,
    terminal_id      VARCHAR(64)   NOT NULL,
    opened_by        VARCHAR(64)   NOT NULL,
    opened_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    business_day     DATE          NOT NULL,
    currency         CHAR(3)       NOT NULL,
    opening_float    DECIMAL(19,4) NOT NULL,
    float_count      VARCHAR(2000) NOT NULL,
    closed_at        TIMESTAMP WITH TIME ZONE,
    open_slot        VARCHAR(64)   -- = terminal_id while open, NULL once closed: one open session per terminal
);
CREATE UNIQUE INDEX till_session_one_open ON till_session(open_slot);
CREATE INDEX till_session_terminal ON till_session(terminal_id, opened_at);
