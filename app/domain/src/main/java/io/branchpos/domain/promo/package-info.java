/** Promotions HQ defines (percent/amount off, buy X get Y, mix and match) and the engine that applies them to a ticket. */
package io.branchpos.domain.promo;
