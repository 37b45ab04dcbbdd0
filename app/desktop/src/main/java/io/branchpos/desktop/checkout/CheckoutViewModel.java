package io.branchpos.desktop.checkout;

import io.branchpos.domain.catalog.Product;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State and commands of the cashier screen. Searches run on {@code background} and their results
 * are applied on {@code ui} (the FX thread in the app, the calling thread in tests); a result
 * that arrives after a newer query was typed is dropped, so the list never flickers back.
 */
public final class CheckoutViewModel {
    static final int RESULT_LIMIT = 50;

    private final ProductSearch catalog;
    private final Executor background;
    private final Executor ui;
    private final Locale locale;
    private final AtomicLong generation = new AtomicLong();

    private final StringProperty query = new SimpleStringProperty("");
    private final ObservableList<ProductRow> results = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    public CheckoutViewModel(ProductSearch catalog, Executor background, Executor ui, Locale locale) {
        this.catalog = catalog;
        this.background = background;
        this.ui = ui;
        this.locale = locale;
        query.addListener((obs, old, now) -> search(now));
    }

    public StringProperty queryProperty() {
        return query;
    }

    public ObservableList<ProductRow> results() {
        return results;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    private void search(String text) {
        long mine = generation.incrementAndGet();
        String q = text == null ? "" : text.trim();
        if (q.isEmpty()) {
            results.clear();
            message.set("");
            return;
        }
        background.execute(() -> {
            List<Product> found;
            String problem = null;
            try {
                found = catalog.search(q, RESULT_LIMIT);
            } catch (RuntimeException e) {
                found = List.of();
                problem = "Search failed: " + e.getMessage();
            }
            List<ProductRow> rows = found.stream().map(p -> ProductRow.of(p, locale)).toList();
            String msg = problem != null ? problem : rows.isEmpty() ? "No product matches \"" + q + "\"" : "";
            ui.execute(() -> {
                if (generation.get() == mine) {
                    results.setAll(rows);
                    message.set(msg);
                }
            });
        });
    }
}
