/** Parked sales, whole-sale voids and no-sale drawer events, each journaled in the same transaction. */
package io.branchpos.store.park;
