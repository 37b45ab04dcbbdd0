/** The printer-independent receipt document that the desktop fills from a sale. */
package io.branchpos.hardware.receipt;
