/** Receipt printers: status, the journaled print queue and its job stores. */
package io.branchpos.hardware.printer;
