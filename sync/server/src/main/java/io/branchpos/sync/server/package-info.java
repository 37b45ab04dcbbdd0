/** The central server: ingest of terminal batches into PostgreSQL, catalog feed, operator API. */
package io.branchpos.sync.server;
