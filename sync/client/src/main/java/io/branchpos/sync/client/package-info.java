/** Drains the local journal to HQ and pulls the catalog feed; knows the store only through a port. */
package io.branchpos.sync.client;
