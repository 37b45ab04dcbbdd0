-- Checkout (issue 3): till users with PIN hashes and lockout state; parked sales.

-- pin_hash: "pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>" (see PinHasher); never the PIN.
CREATE TABLE app_user (
    user_id          VARCHAR(64)   PRIMARY KEY,
    code             VARCHAR(16)   NOT NULL UNIQUE,
    name             VARCHAR(120)  NOT NULL,
    role             VARCHAR(16)   NOT NULL,
    pin_hash         VARCHAR(200)  NOT NULL,
    failed_attempts  INT           NOT NULL DEFAULT 0,
    locked_until     TIMESTAMP WITH TIME ZONE,
    active           BOOLEAN       NOT NULL DEFAULT TRUE
);

-- A sale put aside to serve the next customer. The ticket is kept as JSON with the products as
-- they were when rung up, so a recall after a restart or a price change shows the same ticket.
CREATE TABLE parked_sale (
    sale_id          UUID          PRIMARY KEY,
    cashier_id       VARCHAR(64)   NOT NULL,
    parked_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    line_count       INT           NOT NULL,
    currency         CHAR(3)       NOT NULL,
    total            DECIMAL(19,4) NOT NULL,
    label            VARCHAR(80),
    ticket           CHARACTER LARGE OBJECT NOT NULL
);
