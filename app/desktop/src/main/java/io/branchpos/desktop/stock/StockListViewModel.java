package io.branchpos.desktop.stock;

import io.branchpos.domain.auth.Permission;
import io.branchpos.desktop.manager.ActingUser;
import io.branchpos.desktop.manager.ManagerServices;
import io.branchpos.desktop.manager.Messages;
import io.branchpos.domain.stock.AdjustmentReason;
import io.branchpos.store.stock.StockRepository;
import java.math.BigDecimal;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** On hand, low stock, the movement history of one SKU, adjustments and transfers out. */
public final class StockListViewModel {
    /** A line of the movement history. */
    public record HistoryRow(String at, String kind, String quantity, String reference, String reason) {
    }

    private final ManagerServices services;
    private final ActingUser user;
    private final ObservableList<StockRepository.OnHandRow> rows = FXCollections.observableArrayList();
    private final BooleanProperty lowOnly = new SimpleBooleanProperty(false);
    private final StringProperty sku = new SimpleStringProperty("");
    private final ObservableList<HistoryRow> history = FXCollections.observableArrayList();
    private final StringProperty quantity = new SimpleStringProperty("");
    private final ObjectProperty<AdjustmentReason> reason = new SimpleObjectProperty<>(AdjustmentReason.DAMAGE);
    private final StringProperty toBranch = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty reorderPoint = new SimpleStringProperty("");

    public StockListViewModel(ManagerServices services, ActingUser user) {
        this.services = services;
        this.user = user;
        lowOnly.addListener((o, a, b) -> refresh());
    }

    public ObservableList<StockRepository.OnHandRow> rows() {
        return rows;
    }

    public BooleanProperty lowOnlyProperty() {
        return lowOnly;
    }

    public StringProperty skuProperty() {
        return sku;
    }

    public ObservableList<HistoryRow> history() {
        return history;
    }

    public StringProperty quantityProperty() {
        return quantity;
    }

    public ObjectProperty<AdjustmentReason> reasonProperty() {
        return reason;
    }

    public StringProperty toBranchProperty() {
        return toBranch;
    }

    public StringProperty reorderPointProperty() {
        return reorderPoint;
    }

    /** Sets the reorder point of the SKU (it shows on the low-stock list at or below it). */
    public void setReorderPoint() {
        BigDecimal point;
        try {
            point = new BigDecimal(reorderPoint.get().trim().replace(',', '.'));
        } catch (NumberFormatException e) {
            message.set("Type the reorder point as a number, e.g. 6.");
            return;
        }
        if (point.signum() < 0 || !user.can(Permission.ADJUST_STOCK)) {
            message.set(point.signum() < 0 ? "A reorder point cannot be negative." : user.refusal(Permission.ADJUST_STOCK));
            return;
        }
        String s = sku.get().trim();
        services.run(() -> {
            services.stock().setReorderPoint(s, point, point.multiply(BigDecimal.valueOf(2)));
            return s;
        }, x -> {
            message.set(s + " reorders at " + point.stripTrailingZeros().toPlainString() + ".");
            refresh();
        }, e -> message.set(Messages.of(e)));
    }

    public StringProperty messageProperty() {
        return message;
    }

    public void refresh() {
        boolean low = lowOnly.get();
        services.run(() -> low ? services.stock().lowStock() : services.stock().onHandList(), rows::setAll,
                e -> message.set(Messages.of(e)));
    }

    /** Shows the movement history of the SKU in {@link #skuProperty()}. */
    public void showHistory() {
        String s = sku.get().trim();
        services.run(() -> services.stock().history(s), ms -> history.setAll(ms.stream().map(m -> new HistoryRow(
                m.at().atZone(services.zone()).toLocalDateTime().toString(), m.kind().name(),
                m.quantity().stripTrailingZeros().toPlainString(), m.reference() == null ? "" : m.reference(),
                m.reason() == null ? "" : m.reason())).toList()), e -> message.set(Messages.of(e)));
    }

    /** Adjusts the SKU by the signed quantity typed in, with the chosen reason. */
    public void adjust() {
        BigDecimal q = parse();
        if (q == null || !user.can(Permission.ADJUST_STOCK)) {
            message.set(q == null ? "Type the change as a signed number, e.g. -2." : user.refusal(Permission.ADJUST_STOCK));
            return;
        }
        String s = sku.get().trim();
        AdjustmentReason r = reason.get();
        services.run(() -> services.stock().adjust(s, q, r, null, user.userId()), m -> {
            message.set(s + " adjusted by " + q.toPlainString() + " (" + r + ").");
            refresh();
            showHistory();
        }, e -> message.set(Messages.of(e)));
    }

    /** Sends the quantity typed in to another branch. */
    public void transfer() {
        if (!user.can(Permission.ADJUST_STOCK)) {
            message.set(user.refusal(Permission.ADJUST_STOCK));
            return;
        }
        BigDecimal q = parse();
        String to = toBranch.get().trim();
        if (q == null || q.signum() <= 0 || to.isEmpty()) {
            message.set("Type a positive quantity and the receiving branch.");
            return;
        }
        String s = sku.get().trim();
        services.run(() -> services.stock().transferOut(to, Map.of(s, q), user.userId()), ms -> {
            message.set(q.toPlainString() + " × " + s + " sent to " + to + " (in transit until received).");
            refresh();
            showHistory();
        }, e -> message.set(Messages.of(e)));
    }

    private BigDecimal parse() {
        try {
            return new BigDecimal(quantity.get().trim().replace(',', '.'));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
