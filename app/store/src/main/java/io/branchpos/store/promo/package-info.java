/** Promotions received from HQ's feed, as the checkout reads them. */
package io.branchpos.store.promo;
