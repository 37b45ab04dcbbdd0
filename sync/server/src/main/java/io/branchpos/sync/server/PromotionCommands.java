package io.branchpos.sync.server;

import io.branchpos.sync.server.catalog.CatalogService;
import io.branchpos.sync.server.catalog.PromotionChanges;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code promotion set} and {@code promotion end}: HQ's promotions, carried to every terminal by the feed. */
final class PromotionCommands {
    private PromotionCommands() {
    }

    @Command(name = "promotion", mixinStandardHelpOptions = true, subcommands = {Set.class, End.class},
            description = "Promotions at HQ (percent/amount off, buy X get Y, mix and match).")
    static final class Promotion implements Runnable {
        @Override
        public void run() {
            picocli.CommandLine.usage(this, System.err);
        }
    }

    /** Exactly one kind of promotion per command. */
    static final class Kind {
        @Option(names = "--percent-off", description = "percent off each item, e.g. 25")
        BigDecimal percentOff;
        @Option(names = "--amount-off", description = "amount off each item (per kg for weighed goods), e.g. 0.50")
        BigDecimal amountOff;
        @Option(names = "--buy", description = "buy X … (with --get)")
        Integer buy;
        @Option(names = "--any", description = "any N items … (with --for)")
        Integer any;
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Create a promotion, or publish a new version of it (same --id). Terminals apply it from --from until --until.")
    static final class Set implements Callable<Integer> {
        @Mixin
        ServerMain.DbOptions db;
        @Spec
        CommandSpec spec;
        @Option(names = "--id", required = true, description = "stays the same over versions, e.g. XMAS-WINE")
        String id;
        @Option(names = "--name", required = true, description = "shown on the ticket and receipt")
        String name;
        @ArgGroup(exclusive = true, multiplicity = "1")
        Kind kind;
        @Option(names = "--get", description = "… get Y (with --buy)")
        Integer get;
        @Option(names = "--get-percent-off", defaultValue = "100", description = "what the Y items get off, 100 = free (default)")
        BigDecimal getPercentOff;
        @Option(names = "--for", description = "… for this price (with --any)")
        BigDecimal forPrice;
        @Option(names = "--sku", description = "a product it applies to (repeat for several)")
        List<String> skus = new ArrayList<>();
        @Option(names = "--category", description = "every product of this category")
        String category;
        @Option(names = "--currency", defaultValue = "EUR")
        String currency;
        @Option(names = "--from", description = "ISO instant it starts, e.g. 2026-12-01T06:00:00Z (default: now)")
        Instant from;
        @Option(names = "--until", description = "ISO instant it ends (exclusive; default: open-ended)")
        Instant until;
        @Option(names = "--by", defaultValue = "${sys:user.name}")
        String by;

        @Override
        public Integer call() throws Exception {
            String k;
            BigDecimal percent = null;
            if (kind.percentOff != null) {
                k = "PERCENT_OFF";
                percent = kind.percentOff;
            } else if (kind.amountOff != null) {
                k = "AMOUNT_OFF";
            } else if (kind.buy != null) {
                k = "BUY_X_GET_Y";
                percent = getPercentOff;
            } else {
                k = "MIX_AND_MATCH";
            }
            PromotionChanges.Definition d = new PromotionChanges.Definition(id, name, k, skus, category, percent,
                    kind.amountOff, kind.buy, get, kind.any, forPrice, currency, from == null ? Instant.now() : from, until);
            return db.withMigrated(spec, ds -> {
                try {
                    long version = new CatalogService(ds).write(by, c -> c.promotions().upsert(d));
                    spec.commandLine().getOut().println("promotion " + id + " version " + version + " valid from " + d.validFrom()
                            + (until == null ? "" : " until " + until));
                    return 0;
                } catch (IllegalArgumentException e) {
                    spec.commandLine().getErr().println("promotion not saved: " + e.getMessage());
                    return 1;
                }
            });
        }
    }

    @Command(name = "end", mixinStandardHelpOptions = true,
            description = "End a promotion now (or at --at): a new version whose window closes then.")
    static final class End implements Callable<Integer> {
        @Mixin
        ServerMain.DbOptions db;
        @Spec
        CommandSpec spec;
        @Option(names = "--id", required = true)
        String id;
        @Option(names = "--at", description = "ISO instant (default: now)")
        Instant at;
        @Option(names = "--by", defaultValue = "${sys:user.name}")
        String by;

        @Override
        public Integer call() throws Exception {
            return db.withMigrated(spec, ds -> {
                try {
                    Instant when = at == null ? Instant.now() : at;
                    long version = new CatalogService(ds).write(by, c -> c.promotions().end(id, when));
                    spec.commandLine().getOut().println("promotion " + id + " ends at " + when + " (version " + version + ")");
                    return 0;
                } catch (IllegalArgumentException e) {
                    spec.commandLine().getErr().println("promotion not ended: " + e.getMessage());
                    return 1;
                }
            });
        }
    }
}
