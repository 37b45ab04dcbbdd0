/** ESC/POS: printer profiles, code pages, the low-level command writer and the receipt layout/encoder. */
package io.branchpos.hardware.escpos;
