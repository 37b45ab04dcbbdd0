/** The virtual network printer: demo mode, receipt preview and the printer tests' peer. */
package io.branchpos.hardware.virtual;
