package io.branchpos.sync.server;

import io.branchpos.sync.server.catalog.CatalogImporter;
import io.branchpos.sync.server.catalog.CatalogService;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** HQ catalog commands: {@code catalog import} and {@code price set}. Terminals hear of the change within seconds. */
final class CatalogCommands {
    private CatalogCommands() {
    }

    @Command(name = "catalog", mixinStandardHelpOptions = true, subcommands = {Import.class, ConfirmRemoval.class},
            description = "HQ's catalog (products, barcodes, prices, taxes).")
    static final class Catalog implements Runnable {
        @Override
        public void run() {
            picocli.CommandLine.usage(this, System.err);
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import a CSV or JSON file in one transaction; any bad row and nothing is imported.")
    static final class Import implements Callable<Integer> {
        @Mixin
        ServerMain.DbOptions db;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "FILE", description = "products or taxes, .csv or .json (see docs/feed.md)")
        Path file;
        @Option(names = "--dry-run", description = "check every row and report, change nothing")
        boolean dryRun;
        @Option(names = "--by", defaultValue = "${sys:user.name}", description = "who imports (recorded with prices)")
        String by;

        @Override
        public Integer call() throws Exception {
            return db.withMigrated(spec, ds -> {
                CatalogImporter.Report r = new CatalogImporter(ds, Instant.now()).importFile(file, dryRun, by);
                r.problems().forEach(p -> spec.commandLine().getOut().println(p));
                if (!r.ok()) {
                    spec.commandLine().getOut().println(r.problems().size() + " problem(s); nothing was imported. Fix the lines above and run again.");
                    return 1;
                }
                spec.commandLine().getOut().println((r.dryRun() ? "dry run OK, would import " : "imported ") + r.taxes() + " tax rates, "
                        + r.products() + " products, " + r.prices() + " price changes");
                return 0;
            });
        }
    }

    @Command(name = "confirm-removal", mixinStandardHelpOptions = true,
            description = "Mark the products deactivated since an instant as an intended mass removal: terminals that "
                    + "refused the change (\"would deactivate most of the catalog\") apply it at their next pull.")
    static final class ConfirmRemoval implements Callable<Integer> {
        @Mixin
        ServerMain.DbOptions db;
        @Spec
        CommandSpec spec;
        @Option(names = "--since", required = true, description = "ISO instant; deactivations sent to the feed from then on, "
                + "e.g. the start of the import that removed them: 2026-11-22T06:00:00Z")
        Instant since;
        @Option(names = "--by", defaultValue = "${sys:user.name}")
        String by;

        @Override
        public Integer call() throws Exception {
            return db.withMigrated(spec, ds -> {
                int marked = new CatalogService(ds).write(by, c -> c.markDeactivationsIntended(since));
                spec.commandLine().getOut().println(marked == 0
                        ? "no unconfirmed deactivations since " + since + "; nothing changed"
                        : "marked " + marked + " deactivation(s) since " + since + " as intended; terminals that refused them "
                                + "apply them at their next pull");
                return 0;
            });
        }
    }

    @Command(name = "price", mixinStandardHelpOptions = true, subcommands = SetPrice.class, description = "Prices at HQ.")
    static final class Price implements Runnable {
        @Override
        public void run() {
            picocli.CommandLine.usage(this, System.err);
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Set a product's price now, or from a future instant (a scheduled change).")
    static final class SetPrice implements Callable<Integer> {
        @Mixin
        ServerMain.DbOptions db;
        @Spec
        CommandSpec spec;
        @Option(names = "--sku", required = true)
        String sku;
        @Option(names = "--price", required = true, description = "e.g. 1.99")
        BigDecimal price;
        @Option(names = "--from", description = "ISO instant it takes effect, e.g. 2026-12-01T06:00:00Z (default: now)")
        Instant from;
        @Option(names = "--by", defaultValue = "${sys:user.name}")
        String by;

        @Override
        public Integer call() throws Exception {
            return db.withMigrated(spec, ds -> {
                Instant at = from == null ? Instant.now() : from;
                long version = new CatalogService(ds).write(by, c -> c.setPrice(sku, price, at));
                spec.commandLine().getOut().println("price of " + sku + " is " + price.toPlainString() + " from " + at + " (price version " + version + ")");
                return 0;
            });
        }
    }
}
