/** Pure business rules of a branch till: money, tax, catalog, sales and refunds. JDK only. */
package io.branchpos.domain;
