/** Scanned-code parsing (EAN/UPC/GTIN, GS1, variable measure, receipt QR) and keyboard-wedge burst detection. */
package io.branchpos.hardware.scan;
