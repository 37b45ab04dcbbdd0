package io.branchpos.desktop.reports;

import io.branchpos.domain.auth.Permission;
import io.branchpos.desktop.manager.ActingUser;
import io.branchpos.desktop.manager.ManagerServices;
import io.branchpos.desktop.manager.Messages;
import io.branchpos.domain.report.Csv;
import io.branchpos.store.report.ReportRepository;
import io.branchpos.store.report.ReportRepository.Bucket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The reports over a date range of business days: chart series, the audit trail, CSV export. */
public final class ReportsViewModel {
    /** The series, in the order they are shown and exported. */
    public enum Series { BY_HOUR, BY_CATEGORY, BY_CASHIER, BY_TENDER, TOP_PRODUCTS, RETURNS, STOCK_VALUATION }

    private final ManagerServices services;
    private final ActingUser user;
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final Map<Series, ObservableList<Bucket>> series = new LinkedHashMap<>();
    private final ObservableList<ReportRepository.AuditRow> audit = FXCollections.observableArrayList();
    private final StringProperty message = new SimpleStringProperty("");

    public ReportsViewModel(ManagerServices services, ActingUser user, LocalDate today) {
        this.services = services;
        this.user = user;
        for (Series s : Series.values()) {
            series.put(s, FXCollections.observableArrayList());
        }
        from.set(today.minusDays(6));
        to.set(today);
    }

    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    public ObjectProperty<LocalDate> toProperty() {
        return to;
    }

    public ObservableList<Bucket> series(Series s) {
        return series.get(s);
    }

    public ObservableList<ReportRepository.AuditRow> audit() {
        return audit;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public void load() {
        if (!user.can(Permission.VIEW_REPORTS)) {
            message.set(user.refusal(Permission.VIEW_REPORTS));
            return;
        }
        LocalDate f = from.get();
        LocalDate t = to.get();
        if (f == null || t == null || t.isBefore(f)) {
            message.set("Pick a range whose end is not before its start.");
            return;
        }
        ReportRepository r = services.reports();
        services.run(() -> {
            Map<Series, List<Bucket>> m = new LinkedHashMap<>();
            m.put(Series.BY_HOUR, r.salesByHour(f, t));
            m.put(Series.BY_CATEGORY, r.salesByCategory(f, t));
            m.put(Series.BY_CASHIER, r.salesByCashier(f, t));
            m.put(Series.BY_TENDER, r.salesByTender(f, t));
            m.put(Series.TOP_PRODUCTS, r.topProducts(f, t, 10));
            m.put(Series.RETURNS, r.returns(f, t));
            m.put(Series.STOCK_VALUATION, r.stockValuation());
            return new Object[] {m, r.audit(f, t)};
        }, res -> {
            @SuppressWarnings("unchecked")
            Map<Series, List<Bucket>> m = (Map<Series, List<Bucket>>) res[0];
            m.forEach((k, v) -> series.get(k).setAll(v));
            @SuppressWarnings("unchecked")
            List<ReportRepository.AuditRow> a = (List<ReportRepository.AuditRow>) res[1];
            audit.setAll(a);
            message.set("Business days " + f + " to " + t + ".");
        }, e -> message.set(Messages.of(e)));
    }

    /** Everything shown, as one CSV (report, label, amount, quantity) in the export directory. */
    public Path exportCsv() {
        if (!user.can(Permission.VIEW_REPORTS)) {
            message.set(user.refusal(Permission.VIEW_REPORTS));
            return null;
        }
        List<List<String>> rows = new ArrayList<>();
        series.forEach((k, v) -> v.forEach(b -> rows.add(List.of(k.name(), b.label(), b.amount().toPlainString(),
                b.quantity().toPlainString()))));
        audit.forEach(a -> rows.add(List.of("AUDIT:" + a.type(), a.at() + " " + a.user() + " " + a.detail(), "", "")));
        Path file = services.exportDir().resolve("report-" + from.get() + "-" + to.get() + ".csv");
        try {
            Files.createDirectories(services.exportDir());
            Files.writeString(file, Csv.of(List.of("report", "label", "amount", "quantity"), rows), StandardCharsets.UTF_8);
            message.set("Saved " + file);
        } catch (IOException e) {
            message.set("Could not save " + file + ": " + e.getMessage() + " — check the folder and try again.");
        }
        return file;
    }
}
