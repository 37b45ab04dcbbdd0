package io.branchpos.desktop.stock;

import io.branchpos.domain.auth.Permission;
import io.branchpos.desktop.manager.ActingUser;
import io.branchpos.desktop.manager.ManagerServices;
import io.branchpos.desktop.manager.Messages;
import io.branchpos.domain.catalog.Product;
import io.branchpos.store.stock.StockRepository;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A blind stock count: counters scan items (each scan is one piece, or type a quantity first);
 * the screen shows what was counted, never what the books say, until the count is posted. Each
 * scan is stored at once, so a crash or a power cut loses no counted shelf.
 */
public final class CountViewModel {
    /** What has been counted of one SKU so far (all counters together). */
    public record CountedRow(String sku, String name, String counted) {
    }

    /** A posted line: now the book quantity is revealed. */
    public record ResultRow(String sku, String counted, String expected, String adjustment) {
    }

    private final ManagerServices services;
    private final ActingUser user;
    private final ObjectProperty<StockRepository.CountKind> kind = new SimpleObjectProperty<>(
            StockRepository.CountKind.CYCLE);
    private final StringProperty counter = new SimpleStringProperty();
    private final StringProperty scan = new SimpleStringProperty("");
    private final StringProperty quantity = new SimpleStringProperty("1");
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final StringProperty message = new SimpleStringProperty("");
    private final ObservableList<CountedRow> counted = FXCollections.observableArrayList();
    private final ObservableList<ResultRow> results = FXCollections.observableArrayList();
    private final Map<String, CountedRow> bySku = new LinkedHashMap<>();
    private UUID countId;

    public CountViewModel(ManagerServices services, ActingUser user) {
        this.services = services;
        this.user = user;
        counter.set(user.userId());
    }

    public ObjectProperty<StockRepository.CountKind> kindProperty() {
        return kind;
    }

    public StringProperty counterProperty() {
        return counter;
    }

    public StringProperty scanProperty() {
        return scan;
    }

    public StringProperty quantityProperty() {
        return quantity;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public ObservableList<CountedRow> counted() {
        return counted;
    }

    public ObservableList<ResultRow> results() {
        return results;
    }

    public void start() {
        if (!user.can(Permission.COUNT_STOCK)) {
            message.set(user.refusal(Permission.COUNT_STOCK));
            return;
        }
        StockRepository.CountKind k = kind.get();
        services.run(() -> services.stock().startCount(k, user.userId()), id -> {
            countId = id;
            bySku.clear();
            counted.clear();
            results.clear();
            running.set(true);
            message.set((k == StockRepository.CountKind.FULL ? "Full" : "Cycle") + " count started — scan the shelf.");
        }, e -> message.set(Messages.of(e)));
    }

    /** A scan (barcode or SKU) arrived: records it with the typed quantity (default one piece). */
    public void submitScan() {
        String code = scan.get() == null ? "" : scan.get().trim();
        if (code.isEmpty() || countId == null) {
            return;
        }
        BigDecimal q;
        try {
            q = new BigDecimal(quantity.get().trim().replace(',', '.'));
        } catch (NumberFormatException e) {
            message.set("Type the quantity as a number, then scan.");
            return;
        }
        UUID id = countId;
        String who = counter.get() == null || counter.get().isBlank() ? user.userId() : counter.get().trim();
        scan.set("");
        services.run(() -> {
            Optional<Product> p = services.catalog().findByBarcode(code).or(() -> services.catalog().findBySku(code));
            return p.map(product -> {
                services.stock().addCountEntry(id, who, product.sku().value(), q);
                return product;
            });
        }, found -> {
            if (found.isEmpty()) {
                message.set("No product with code " + code + " — set it aside and count it by SKU.");
                return;
            }
            Product p = found.get();
            String sku = p.sku().value();
            CountedRow old = bySku.get(sku);
            BigDecimal total = (old == null ? BigDecimal.ZERO : new BigDecimal(old.counted())).add(q);
            CountedRow row = new CountedRow(sku, p.name(), total.stripTrailingZeros().toPlainString());
            bySku.put(sku, row);
            counted.setAll(bySku.values());
            quantity.set("1");
            message.set(p.name() + ": " + row.counted() + " counted");
        }, e -> message.set(Messages.of(e)));
    }

    /** Posts the count; differences become COUNT movements reconciled with sales made meanwhile. */
    public void post() {
        UUID id = countId;
        if (id == null) {
            return;
        }
        if (!user.can(Permission.COUNT_STOCK)) {
            message.set(user.refusal(Permission.COUNT_STOCK));
            return;
        }
        services.run(() -> services.stock().postCount(id, user.userId()), rs -> {
            results.setAll(rs.stream().map(r -> new ResultRow(r.sku(), plain(r.counted()), plain(r.expectedAtCount()),
                    plain(r.adjustment()))).toList());
            running.set(false);
            countId = null;
            long diffs = rs.stream().filter(r -> r.adjustment().signum() != 0).count();
            message.set("Count posted: " + rs.size() + " SKUs, " + diffs + " corrected.");
        }, e -> message.set(Messages.of(e)));
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }
}
