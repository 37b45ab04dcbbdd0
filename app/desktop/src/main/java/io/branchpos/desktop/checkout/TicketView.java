package io.branchpos.desktop.checkout;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.scene.AccessibleAttribute;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

/**
 * The ticket of the cashier screen (decision 0309): a header and rows of a fixed height in a
 * clipped viewport with a scroll bar. Not a {@code TableView}: there, an added item changes the
 * virtual flow's cell count, which re-places and re-styles every visible row (twice with the
 * scroll to the new line) in the frame of every scan.
 *
 * <p>Here only the lines inside the viewport have a row node in the scene (the toolkit visits
 * every node of the scene for its bounds at each frame); a row is made when its line comes into
 * view and styled then. A scan shows its line in the spare row, a row styled in an earlier frame
 * and kept hidden below the last line: no row is styled, measured or moved in the frame of the
 * scan but the new one. On a long ticket the row that scrolls out at a scan stays in the scene,
 * hidden, as the next spare, so a scan makes no node at all (decision 0310); on a short one the
 * spare is made after the scan's frame. Rows are updated in place when their line changes (a
 * void, a promotion). The selection is an index; a click selects, {@link #select(int)} selects and
 * brings the row into view.
 *
 * <p>For a screen reader the ticket is a list ({@link AccessibleRole#LIST_VIEW}: item count, the
 * rows in view by index, the selected one as focus item) and each row a list item whose text reads
 * the line, e.g. "2 × Milk 1 L, €2.58" (with its detail, such as the voided tag, before the
 * total) — what the {@code TableView} it replaced gave a screen reader (decision 0309).
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
    /** One entry per line, in line order: its row while in view (a child of {@link #rows}), else null. */
    private final List<Row> lineRows = new ArrayList<>();
    private final Rows rows = new Rows();
    private final Viewport viewport = new Viewport();
    private final Label placeholder = new Label();
    /** The next line's row, made and styled ahead (hidden, under the last line); null when used. */
    private Row spare;
    private boolean sparePending;
    private final Runnable afterLayout = () -> {
        if (sparePending) {
            sparePending = false;
            // after this frame (its layout done, its rendering under way): made and styled before
            // the next scan, not in the frame that shows this one
            javafx.application.Platform.runLater(this::addSpare);
        }
    };

    public TicketView() {
        getStyleClass().add("ticket-view");
        placeholder.getStyleClass().add("placeholder");
        placeholder.setMouseTransparent(true);
        StackPane body = new StackPane(viewport, placeholder);
        body.getStyleClass().add("ticket-body");
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().addAll(header(), body);
        setFocusTraversable(false);
        setAccessibleRole(AccessibleRole.LIST_VIEW);
        items.addListener(onChange);
        sceneProperty().addListener((o, before, now) -> {
            if (before != null) {
                before.removePostLayoutPulseListener(afterLayout);
            }
            if (now != null) {
                now.addPostLayoutPulseListener(afterLayout);
            }
        });
        selectedIndex.addListener((o, a, b) -> {
            showSelected(a.intValue(), false);
            showSelected(b.intValue(), true);
            notifyAccessibleAttributeChanged(AccessibleAttribute.FOCUS_ITEM);
            notifyAccessibleAttributeChanged(AccessibleAttribute.SELECTED_ITEMS);
        });
        addSpare();
    }

    /** Column titles, in the order of the row's cells. */
    private Node header() {
        HBox h = new HBox();
        h.getStyleClass().add("ticket-header");
        h.setMinHeight(Region.USE_PREF_SIZE);
        for (String k : new String[] {"qty", "item", "price", "total"}) {
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
        lineRows.clear();
        rows.getChildren().clear();
        spare = null;
        for (int i = 0; i < lines.size(); i++) {
            lineRows.add(null); // made when it comes into view
        }
        addSpare();
        placeholder.setVisible(lines.isEmpty());
        selectedIndex.set(-1);
        viewport.requestLayout();
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
            viewport.show(index);
        }
    }

    /** The row node that shows line {@code i} while it is in the scene (in view), else null. For tests. */
    public Node rowNode(int i) {
        if (i < 0 || i >= lineRows.size()) {
            return null;
        }
        Row r = lineRows.get(i);
        return r != null && r.getParent() == rows ? r : null;
    }

    @Override
    public Object queryAccessibleAttribute(AccessibleAttribute attribute, Object... parameters) {
        switch (attribute) {
            case ITEM_COUNT:
                return items.size();
            case ITEM_AT_INDEX:
                // as a virtual list: only the rows in view have a node in the scene
                return rowNode((Integer) parameters[0]);
            case FOCUS_ITEM:
                return rowNode(selectedIndex.get());
            case SELECTED_ITEMS: {
                Node row = rowNode(selectedIndex.get());
                return row == null ? FXCollections.emptyObservableList() : FXCollections.observableArrayList(row);
            }
            case MULTIPLE_SELECTION:
                return false;
            default:
                return super.queryAccessibleAttribute(attribute, parameters);
        }
    }

    /** The area the rows scroll in (for tests). */
    public Node rowsViewport() {
        return viewport;
    }

    private void linesChanged(ListChangeListener.Change<? extends TicketRow> c) {
        int firstShifted = Integer.MAX_VALUE;
        boolean appended = false;
        while (c.next()) {
            int from = c.getFrom();
            if (c.wasPermutated()) {
                for (int i = from; i < c.getTo(); i++) {
                    showLine(i);
                }
            } else if (c.wasReplaced() && c.getRemovedSize() == c.getAddedSize()) {
                // a changed line (void, promotion, quantity): its row shows the new text in place
                for (int i = from; i < c.getTo(); i++) {
                    showLine(i);
                }
            } else {
                if (c.wasRemoved()) {
                    List<Row> gone = lineRows.subList(from, from + c.getRemovedSize());
                    rows.getChildren().removeAll(gone);
                    gone.clear();
                    firstShifted = Math.min(firstShifted, from);
                }
                if (c.wasAdded()) {
                    int before = lineRows.size();
                    if (c.getAddedSize() == 1 && from == before && spare != null) {
                        // the usual scan: the spare row, styled in an earlier frame, shows the line
                        Row r = spare;
                        spare = null;
                        r.moveTo(from);
                        r.show(items.get(from));
                        r.setVisible(true);
                        lineRows.add(r);
                    } else {
                        List<Row> added = new ArrayList<>(c.getAddedSize());
                        for (int i = from; i < c.getTo(); i++) {
                            added.add(null); // made when it comes into view (in this layout pass if it is in view)
                        }
                        lineRows.addAll(from, added);
                        if (from < before) {
                            firstShifted = Math.min(firstShifted, from);
                        }
                    }
                    if (c.getTo() == items.size()) {
                        appended = true;
                    }
                }
            }
        }
        int sel = selectedIndex.get();
        if (sel >= items.size()) {
            sel = items.isEmpty() ? -1 : items.size() - 1;
        }
        if (firstShifted != Integer.MAX_VALUE) {
            // rows after an insertion or removal moved: their index (striping, clicks, selection) follows
            for (int i = firstShifted; i < lineRows.size(); i++) {
                Row r = lineRows.get(i);
                if (r != null) {
                    r.moveTo(i);
                    r.pseudoClassStateChanged(SELECTED, i == sel);
                }
            }
            if (spare != null) {
                spare.moveTo(items.size());
            }
        }
        placeholder.setVisible(items.isEmpty());
        selectedIndex.set(sel);
        showSelected(sel, true);
        if (appended) {
            // the newest line in view: at the bottom once the ticket is longer than the viewport
            viewport.show(items.size() - 1);
        } else {
            viewport.requestLayout();
        }
        if (spare == null) {
            if (getScene() == null) {
                addSpare();
            } else {
                sparePending = true;
            }
        }
    }

    private void addSpare() {
        if (spare != null) {
            return;
        }
        Row r = new Row(this, null, items.size());
        r.setVisible(false);
        spare = r;
        rows.getChildren().add(r);
    }

    private void showSelected(int i, boolean on) {
        if (i >= 0 && i < lineRows.size() && lineRows.get(i) != null) {
            lineRows.get(i).pseudoClassStateChanged(SELECTED, on);
            lineRows.get(i).notifyAccessibleAttributeChanged(AccessibleAttribute.SELECTED);
        }
    }

    private void showLine(int i) {
        Row r = lineRows.get(i);
        if (r != null) {
            r.show(items.get(i));
        }
    }

    /**
     * The rows area: shows the rows from a pixel offset, clipped, with a scroll bar when they do not
     * all fit. A row to show is kept until the layout pass, when the area's height is known, and
     * the offset then changes only as much as needed to bring it fully in.
     */
    private final class Viewport extends Region {
        private final ScrollBar bar = new ScrollBar();
        private final Rectangle clip = new Rectangle();
        private int toShow = -1;
        private boolean laying;

        Viewport() {
            getStyleClass().add("ticket-scroll");
            bar.setOrientation(Orientation.VERTICAL);
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
            double content = items.size() * ROW_HEIGHT;
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
            top = snapPositionY(top);
            boolean scrolls = max > 0;
            double barWidth = scrolls ? snapSizeX(bar.prefWidth(-1)) : 0;
            bar.setVisible(scrolls);
            bar.setMax(max);
            bar.setVisibleAmount(max == 0 ? 0 : h * max / content);
            bar.setUnitIncrement(ROW_HEIGHT);
            bar.setBlockIncrement(Math.max(ROW_HEIGHT, h - ROW_HEIGHT));
            bar.setValue(top);
            bar.resizeRelocate(w - barWidth, 0, barWidth, h);
            showRowsBetween((int) Math.floor(top / ROW_HEIGHT), (int) Math.ceil((top + h) / ROW_HEIGHT));
            rows.resizeRelocate(0, -top, w - barWidth, content + ROW_HEIGHT);
        }

        /** Puts the rows of lines {@code [first, end)} in the scene and takes the others out. */
        private void showRowsBetween(int first, int end) {
            int from = Math.max(0, first);
            int to = Math.min(lineRows.size(), end);
            List<Node> out = null;
            for (Node n : rows.getChildren()) {
                if (n != spare && (((Row) n).index < from || ((Row) n).index >= to)) {
                    if (out == null) {
                        out = new ArrayList<>();
                    }
                    out.add(n);
                }
            }
            if (out != null) {
                for (Node n : out) {
                    Row r = (Row) n;
                    lineRows.set(r.index, null);
                    if (spare == null) {
                        // the row that scrolled out (the usual scan on a long ticket) is the next spare:
                        // it stays in the scene, hidden, so it keeps its styles and no row is made and
                        // styled after this frame (decision 0310)
                        spare = r;
                        sparePending = false;
                        r.setVisible(false);
                        r.pseudoClassStateChanged(SELECTED, false);
                        r.moveTo(items.size());
                    }
                }
                if (spare != null) {
                    out.remove(spare);
                }
                rows.getChildren().removeAll(out);
            }
            for (int i = from; i < to; i++) {
                Row r = lineRows.get(i);
                if (r == null) {
                    r = new Row(TicketView.this, items.get(i), i);
                    r.pseudoClassStateChanged(SELECTED, i == selectedIndex.get());
                    lineRows.set(i, r);
                }
                if (r.getParent() != rows) {
                    rows.getChildren().add(r);
                    // it is laid out in this pass, so it is styled now (not in the next frame)
                    r.applyCss();
                }
            }
        }
    }

    /** The rows in view, each at its line's place (its index times the row height). */
    private static final class Rows extends Pane {
        Rows() {
            getStyleClass().add("ticket-rows");
        }

        @Override
        protected double computePrefWidth(double height) {
            return 0;
        }

        @Override
        protected void layoutChildren() {
            double w = getWidth();
            for (Node n : getChildren()) {
                n.resizeRelocate(0, ((Row) n).index * ROW_HEIGHT, w, ROW_HEIGHT);
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
        private final TicketView view;
        private int index;

        Row(TicketView view, TicketRow line, int index) {
            this.view = view;
            getStyleClass().add("ticket-row");
            setAccessibleRole(AccessibleRole.LIST_ITEM);
            setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            qty.getStyleClass().addAll("ticket-cell", "ticket-col-qty");
            name.getStyleClass().add("line-name");
            detail.getStyleClass().add("line-detail");
            price.getStyleClass().addAll("ticket-cell", "ticket-col-price");
            total.getStyleClass().addAll("ticket-cell", "ticket-col-total");
            VBox item = new VBox(1, name, detail);
            item.getStyleClass().addAll("ticket-cell", "ticket-col-item");
            item.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            item.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(item, Priority.ALWAYS);
            getChildren().addAll(qty, item, price, total);
            setOnMouseClicked(e -> view.select(this.index));
            this.index = index;
            pseudoClassStateChanged(ODD, index % 2 == 1);
            if (line != null) {
                show(line);
            }
        }

        void moveTo(int i) {
            if (i != index) {
                index = i;
                pseudoClassStateChanged(ODD, i % 2 == 1);
                requestLayout();
                if (getParent() != null) {
                    getParent().requestLayout();
                }
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

        /** What a screen reader reads for the line: "2 × Milk 1 L, €2.58", its detail before the total. */
        String spoken() {
            StringBuilder b = new StringBuilder().append(qty.getText()).append(" × ").append(name.getText());
            if (!detail.getText().isEmpty()) {
                b.append(", ").append(detail.getText());
            }
            return b.append(", ").append(total.getText()).toString();
        }

        @Override
        public Object queryAccessibleAttribute(AccessibleAttribute attribute, Object... parameters) {
            switch (attribute) {
                case TEXT:
                    // composed when asked: a scan does no work for it
                    return spoken();
                case INDEX:
                    return index;
                case SELECTED:
                    return view.getSelectedIndex() == index;
                default:
                    return super.queryAccessibleAttribute(attribute, parameters);
            }
        }
    }
}
