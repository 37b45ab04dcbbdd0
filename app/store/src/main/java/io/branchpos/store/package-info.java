/**
 * The terminal's local database (H2 + Hibernate + Flyway): catalog, sales, and the journal that
 * is written in the same transaction as every state change, forced to disk before it counts.
 */
package io.branchpos.store;
