package io.branchpos.desktop.checkout;

import io.branchpos.desktop.common.Keypad;
import io.branchpos.desktop.common.StatusBarViewModel;
import io.branchpos.desktop.session.Session;
import io.branchpos.store.park.ParkedSales;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** Thin view of the cashier screen: binds FXML nodes to {@link CheckoutViewModel}; no logic here. */
public final class CheckoutController {
    private final CheckoutViewModel model;
    private final StatusBarViewModel status;
    private final Session session;
    private final ResourceBundle texts;
    private final Locale locale;
    private final Runnable beep;

    @FXML
    private TextField searchField;
    @FXML
    private Label promptLabel;
    @FXML
    private Label cashierLabel;
    @FXML
    private ListView<ProductRow> resultList;
    @FXML
    private GridPane keypad;
    @FXML
    private Label itemCountLabel;
    @FXML
    private TicketView ticketView;
    @FXML
    private GridPane taxGrid;
    @FXML
    private Label subtotalLabel;
    @FXML
    private Label discountLabel;
    @FXML
    private Label totalLabel;
    @FXML
    private VBox keyPane;
    @FXML
    private VBox recallPane;
    @FXML
    private ListView<ParkedSales.Summary> parkedListView;
    @FXML
    private Label messageLabel;
    @FXML
    private Label terminalLabel;
    @FXML
    private Label dayLabel;
    @FXML
    private Label catalogLabel;
    @FXML
    private Label syncLabel;
    @FXML
    private Label printerLabel;

    public CheckoutController(CheckoutViewModel model, StatusBarViewModel status, Session session,
            ResourceBundle texts, Locale locale, Runnable beep) {
        this.model = model;
        this.status = status;
        this.session = session;
        this.texts = texts;
        this.locale = locale;
        this.beep = beep;
    }

    @FXML
    private void initialize() {
        searchField.textProperty().bindBidirectional(model.queryProperty());
        searchField.setOnAction(e -> model.submit());
        searchField.setOnKeyPressed(e -> {
            // arrow keys move through the results while typing, or through the ticket lines
            if (e.getCode() == KeyCode.DOWN || e.getCode() == KeyCode.UP) {
                moveSelection(e.getCode() == KeyCode.DOWN ? 1 : -1);
                e.consume();
            }
        });
        searchField.disableProperty().bind(model.busyProperty());
        promptLabel.textProperty().bind(model.promptProperty());
        promptLabel.visibleProperty().bind(model.promptProperty().isNotEmpty());
        promptLabel.managedProperty().bind(promptLabel.visibleProperty());
        cashierLabel.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> session.user().map(u -> MessageFormat.format(texts.getString("checkout.cashier"), u.name()))
                        .orElse(""), session.userProperty()));

        resultList.setItems(model.results());
        resultList.setCellFactory(list -> new ProductCell());
        resultList.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                model.selectedResultProperty().set(b);
            }
        });
        model.selectedResultProperty().addListener((o, a, b) -> {
            if (b != null && resultList.getSelectionModel().getSelectedItem() != b) {
                resultList.getSelectionModel().select(b);
            }
        });
        resultList.setOnMouseClicked(e -> {
            ProductRow row = resultList.getSelectionModel().getSelectedItem();
            if (row != null && e.getButton() == MouseButton.PRIMARY) {
                model.addProduct(row.product());
                focusSearch();
            }
        });
        Keypad.fill(keypad, () -> searchField, model::submit, true);

        ticketView.setItems(model.lines());
        ticketView.setTexts(texts.getString("checkout.col.qty"), texts.getString("checkout.col.item"),
                texts.getString("checkout.col.price"), texts.getString("checkout.col.total"),
                texts.getString("checkout.ticket.empty"));
        ticketView.setAccessibleText(texts.getString("checkout.ticket"));
        ticketView.selectedIndexProperty().addListener((o, a, b) -> {
            int i = b.intValue();
            if (i >= 0 && i < model.lines().size()) {
                model.selectedLineProperty().set(model.lines().get(i).lineNo());
            }
        });
        model.selectedLineProperty().addListener((o, a, b) -> selectLine(b.intValue()));
        // after the ticket view's own listener (it adds the row first): select the line the model
        // selected, which scrolls it into view
        model.lines().addListener((ListChangeListener<TicketRow>) c -> selectLine(model.selectedLineProperty().get()));

        model.taxes().addListener((ListChangeListener<TaxRow>) c -> fillTaxes());
        fillTaxes();
        subtotalLabel.textProperty().bind(model.subtotalProperty());
        discountLabel.textProperty().bind(model.discountTotalProperty());
        totalLabel.textProperty().bind(model.totalProperty());
        itemCountLabel.textProperty().bind(model.itemCountProperty());

        addKey("key.f2", model::changeQuantity);
        addKey("key.f3", model::overridePrice);
        addKey("key.f4", model::discountLine);
        addKey("key.f5", model::discountReceipt);
        addKey("key.f6", model::voidLine);
        addKey("key.f7", model::park);
        addKey("key.f8", model::showParked);
        addKey("key.f9", model::returns);
        addKey("key.f10", model::noSale);
        addKey("key.f11", model::voidSale);
        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        keyPane.getChildren().add(spacer);
        addKey("key.f12", model::pay).getStyleClass().add("pay-key");

        recallPane.visibleProperty().bind(model.recallShowingProperty());
        parkedListView.setItems(model.parkedList());
        parkedListView.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(ParkedSales.Summary s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : java.time.format.DateTimeFormatter.ofPattern("HH:mm")
                        .withZone(java.time.ZoneId.systemDefault()).format(s.parkedAt()) + "   "
                        + s.lineCount() + " × · " + io.branchpos.desktop.common.MoneyFormat.format(s.total(), locale)
                        + "   (" + s.cashierId() + ")");
            }
        });
        model.recallShowingProperty().addListener((o, a, b) -> {
            if (b) {
                parkedListView.getSelectionModel().selectFirst();
                parkedListView.requestFocus();
            } else {
                focusSearch();
            }
        });
        parkedListView.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && parkedListView.getSelectionModel().getSelectedItem() != null) {
                model.recall(parkedListView.getSelectionModel().getSelectedItem());
                e.consume();
            }
        });
        parkedListView.setOnMouseClicked(e -> {
            if (parkedListView.getSelectionModel().getSelectedItem() != null) {
                model.recall(parkedListView.getSelectionModel().getSelectedItem());
            }
        });

        messageLabel.textProperty().bind(model.messageProperty());
        model.toneProperty().addListener((o, a, b) -> tone(b));
        tone(model.toneProperty().get());
        model.alertsProperty().addListener((o, a, b) -> alert());

        terminalLabel.textProperty().bind(status.terminalProperty());
        dayLabel.textProperty().bind(status.businessDayProperty());
        catalogLabel.textProperty().bind(status.catalogProperty());
        syncLabel.textProperty().bind(status.syncProperty());
        printerLabel.textProperty().bind(status.printerProperty());
    }

    private Button addKey(String key, Runnable action) {
        Button b = new Button(texts.getString(key));
        b.getStyleClass().add("function-key");
        b.setFocusTraversable(false);
        b.setMaxWidth(Double.MAX_VALUE);
        b.setOnAction(e -> {
            action.run();
            focusSearch();
        });
        keyPane.getChildren().add(b);
        return b;
    }

    @FXML
    private void lock() {
        session.lock();
    }

    private void moveSelection(int delta) {
        if (!model.results().isEmpty()) {
            int i = Math.max(0, Math.min(model.results().size() - 1,
                    resultList.getSelectionModel().getSelectedIndex() + delta));
            resultList.getSelectionModel().select(i);
            resultList.scrollTo(i);
        } else if (!model.lines().isEmpty()) {
            int i = Math.max(0, Math.min(model.lines().size() - 1, ticketView.getSelectedIndex() + delta));
            ticketView.select(i);
        }
    }

    private void selectLine(int lineNo) {
        List<TicketRow> rows = model.lines();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).lineNo() == lineNo) {
                if (ticketView.getSelectedIndex() != i) {
                    ticketView.select(i);
                }
                return;
            }
        }
        ticketView.select(-1);
    }

    private void fillTaxes() {
        int rows = model.taxes().size() + 1;
        if (taxGrid.getChildren().size() == rows * 4) {
            // same rates as before (the usual scan): new amounts into the labels already there
            // instead of new labels, which would each be styled and measured in the next frame
            for (javafx.scene.Node n : taxGrid.getChildren()) {
                Integer r = GridPane.getRowIndex(n);
                Integer c = GridPane.getColumnIndex(n);
                if (r != null && r > 0) {
                    TaxRow t = model.taxes().get(r - 1);
                    ((Label) n).setText(switch (c == null ? 0 : c) {
                        case 0 -> t.rate();
                        case 1 -> t.net();
                        case 2 -> t.tax();
                        default -> t.gross();
                    });
                }
            }
            return;
        }
        taxGrid.getChildren().clear();
        String[] head = {texts.getString("checkout.col.rate"), texts.getString("checkout.col.net"),
            texts.getString("checkout.col.tax"), texts.getString("checkout.col.gross")};
        for (int c = 0; c < head.length; c++) {
            Label l = new Label(head[c]);
            l.getStyleClass().add("tax-head");
            taxGrid.add(l, c, 0);
        }
        int r = 1;
        for (TaxRow t : model.taxes()) {
            Function<String, Label> cell = s -> {
                Label l = new Label(s);
                l.getStyleClass().add("tax-cell");
                return l;
            };
            taxGrid.add(cell.apply(t.rate()), 0, r);
            taxGrid.add(cell.apply(t.net()), 1, r);
            taxGrid.add(cell.apply(t.tax()), 2, r);
            taxGrid.add(cell.apply(t.gross()), 3, r);
            r++;
        }
    }

    private void tone(CheckoutViewModel.Tone t) {
        messageLabel.getStyleClass().removeAll("tone-info", "tone-success", "tone-error");
        messageLabel.getStyleClass().add("tone-" + t.name().toLowerCase(Locale.ROOT));
    }

    /** A problem: flash the field red for a moment and beep, so a cashier looking at the customer notices. */
    private void alert() {
        beep.run();
        searchField.getStyleClass().add("field-error");
        Timeline off = new Timeline(new KeyFrame(Duration.millis(900),
                e -> searchField.getStyleClass().remove("field-error")));
        off.play();
    }

    /** Puts the keyboard focus where a scan or typing should go. */
    public void focusSearch() {
        searchField.requestFocus();
        searchField.positionCaret(searchField.getText() == null ? 0 : searchField.getText().length());
    }

    private static final class ProductCell extends ListCell<ProductRow> {
        private final Label name = new Label();
        private final Label detail = new Label();
        private final Label price = new Label();
        private final HBox box;

        ProductCell() {
            name.getStyleClass().add("result-name");
            detail.getStyleClass().add("result-detail");
            price.getStyleClass().add("result-price");
            VBox text = new VBox(2, name, detail);
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            box = new HBox(12, text, spacer, price);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(ProductRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
            } else {
                name.setText(row.name());
                detail.setText(row.detail());
                price.setText(row.price());
                setGraphic(box);
            }
        }
    }
}
