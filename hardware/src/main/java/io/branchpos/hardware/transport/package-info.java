/** Byte links to devices: TCP 9100, serial (jSerialComm), device file, OS spooler. */
package io.branchpos.hardware.transport;
