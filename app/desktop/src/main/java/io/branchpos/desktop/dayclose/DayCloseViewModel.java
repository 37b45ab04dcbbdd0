package io.branchpos.desktop.dayclose;

import io.branchpos.domain.auth.Permission;
import io.branchpos.desktop.manager.ActingUser;
import io.branchpos.desktop.manager.ManagerServices;
import io.branchpos.desktop.manager.Messages;
import io.branchpos.desktop.reports.TextPdf;
import io.branchpos.domain.dayclose.ZReport;
import io.branchpos.domain.dayclose.ZReportText;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.report.Csv;
import io.branchpos.domain.sale.Tender;
import io.branchpos.domain.till.CashCount;
import io.branchpos.domain.till.Denominations;
import io.branchpos.domain.till.TenderVariance;
import io.branchpos.domain.till.VariancePolicy;
import io.branchpos.store.dayclose.CloseRequest;
import io.branchpos.store.dayclose.VarianceReasonRequiredException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Close the day: a BLIND count by denomination (the expected amount is not shown), then the
 * expected amounts and variances are revealed, a reason is demanded when a variance is over the
 * threshold, the manager signs off, and the Z report is shown and can be exported (PDF, CSV).
 */
public final class DayCloseViewModel {
    /** Where the flow is. */
    public enum Step { COUNT, REVIEW, DONE }

    /** A revealed line: expected, counted and variance of one tender. */
    public record VarianceRow(String tender, String expected, String counted, String variance, boolean needsReason) {
    }

    private final ManagerServices services;
    private final ActingUser user;
    private final ZPrinter printer;
    private final ObservableList<DenominationRow> cash = FXCollections.observableArrayList();
    private final StringProperty cardTotal = new SimpleStringProperty("0.00");
    private final StringProperty voucherTotal = new SimpleStringProperty("0.00");
    private final StringProperty countedCash = new SimpleStringProperty();
    private final ObjectProperty<Step> step = new SimpleObjectProperty<>(Step.COUNT);
    private final ObservableList<VarianceRow> variances = FXCollections.observableArrayList();
    private final BooleanProperty reasonRequired = new SimpleBooleanProperty(false);
    private final StringProperty reason = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final ObservableList<String> zLines = FXCollections.observableArrayList();
    private ZReport z;

    /** {@code printer} may be null when no receipt printer is configured (Print stays disabled). */
    public DayCloseViewModel(ManagerServices services, ActingUser user, ZPrinter printer) {
        this.services = services;
        this.user = user;
        this.printer = printer;
        Denominations.of(services.currency().getCurrencyCode()).forEach(d -> cash.add(new DenominationRow(d)));
        cash.forEach(r -> r.piecesProperty().addListener((o, a, b) -> countedCash.set(count().total().toPlainString())));
        countedCash.set(count().total().toPlainString());
    }

    public ObservableList<DenominationRow> cash() {
        return cash;
    }

    public StringProperty cardTotalProperty() {
        return cardTotal;
    }

    public StringProperty voucherTotalProperty() {
        return voucherTotal;
    }

    /** The counted cash total, live while counting (the expected amount stays hidden). */
    public ObservableStringValue countedCashProperty() {
        return countedCash;
    }

    public ObjectProperty<Step> stepProperty() {
        return step;
    }

    public ObservableList<VarianceRow> variances() {
        return variances;
    }

    public BooleanProperty reasonRequiredProperty() {
        return reasonRequired;
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public ObservableList<String> zLines() {
        return zLines;
    }

    public ZReport zReport() {
        return z;
    }

    /** True while the sign-off button must stay disabled. */
    public javafx.beans.binding.BooleanBinding signOffBlocked() {
        return Bindings.createBooleanBinding(() -> busy.get() || (reasonRequired.get() && reason.get().isBlank()),
                busy, reasonRequired, reason);
    }

    CashCount count() {
        CashCount c = CashCount.empty(services.currency());
        for (DenominationRow r : cash) {
            if (r.piecesProperty().get() > 0) {
                c = c.with(r.denomination(), r.piecesProperty().get());
            }
        }
        return c;
    }

    private CloseRequest request() {
        Map<Tender, Money> other = new EnumMap<>(Tender.class);
        Money card = parse(cardTotal.get());
        Money voucher = parse(voucherTotal.get());
        if (!card.isZero()) {
            other.put(Tender.CARD, card);
        }
        if (!voucher.isZero()) {
            other.put(Tender.VOUCHER, voucher);
        }
        return new CloseRequest(count(), other, reason.get(), user.userId());
    }

    private Money parse(String text) {
        String t = text == null || text.isBlank() ? "0" : text.trim().replace(',', '.');
        return Money.of(new BigDecimal(t), services.currency());
    }

    /** Ends the blind count: reveals expected amounts and variances. */
    public void reveal() {
        if (!user.can(Permission.CLOSE_DAY)) {
            message.set(user.refusal(Permission.CLOSE_DAY));
            return;
        }
        CloseRequest req;
        try {
            req = request();
        } catch (RuntimeException e) {
            message.set("Card and voucher totals must be amounts like 12.50.");
            return;
        }
        busy.set(true);
        services.run(() -> services.dayClose().preview(req), rows -> {
            busy.set(false);
            variances.setAll(rows.stream().map(DayCloseViewModel::row).toList());
            reasonRequired.set(VariancePolicy.reasonRequired(rows));
            message.set(reasonRequired.get()
                    ? "The count differs by more than " + services.dayClose().policy().threshold().toPlainString()
                            + " — recount, or give a reason to sign off."
                    : "Count accepted. Check the figures and sign off.");
            step.set(Step.REVIEW);
        }, this::failed);
    }

    /** Back to counting (e.g. to recount after seeing a variance). */
    public void recount() {
        step.set(Step.COUNT);
        variances.clear();
        reasonRequired.set(false);
        message.set("");
    }

    /** Signs off: closes the business day (Z) in one durable transaction. */
    public void signOff() {
        CloseRequest req = request();
        busy.set(true);
        services.run(() -> services.dayClose().close(req), report -> {
            busy.set(false);
            z = report;
            zLines.setAll(ZReportText.lines(report, 42));
            step.set(Step.DONE);
            message.set("Business day " + report.businessDay() + " closed — Z " + report.zNumber() + ".");
        }, e -> {
            if (e instanceof VarianceReasonRequiredException) {
                reasonRequired.set(true);
            }
            failed(e);
        });
    }

    private void failed(RuntimeException e) {
        busy.set(false);
        message.set(Messages.of(e));
    }

    private static VarianceRow row(TenderVariance v) {
        return new VarianceRow(v.tender().name(), v.expected().toPlainString(), v.counted().toPlainString(),
                v.variance().toPlainString(), v.needsReason());
    }

    public boolean canPrint() {
        return printer != null;
    }

    /** Prints the Z on the receipt printer (off the FX thread); the outcome shows as the message. */
    public void print() {
        ZReport report = z;
        if (report == null || printer == null) {
            return;
        }
        services.run(() -> printer.print(report), message::set, this::failed);
    }

    /**
     * Writes the Z as PDF into the export directory: the Z text, then its charts (sales by hour of
     * the business day, tenders, cashiers) as vector drawings; returns the file.
     */
    public Path exportPdf() {
        if (z == null) {
            throw new IllegalStateException("no Z report yet");
        }
        return write("pdf", TextPdf.of(title(), zLines, charts(z)));
    }

    private List<TextPdf.Chart> charts(ZReport r) {
        List<TextPdf.Bar> hours = services.reports().salesByHour(r.businessDay(), r.businessDay()).stream()
                .map(b -> new TextPdf.Bar(b.label(), b.amount())).toList();
        List<TextPdf.Bar> tenders = new ArrayList<>();
        r.tenders().forEach((t, m) -> tenders.add(new TextPdf.Bar(t.name(), m.amount())));
        List<TextPdf.Bar> cashiers = r.cashiers().stream()
                .map(c -> new TextPdf.Bar(c.cashierId() + " (" + c.sales() + ")", c.gross().amount())).toList();
        String day = " - " + r.businessDay();
        return List.of(new TextPdf.Chart("Sales by hour" + day, hours), new TextPdf.Chart("Tenders (net of refunds)" + day, tenders),
                new TextPdf.Chart("Sales by cashier" + day, cashiers));
    }

    /** Writes the Z as CSV (one line per figure) into the export directory; returns the file. */
    public Path exportCsv() {
        List<List<String>> rows = new ArrayList<>();
        ZReport r = z;
        rows.add(List.of("zNumber", String.valueOf(r.zNumber())));
        rows.add(List.of("businessDay", r.businessDay().toString()));
        rows.add(List.of("terminal", r.terminalId()));
        rows.add(List.of("salesCount", String.valueOf(r.salesCount())));
        rows.add(List.of("gross", r.gross().toPlainString()));
        rows.add(List.of("net", r.net().toPlainString()));
        rows.add(List.of("tax", r.tax().toPlainString()));
        rows.add(List.of("discounts", r.discounts().toPlainString()));
        rows.add(List.of("refundsCount", String.valueOf(r.refundsCount())));
        rows.add(List.of("refunds", r.refunds().toPlainString()));
        rows.add(List.of("voids", String.valueOf(r.voidsCount())));
        rows.add(List.of("noSales", String.valueOf(r.noSalesCount())));
        r.taxes().forEach(t -> rows.add(List.of("tax." + t.code() + "." + t.rate(), t.tax().toPlainString())));
        r.tenders().forEach((t, m) -> rows.add(List.of("tender." + t, m.toPlainString())));
        r.cashiers().forEach(c -> rows.add(List.of("cashier." + c.cashierId(), c.gross().toPlainString())));
        r.variances().forEach(v -> rows.add(List.of("variance." + v.tender(), v.variance().toPlainString())));
        rows.add(List.of("varianceReason", r.varianceReason() == null ? "" : r.varianceReason()));
        rows.add(List.of("signedOffBy", r.signedOffBy()));
        rows.add(List.of("unsyncedEvents", String.valueOf(r.unsyncedEvents())));
        return write("csv", Csv.of(List.of("figure", "value"), rows).getBytes(StandardCharsets.UTF_8));
    }

    private String title() {
        return "Z " + z.zNumber() + " " + z.terminalId() + " " + z.businessDay();
    }

    private Path write(String ext, byte[] bytes) {
        if (z == null) {
            throw new IllegalStateException("no Z report yet");
        }
        try {
            Files.createDirectories(services.exportDir());
            Path file = services.exportDir().resolve(String.format("Z-%s-%05d.%s", z.terminalId(), z.zNumber(), ext));
            Files.write(file, bytes);
            message.set("Saved " + file);
            return file;
        } catch (IOException e) {
            message.set("Could not save the " + ext.toUpperCase() + " to " + services.exportDir() + ": " + e.getMessage()
                    + " — check the folder and try again.");
            throw new UncheckedIOException(e);
        }
    }
}
