package io.branchpos.desktop.dayclose;

import io.branchpos.domain.dayclose.ZReport;

/**
 * Prints a Z or X report on the receipt printer. Blocking (call it off the FX thread); returns a
 * sentence for the manager ("Z 12 printed", "Printer out of paper — …") and never throws.
 */
@FunctionalInterface
public interface ZPrinter {
    String print(ZReport report);
}
