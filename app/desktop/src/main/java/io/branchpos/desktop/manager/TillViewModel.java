package io.branchpos.desktop.manager;

import io.branchpos.domain.auth.Permission;
import io.branchpos.desktop.dayclose.DenominationRow;
import io.branchpos.domain.dayclose.ZReportText;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.till.CashCount;
import io.branchpos.domain.till.CashMovement;
import io.branchpos.domain.till.CashMovementKind;
import io.branchpos.domain.till.Denominations;
import java.math.BigDecimal;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The till screen: open the till with a counted float, pay-in / pay-out / safe drop, X report. */
public final class TillViewModel {
    private final ManagerServices services;
    private final ActingUser user;
    private final io.branchpos.desktop.dayclose.ZPrinter printer;
    private io.branchpos.domain.dayclose.ZReport lastX;
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty open = new SimpleBooleanProperty(false);
    private final ObservableList<DenominationRow> floatCount = FXCollections.observableArrayList();
    private final ObjectProperty<CashMovementKind> kind = new SimpleObjectProperty<>(CashMovementKind.PAY_IN);
    private final StringProperty amount = new SimpleStringProperty("");
    private final StringProperty reason = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final ObservableList<String> xReport = FXCollections.observableArrayList();

    /** {@code printer} may be null when no receipt printer is configured. */
    public TillViewModel(ManagerServices services, ActingUser user, io.branchpos.desktop.dayclose.ZPrinter printer) {
        this.services = services;
        this.user = user;
        this.printer = printer;
        Denominations.of(services.currency().getCurrencyCode()).forEach(d -> floatCount.add(new DenominationRow(d)));
    }

    public StringProperty statusProperty() {
        return status;
    }

    public BooleanProperty openProperty() {
        return open;
    }

    public ObservableList<DenominationRow> floatCount() {
        return floatCount;
    }

    public ObjectProperty<CashMovementKind> kindProperty() {
        return kind;
    }

    public StringProperty amountProperty() {
        return amount;
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public ObservableList<String> xReport() {
        return xReport;
    }

    /** Reloads the till state and the X report (reads only; resets nothing). */
    public void refresh() {
        services.run(() -> new Object[] {services.till().current(), services.dayClose().xReport()}, r -> {
            @SuppressWarnings("unchecked")
            var session = (java.util.Optional<io.branchpos.domain.till.TillSession>) r[0];
            open.set(session.isPresent());
            status.set(session.map(s -> "Till open since " + s.openedAt().atZone(services.zone()).toLocalTime()
                    .withNano(0) + " by " + s.openedBy() + ", float "
                    + s.openingFloat().toPlainString()).orElse("Till closed — count the float to open it."));
            lastX = (io.branchpos.domain.dayclose.ZReport) r[1];
            xReport.setAll(ZReportText.lines(lastX, 42));
        }, e -> message.set(Messages.of(e)));
    }

    public boolean canPrint() {
        return printer != null;
    }

    /** Prints the X report shown (reads only; resets nothing). */
    public void printX() {
        var x = lastX;
        if (x != null && printer != null) {
            services.run(() -> printer.print(x), message::set, e -> message.set(Messages.of(e)));
        }
    }

    public void openTill() {
        CashCount c = CashCount.empty(services.currency());
        for (DenominationRow r : floatCount) {
            if (r.piecesProperty().get() > 0) {
                c = c.with(r.denomination(), r.piecesProperty().get());
            }
        }
        CashCount count = c;
        services.run(() -> services.till().open(user.userId(), count), s -> {
            message.set("Till opened with a float of " + s.openingFloat().toPlainString() + ".");
            refresh();
        }, e -> message.set(Messages.of(e)));
    }

    /** Records the pay-in, pay-out or drop typed in. */
    public void record() {
        if (!user.can(Permission.CASH_MOVEMENTS)) {
            message.set(user.refusal(Permission.CASH_MOVEMENTS));
            return;
        }
        CashMovement m;
        try {
            Money money = Money.of(new BigDecimal(amount.get().trim().replace(',', '.')), services.currency());
            m = new CashMovement(kind.get(), money, reason.get());
        } catch (NumberFormatException e) {
            message.set("Type the amount like 20.00.");
            return;
        } catch (IllegalArgumentException e) {
            message.set(Messages.of(e));
            return;
        }
        services.run(() -> services.cash().record(m, user.userId()), rec -> {
            message.set(label(rec.kind()) + " of " + rec.amount().toPlainString() + " recorded.");
            amount.set("");
            reason.set("");
            refresh();
        }, e -> message.set(Messages.of(e)));
    }

    static String label(CashMovementKind k) {
        return switch (k) {
            case PAY_IN -> "Pay-in";
            case PAY_OUT -> "Pay-out";
            case DROP -> "Safe drop";
        };
    }
}
