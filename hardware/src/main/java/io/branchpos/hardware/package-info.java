/** Scanners, ESC/POS receipt printers, cash drawer, customer display and scale, with their transports. */
package io.branchpos.hardware;
