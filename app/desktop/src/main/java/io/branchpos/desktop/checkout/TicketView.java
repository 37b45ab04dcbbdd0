package io.branchpos.desktop.checkout;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The ticket of the cashier screen: a header and one row node per line, rows of a fixed height in
 * a clipped viewport with a scroll bar (decision 0309). Not a {@code TableView}: there, an added item changes the virtual
 * flow's cell count, which re-places and re-styles every visible row (twice with the scroll to the
 * new line), in the frame of every scan. Here a scan adds one row node; the rows already shown
 * keep their node, their index, their styles and their size.
 *
 * <p>Lines are few (a ticket, not a catalog), so every line has its node. Rows are updated in
 * place when their line changes (a void, a promotion), added or removed where the list changed.
 * The selection is an index; a click selects, {@link #select(int)} selects and brings the row into
 * view.
 */
public final class TicketView extends VBox {
    /** The height of every row, px: room for the name and a detail line (as the table's 44 px cells). */
    public static final double ROW_HEIGHT = 44;

    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass VOIDED = PseudoClass.getPseudoClass("voided");
    private static final PseudoClass ODD = PseudoClass.getPseudoClass("odd");

    private final ListChangeListener<TicketRow> onChange = this::linesChanged;
    private ObservableList<TicketRow> items = FXCollections.observableArrayList();
    private final IntegerProperty selectedIndex = new SimpleIntegerProperty(this, "selectedIndex", -1);
    private final Rows rows = new Rows();
    private final Viewport scroll = new Viewport();
    private final Label placeholder = new Label();

    public TicketView() {
        getStyleClass().add("ticket-view");
        placeholder.getStyleClass().add("placeholder");
        placeholder.setMouseTransparent(true);
        StackPane body = new StackPane(scroll, placeholder);
        body.getStyleClass().add("ticket-body");
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().addAll(header(), body);
        setFocusTraversable(false);
        items.addListener(onChange);
        selectedIndex.addListener((o, a, b) -> {
            showSelected(a.intValue(), false);
            showSelected(b.intValue(), true);
        });
    }

    /** Column titles, in the order of the row's cells. */
    private Node header() {
        HBox h = new HBox();
        h.getStyleClass().add("ticket-header");
        h.setMinHeight(Region.USE_PREF_SIZE);
        String[] keys = {"qty", "item", "price", "total"};
        for (String k : keys) {
            Label l = new Label();
            l.getStyleClass().addAll("ticket-head", "ticket-col-" + k);
            h.getChildren().add(l);
        }
        HBox.setHgrow(h.getChildren().get(1), Priority.ALWAYS);
        ((Label) h.getChildren().get(1)).setMaxWidth(Double.MAX_VALUE);
        return h;
    }

    /** Sets the column titles (qty, item, price, total) and the text shown while the ticket is empty. */
    public void setTexts(String qty, String item, String price, String total, String empty) {
        HBox h = (HBox) getChildren().get(0);
        String[] t = {qty, item, price, total};
        for (int i = 0; i < t.length; i++) {
            ((Label) h.getChildren().get(i)).setText(t[i]);
        }
        placeholder.setText(empty);
    }

    public ObservableList<TicketRow> getItems() {
        return items;
    }

    /** Shows {@code lines} (and follows their changes) instead of the list shown so far. */
    public void setItems(ObservableList<TicketRow> lines) {
        items.removeListener(onChange);
        items = lines;
        items.addListener(onChange);
        java.util.List<Row> all = new java.util.ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            all.add(new Row(this, lines.get(i), i));
        }
        rows.getChildren().setAll(all);
        placeholder.setVisible(lines.isEmpty());
        selectedIndex.set(-1);
    }

    /** Index of the selected line, -1 for none. */
    public ReadOnlyIntegerProperty selectedIndexProperty() {
        return selectedIndex;
    }

    public int getSelectedIndex() {
        return selectedIndex.get();
    }

    /** Selects line {@code i} (-1: none) and scrolls it into view. */
    public void select(int i) {
        int index = i < 0 || i >= items.size() ? -1 : i;
        selectedIndex.set(index);
        if (index >= 0) {
            scrollIntoView(index);
        }
    }

    /** The row node that shows line {@code i} (for tests and the benchmark probe), or null. */
    public Node rowNode(int i) {
        return i < 0 || i >= rows.getChildren().size() ? null : rows.getChildren().get(i);
    }

    /** The area the rows scroll in, in this node's scene (for tests). */
    public Node rowsViewport() {
        return scroll;
    }

    private void linesChanged(ListChangeListener.Change<? extends TicketRow> c) {
        int firstShifted = Integer.MAX_VALUE;
        boolean appended = false;
        while (c.next()) {
            int from = c.getFrom();
            if (c.wasPermutated()) {
                for (int i = from; i < c.getTo(); i++) {
                    row(i).show(items.get(i));
                }
            } else if (c.wasReplaced() && c.getRemovedSize() == c.getAddedSize()) {
                // a changed line (void, promotion, quantity): the row shows the new text in place
                for (int i = from; i < c.getTo(); i++) {
                    row(i).show(items.get(i));
                }
            } else {
                if (c.wasRemoved()) {
                    rows.getChildren().remove(from, from + c.getRemovedSize());
                    firstShifted = Math.min(firstShifted, from);
                }
                if (c.wasAdded()) {
                    java.util.List<Row> added = new java.util.ArrayList<>(c.getAddedSize());
                    for (int i = from; i < c.getTo(); i++) {
                        added.add(new Row(this, items.get(i), i));
                    }
                    rows.getChildren().addAll(from, added);
                    if (c.getTo() == items.size()) {
                        appended = true;
                    }
                    if (from < rows.getChildren().size() - c.getAddedSize()) {
                        firstShifted = Math.min(firstShifted, from);
                    }
                }
            }
        }
        if (firstShifted != Integer.MAX_VALUE) {
            // rows after an insertion or removal moved: their index (striping, clicks) follows
            for (int i = firstShifted; i < rows.getChildren().size(); i++) {
                row(i).moveTo(i);
            }
        }
        placeholder.setVisible(items.isEmpty());
        int sel = selectedIndex.get();
        if (sel >= items.size()) {
            selectedIndex.set(items.isEmpty() ? -1 : items.size() - 1);
        } else if (sel >= 0) {
            showSelected(sel, true);
        }
        if (appended) {
            // the newest line in view: at the bottom once the ticket is longer than the viewport
            scroll.show(items.size() - 1);
        }
    }

    private Row row(int i) {
        return (Row) rows.getChildren().get(i);
    }

    private void showSelected(int i, boolean on) {
        if (i >= 0 && i < rows.getChildren().size()) {
            row(i).pseudoClassStateChanged(SELECTED, on);
        }
    }

    /** Scrolls as little as needed so that row {@code i} is fully inside the viewport. */
    private void scrollIntoView(int i) {
        scroll.show(i);
    }

    /**
     * The rows area: shows the rows from a pixel offset, clipped, with a scroll bar when they do not
     * all fit. A row to show is kept until the layout pass, when the area's height is known, and
     * the offset then changes only as much as needed to bring it fully in.
     */
    private final class Viewport extends Region {
        private final javafx.scene.control.ScrollBar bar = new javafx.scene.control.ScrollBar();
        private final javafx.scene.shape.Rectangle clip = new javafx.scene.shape.Rectangle();
        private int toShow = -1;
        private boolean laying;

        Viewport() {
            getStyleClass().add("ticket-scroll");
            bar.setOrientation(javafx.geometry.Orientation.VERTICAL);
            bar.setFocusTraversable(false);
            bar.setVisible(false);
            bar.valueProperty().addListener((o, a, b) -> {
                if (!laying) {
                    requestLayout();
                }
            });
            getChildren().addAll(rows, bar);
            setClip(clip);
            setOnScroll(e -> bar.setValue(Math.max(bar.getMin(), Math.min(bar.getMax(), bar.getValue() - e.getDeltaY()))));
        }

        void show(int i) {
            toShow = i;
            requestLayout();
        }

        @Override
        protected double computePrefHeight(double width) {
            return 0;
        }

        @Override
        protected double computePrefWidth(double height) {
            return 0;
        }

        @Override
        protected void layoutChildren() {
            laying = true;
            try {
                place();
            } finally {
                laying = false;
            }
        }

        private void place() {
            double w = getWidth();
            double h = getHeight();
            clip.setWidth(w);
            clip.setHeight(h);
            double content = rows.getChildren().size() * ROW_HEIGHT;
            double max = Math.max(0, content - h);
            double top = Math.min(bar.getValue(), max);
            if (toShow >= 0) {
                double rowTop = toShow * ROW_HEIGHT;
                if (rowTop < top) {
                    top = rowTop;
                } else if (rowTop + ROW_HEIGHT > top + h) {
                    top = Math.min(max, rowTop + ROW_HEIGHT - h);
                }
                toShow = -1;
            }
            boolean scrolls = max > 0;
            double barWidth = scrolls ? snapSizeX(bar.prefWidth(-1)) : 0;
            bar.setVisible(scrolls);
            bar.setMax(max);
            bar.setVisibleAmount(max == 0 ? 0 : h * max / content);
            bar.setUnitIncrement(ROW_HEIGHT);
            bar.setBlockIncrement(Math.max(ROW_HEIGHT, h - ROW_HEIGHT));
            bar.setValue(top);
            bar.resizeRelocate(w - barWidth, 0, barWidth, h);
            rows.resizeRelocate(0, -snapPositionY(top), w - barWidth, content);
        }
    }

    /**
     * The rows, stacked at {@link #ROW_HEIGHT}: a row's size and place follow from its index alone,
     * so adding one lays out only that one (the others keep their bounds, so their layout is a no-op).
     */
    private final class Rows extends Pane {
        Rows() {
            getStyleClass().add("ticket-rows");
        }

        @Override
        protected double computePrefHeight(double width) {
            return getChildren().size() * ROW_HEIGHT;
        }

        @Override
        protected double computePrefWidth(double height) {
            return 0;
        }

        @Override
        protected void layoutChildren() {
            double w = getWidth();
            for (int i = 0; i < getChildren().size(); i++) {
                getChildren().get(i).resizeRelocate(0, i * ROW_HEIGHT, w, ROW_HEIGHT);
            }
        }
    }

    /** One line: quantity, name over its detail (promotion, weight, serial), unit price, total. */
    private static final class Row extends HBox {
        private final Label qty = new Label();
        private final Label name = new Label();
        private final Label detail = new Label();
        private final Label price = new Label();
        private final Label total = new Label();
        private int index;

        Row(TicketView view, TicketRow line, int index) {
            getStyleClass().add("ticket-row");
            setAlignment(Pos.CENTER_LEFT);
            qty.getStyleClass().addAll("ticket-cell", "ticket-col-qty");
            name.getStyleClass().add("line-name");
            detail.getStyleClass().add("line-detail");
            price.getStyleClass().addAll("ticket-cell", "ticket-col-price");
            total.getStyleClass().addAll("ticket-cell", "ticket-col-total");
            VBox item = new VBox(1, name, detail);
            item.getStyleClass().addAll("ticket-cell", "ticket-col-item");
            item.setAlignment(Pos.CENTER_LEFT);
            item.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(item, Priority.ALWAYS);
            getChildren().addAll(qty, item, price, total);
            setOnMouseClicked(e -> view.select(this.index));
            this.index = index;
            pseudoClassStateChanged(ODD, index % 2 == 1);
            show(line);
        }

        void moveTo(int i) {
            if (i != index) {
                index = i;
                pseudoClassStateChanged(ODD, i % 2 == 1);
            }
        }

        void show(TicketRow line) {
            qty.setText(line.quantity());
            name.setText(line.name());
            String d = line.detail() == null ? "" : line.detail();
            detail.setText(d);
            detail.setVisible(!d.isEmpty());
            detail.setManaged(!d.isEmpty());
            price.setText(line.unitPrice());
            total.setText(line.total());
            pseudoClassStateChanged(VOIDED, line.voided());
        }
    }
}
