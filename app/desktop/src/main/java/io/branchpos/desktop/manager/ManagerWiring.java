package io.branchpos.desktop.manager;

import io.branchpos.desktop.AppContext;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.till.BusinessDayRule;
import io.branchpos.domain.till.VariancePolicy;
import io.branchpos.store.dayclose.DayCloseRepository;
import io.branchpos.store.report.ReportRepository;
import io.branchpos.store.stock.StockRepository;
import io.branchpos.store.till.CashRepository;
import io.branchpos.store.till.TillRepository;
import io.branchpos.domain.stock.ReceiptLine;
import java.math.BigDecimal;
import io.branchpos.desktop.dayclose.EscPosZPrinter;
import io.branchpos.desktop.dayclose.ZPrinter;
import io.branchpos.hardware.escpos.PrinterProfile;
import io.branchpos.hardware.escpos.ReceiptEncoder;
import io.branchpos.hardware.printer.EscPosPrinter;
import io.branchpos.hardware.printer.ReceiptPrinter;
import io.branchpos.hardware.transport.PrinterTransports;
import io.branchpos.hardware.transport.TcpTransport;
import io.branchpos.hardware.virtual.VirtualPrinter;
import java.time.Duration;
import java.time.LocalTime;
import org.slf4j.LoggerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.ZoneId;
import java.util.Currency;
import java.util.concurrent.Executor;

/**
 * Builds {@link ManagerServices} from the running app. Settings (with their defaults):
 * {@code currency} (EUR), {@code close.variance.threshold} (5.00), {@code business.day.rollover} (04:00).
 */
public final class ManagerWiring {
    private ManagerWiring() {
    }

    public static ManagerServices services(AppContext app, Executor ui) {
        var config = app.config();
        Currency currency = Currency.getInstance(config.get("currency", "EUR"));
        ZoneId zone = app.clock().getZone();
        var store = app.store();
        ManagerServices services = new ManagerServices(store, app.catalog(), new TillRepository(store), new CashRepository(store),
                new DayCloseRepository(store, currency,
                        new VariancePolicy(Money.of(config.get("close.variance.threshold", "5.00"), currency)),
                        new BusinessDayRule(zone, LocalTime.parse(config.get("business.day.rollover", "04:00")))),
                new StockRepository(store), new ReportRepository(store, zone), currency, zone,
                config.dataDir().resolve("exports"), app.storeExecutor(), ui);
        if (config.demo()) {
            app.storeExecutor().execute(() -> seedDemo(services));
        }
        return services;
    }

    /**
     * First time in the demo: some stock on hand, reorder points, a purchase order and an incoming
     * transfer to receive — so every stock screen has something to show. Journaled like real work.
     */
    static void seedDemo(ManagerServices s) {
        StockRepository stock = s.stock();
        if (!stock.onHandList().isEmpty() || !stock.openDeliveries().isEmpty()) {
            return;
        }
        List<ReceiptLine> baseline = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            baseline.add(new ReceiptLine(String.format("%06d", i), null, BigDecimal.valueOf(6 + (i * 7) % 30), null));
        }
        stock.receive(null, baseline, "demo");
        for (int i = 1; i <= 40; i++) {
            stock.setReorderPoint(String.format("%06d", i), BigDecimal.valueOf(i % 4 == 0 ? 20 : 6), BigDecimal.valueOf(24));
        }
        stock.announce("PO-DEMO-1", "PO", "Fresh Foods GmbH", Map.of("000001", new BigDecimal("24"),
                "000002", new BigDecimal("12"), "000005", new BigDecimal("6")));
        stock.announce("TR-B002-7", "TRANSFER", "B-002", Map.of("000010", new BigDecimal("4")));
    }

    private static ZPrinter printer;

    /**
     * The receipt printer for X/Z reports from the {@code printer} setting: {@code virtual} (the demo
     * default) starts the virtual printer once, which renders each job to
     * {@code <data dir>/virtual-printer/job-NNNN.png}; anything else is a transport URI
     * ({@code tcp://host:9100}, {@code serial:/dev/ttyUSB0}, …). Null when unset or unusable.
     */
    public static synchronized ZPrinter printer(AppContext app, VirtualPrinter shared) {
        if (printer != null) {
            return printer;
        }
        String setting = app.config().get(io.branchpos.desktop.config.AppConfig.PRINTER, "");
        PrinterProfile profile = PrinterProfile.load(app.config().get("printer.profile", "generic-80mm"));
        try {
            ReceiptPrinter device;
            if (setting.isBlank()) {
                return null;
            } else if (setting.equals("virtual")) {
                // the same virtual paper roll as the receipts when the till already started one
                VirtualPrinter virtual = shared != null ? shared
                        : VirtualPrinter.start(profile, 0, app.config().dataDir().resolve("virtual-printer"));
                device = EscPosPrinter.over(new TcpTransport(virtual.host(), virtual.port(), Duration.ofSeconds(2)));
            } else {
                device = EscPosPrinter.over(PrinterTransports.fromUri(setting));
            }
            printer = new EscPosZPrinter(device, new ReceiptEncoder(profile));
            return printer;
        } catch (java.io.IOException | RuntimeException e) {
            LoggerFactory.getLogger(ManagerWiring.class).warn("no receipt printer for reports ({}): {}", setting,
                    e.getMessage());
            return null;
        }
    }

}
