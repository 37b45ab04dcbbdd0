-- A random value that changes in the same transaction as every change to the catalog (product,
-- barcode, tax_rate). The barcode map and the search index are saved to files in the data
-- directory under the stamp they were read at; a start loads a file only if its stamp is the
-- database's stamp now (decision 0010). Random instead of a counter: a database restored from a
-- backup and changed again never comes back to a stamp a file was saved under.
CREATE TABLE catalog_stamp (
    id     INT          PRIMARY KEY CHECK (id = 1),
    stamp  VARCHAR(36)  NOT NULL
);
INSERT INTO catalog_stamp(id, stamp) VALUES (1, CAST(RANDOM_UUID() AS VARCHAR));
