package io.branchpos.desktop.stock;

import io.branchpos.domain.auth.Permission;
import io.branchpos.desktop.manager.ActingUser;
import io.branchpos.desktop.manager.ManagerServices;
import io.branchpos.desktop.manager.Messages;
import io.branchpos.domain.stock.ReceiptLine;
import io.branchpos.store.stock.StockRepository;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Receiving goods: pick an announced delivery (purchase order or incoming transfer) and enter what
 * arrived and what was damaged per line, or receive freely by scanning SKUs.
 */
public final class ReceiveViewModel {
    /** One editable line. Expected is empty for a free receipt. */
    public static final class Line {
        private final String sku;
        private final String expected;
        private final StringProperty received;
        private final StringProperty damaged = new SimpleStringProperty("0");

        Line(String sku, String expected, String received) {
            this.sku = sku;
            this.expected = expected;
            this.received = new SimpleStringProperty(received);
        }

        public String sku() {
            return sku;
        }

        public String expected() {
            return expected;
        }

        public StringProperty receivedProperty() {
            return received;
        }

        public StringProperty damagedProperty() {
            return damaged;
        }
    }

    private static final String FREE = "(free receipt)";

    private final ManagerServices services;
    private final ActingUser user;
    private final ObservableList<String> deliveries = FXCollections.observableArrayList();
    private final ObjectProperty<String> delivery = new SimpleObjectProperty<>(FREE);
    private final ObservableList<Line> lines = FXCollections.observableArrayList();
    private final StringProperty scan = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private List<StockRepository.ExpectedLine> open = List.of();

    public ReceiveViewModel(ManagerServices services, ActingUser user) {
        this.services = services;
        this.user = user;
        delivery.addListener((o, a, b) -> selectDelivery(b));
    }

    public ObservableList<String> deliveries() {
        return deliveries;
    }

    public ObjectProperty<String> deliveryProperty() {
        return delivery;
    }

    public ObservableList<Line> lines() {
        return lines;
    }

    public StringProperty scanProperty() {
        return scan;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public void refresh() {
        services.run(() -> services.stock().openDeliveries(), ds -> {
            open = ds;
            List<String> refs = new ArrayList<>();
            refs.add(FREE);
            ds.stream().map(d -> d.reference() + " — " + d.kind() + " from " + d.source()).distinct().forEach(refs::add);
            deliveries.setAll(refs);
            selectDelivery(delivery.get());
        }, e -> message.set(Messages.of(e)));
    }

    private String reference() {
        String d = delivery.get();
        return d == null || d.equals(FREE) ? null : d.substring(0, d.indexOf(" — "));
    }

    private void selectDelivery(String d) {
        String ref = reference();
        lines.clear();
        if (ref != null) {
            open.stream().filter(x -> x.reference().equals(ref)).forEach(x -> lines.add(new Line(x.sku(),
                    plain(x.expected()), plain(x.expected()))));
        }
    }

    /** Adds one piece of a scanned SKU or barcode (a free receipt line, or an unexpected item). */
    public void submitScan() {
        String code = scan.get() == null ? "" : scan.get().trim();
        scan.set("");
        if (code.isEmpty()) {
            return;
        }
        services.run(() -> services.catalog().findByBarcode(code).or(() -> services.catalog().findBySku(code)), p -> {
            if (p.isEmpty()) {
                message.set("No product with code " + code + ".");
                return;
            }
            String sku = p.get().sku().value();
            for (Line l : lines) {
                if (l.sku().equals(sku)) {
                    l.receivedProperty().set(plain(new BigDecimal(l.receivedProperty().get()).add(BigDecimal.ONE)));
                    return;
                }
            }
            lines.add(new Line(sku, "", "1"));
        }, e -> message.set(Messages.of(e)));
    }

    public void receive() {
        if (!user.can(Permission.RECEIVE_STOCK)) {
            message.set(user.refusal(Permission.RECEIVE_STOCK));
            return;
        }
        List<ReceiptLine> rl = new ArrayList<>();
        try {
            for (Line l : lines) {
                rl.add(new ReceiptLine(l.sku(), l.expected().isEmpty() ? null : new BigDecimal(l.expected()),
                        new BigDecimal(l.receivedProperty().get().trim()), new BigDecimal(l.damagedProperty().get().trim())));
            }
        } catch (NumberFormatException e) {
            message.set("Received and damaged must be numbers.");
            return;
        } catch (IllegalArgumentException e) {
            message.set(Messages.of(e));
            return;
        }
        if (rl.isEmpty()) {
            message.set("Nothing to receive — pick a delivery or scan the items.");
            return;
        }
        String ref = reference();
        services.run(() -> services.stock().receive(ref, rl, user.userId()), ms -> {
            message.set("Received " + ms.size() + " lines" + (ref == null ? "" : " of " + ref) + ".");
            delivery.set(FREE);
            lines.clear();
            refresh();
        }, e -> message.set(Messages.of(e)));
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }
}
