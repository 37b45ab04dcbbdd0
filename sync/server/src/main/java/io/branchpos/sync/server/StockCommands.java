package io.branchpos.sync.server;

import io.branchpos.sync.server.stock.StockDocuments;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * HQ stock commands: {@code stock po}, {@code stock cancel-po}, {@code stock recall-transfer} and
 * {@code stock baseline}; only the addressed branch's feed carries them.
 */
final class StockCommands {
    private StockCommands() {
    }

    @Command(name = "stock", mixinStandardHelpOptions = true, subcommands = {PurchaseOrder.class, CancelPurchaseOrder.class, RecallTransfer.class, Baseline.class},
            description = "Stock documents HQ sends to one branch (purchase orders, transfer recalls, baselines).")
    static final class Stock implements Runnable {
        @Override
        public void run() {
            picocli.CommandLine.usage(this, System.err);
        }
    }

    @Command(name = "po", mixinStandardHelpOptions = true,
            description = "Create a purchase order for a branch; its terminals can receive against it.")
    static final class PurchaseOrder implements Callable<Integer> {
        @Mixin
        ServerMain.DbOptions db;
        @Spec
        CommandSpec spec;
        @Option(names = "--branch", required = true)
        String branch;
        @Option(names = "--ref", required = true, description = "the order's reference, e.g. PO-2026-0042")
        String reference;
        @Option(names = "--supplier", required = true)
        String supplier;
        @Option(names = "--line", required = true, description = "SKU=QUANTITY, repeatable, e.g. --line S000007=24")
        List<String> lines;

        @Override
        public Integer call() throws Exception {
            Map<String, BigDecimal> parsed = new LinkedHashMap<>();
            for (String l : lines) {
                int eq = l.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--line must be SKU=QUANTITY, not " + l);
                }
                try {
                    parsed.merge(l.substring(0, eq).strip(), new BigDecimal(l.substring(eq + 1).strip()), BigDecimal::add);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--line " + l + ": the quantity is not a number");
                }
            }
            return db.withMigrated(spec, ds -> {
                StockDocuments.write(ds, d -> {
                    d.createPurchaseOrder(reference, branch, supplier, parsed);
                    return null;
                });
                spec.commandLine().getOut().println("purchase order " + reference + " for " + branch + " from " + supplier
                        + " (" + parsed.size() + " lines) is in the branch's feed");
                return 0;
            });
        }
    }

    /** A change to one stock document, made once: running it again changes nothing and says so. */
    abstract static class OnceOnADocument implements Callable<Integer> {
        @Mixin
        ServerMain.DbOptions db;
        @Spec
        CommandSpec spec;
        @Option(names = "--by", defaultValue = "${sys:user.name}")
        String by;

        /** Makes the change in {@code docs}' transaction; false when it was already made. */
        abstract boolean change(StockDocuments docs) throws SQLException;

        abstract String changed();

        abstract String unchanged();

        @Override
        public Integer call() throws Exception {
            return db.withMigrated(spec, ds -> {
                boolean changed = StockDocuments.write(ds, this::change);
                spec.commandLine().getOut().println(changed ? changed() : unchanged());
                return 0;
            });
        }
    }

    @Command(name = "cancel-po", mixinStandardHelpOptions = true,
            description = "Cancel a purchase order its branch has not received; its terminals stop offering it.")
    static final class CancelPurchaseOrder extends OnceOnADocument {
        @Option(names = "--ref", required = true, description = "the order's reference, e.g. PO-2026-0042")
        String reference;

        @Override
        boolean change(StockDocuments docs) throws SQLException {
            return docs.cancelPurchaseOrder(reference, by);
        }

        @Override
        String changed() {
            return "purchase order " + reference + " is cancelled; the branch's terminals stop offering it";
        }

        @Override
        String unchanged() {
            return "purchase order " + reference + " was already cancelled; nothing changed";
        }
    }

    @Command(name = "recall-transfer", mixinStandardHelpOptions = true,
            description = "Recall a transfer still in transit: the receiving branch stops offering it and the sending branch "
                    + "gets a transfer back (reference + -BACK) to receive when the goods return.")
    static final class RecallTransfer extends OnceOnADocument {
        @Option(names = "--ref", required = true, description = "the transfer's reference, e.g. TR-T-A1-1f2e3d4c")
        String reference;

        @Override
        boolean change(StockDocuments docs) throws SQLException {
            return docs.recallTransfer(reference, by);
        }

        @Override
        String changed() {
            return "transfer " + reference + " is recalled; its goods come back as " + StockDocuments.returnReference(reference)
                    + ", to be received at the sending branch";
        }

        @Override
        String unchanged() {
            return "transfer " + reference + " was already recalled; nothing changed";
        }
    }

    @Command(name = "baseline", mixinStandardHelpOptions = true,
            description = "Set a branch's on-hand of one SKU at an instant; the terminal journals the difference, keeping later sales.")
    static final class Baseline implements Callable<Integer> {
        @Mixin
        ServerMain.DbOptions db;
        @Spec
        CommandSpec spec;
        @Option(names = "--branch", required = true)
        String branch;
        @Option(names = "--sku", required = true)
        String sku;
        @Option(names = "--quantity", required = true)
        BigDecimal quantity;
        @Option(names = "--at", description = "ISO instant the figure was true, e.g. 2026-11-22T06:00:00Z (default: now)")
        Instant at;
        @Option(names = "--by", defaultValue = "${sys:user.name}")
        String by;

        @Override
        public Integer call() throws Exception {
            return db.withMigrated(spec, ds -> {
                Instant asOf = at == null ? Instant.now() : at;
                long id = StockDocuments.write(ds, d -> d.setBaseline(branch, sku, quantity, asOf, by));
                spec.commandLine().getOut().println("baseline " + id + ": " + sku + " at " + branch + " was "
                        + quantity.toPlainString() + " at " + asOf);
                return 0;
            });
        }
    }
}
