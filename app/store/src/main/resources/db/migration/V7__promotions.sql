-- Promotions from HQ's feed (issue 6, decision 0257): the newest version of each, as HQ sent it.
-- The checkout applies those valid at the time of sale; data is the feed's JSON (docs/feed.md).
CREATE TABLE promotion (
    promotion_id  VARCHAR(64)   PRIMARY KEY,
    version       BIGINT        NOT NULL,
    valid_from    TIMESTAMP WITH TIME ZONE NOT NULL,
    valid_until   TIMESTAMP WITH TIME ZONE,
    data          CHARACTER LARGE OBJECT NOT NULL
);
