package io.branchpos.desktop.manager;

import io.branchpos.store.LocalStore;
import io.branchpos.store.catalog.CatalogRepository;
import io.branchpos.store.dayclose.DayCloseRepository;
import io.branchpos.store.report.ReportRepository;
import io.branchpos.store.stock.StockRepository;
import io.branchpos.store.till.CashRepository;
import io.branchpos.store.till.TillRepository;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Currency;
import java.util.concurrent.Executor;

/**
 * What the manager screens need: the repositories, where database work runs ({@code background},
 * one thread in the app) and where its results are applied ({@code ui}: the FX thread in the app,
 * the calling thread in view-model tests), and where exports go.
 */
public record ManagerServices(LocalStore store, CatalogRepository catalog, TillRepository till, CashRepository cash,
        DayCloseRepository dayClose, StockRepository stock, ReportRepository reports, Currency currency, ZoneId zone,
        Path exportDir, Executor background, Executor ui) {

    /** Runs {@code work} in the background and hands its result, or its failure, to the UI thread. */
    public <T> void run(java.util.function.Supplier<T> work, java.util.function.Consumer<T> done,
            java.util.function.Consumer<RuntimeException> failed) {
        background.execute(() -> {
            T result;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ManagerServices.class).warn("manager task failed", e);
                ui.execute(() -> failed.accept(e));
                return;
            }
            ui.execute(() -> done.accept(result));
        });
    }
}
