/** The terminal's end of HQ's catalog feed: the store-backed sink, the puller's wiring, bootstrap progress. */
package io.branchpos.desktop.feed;
