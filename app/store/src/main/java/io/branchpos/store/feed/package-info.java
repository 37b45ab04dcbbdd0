/** Applies HQ's catalog feed to the terminal's store: one page and its cursor per transaction. */
package io.branchpos.store.feed;
