package io.branchpos.desktop.dayclose;

import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/** Fills a grid with one "denomination | pieces" row per note and coin, bound to the rows. */
public final class CountGrid {
    private CountGrid() {
    }

    /** Each field gets the id {@code prefix + value} with "_" for the decimal point, e.g. {@code cash-50}, {@code cash-0_01}, so tests and scanners can reach it. */
    public static void fill(GridPane grid, List<DenominationRow> rows, String prefix) {
        grid.getChildren().clear();
        for (int i = 0; i < rows.size(); i++) {
            DenominationRow row = rows.get(i);
            TextField pieces = new TextField(row.piecesProperty().get() == 0 ? "" : String.valueOf(row.piecesProperty().get()));
            pieces.setId(prefix + row.denomination().value().stripTrailingZeros().toPlainString().replace('.', '_'));
            pieces.setPrefColumnCount(5);
            pieces.setPromptText("0");
            pieces.getStyleClass().add("pieces-field");
            pieces.textProperty().addListener((o, a, b) -> {
                String t = b.trim();
                if (t.isEmpty()) {
                    row.piecesProperty().set(0);
                } else if (t.matches("\\d{1,6}")) {
                    row.piecesProperty().set(Integer.parseInt(t));
                } else {
                    pieces.setText(a);
                }
            });
            row.piecesProperty().addListener((o, a, b) -> {
                String want = b.intValue() == 0 ? "" : String.valueOf(b.intValue());
                if (!pieces.getText().trim().equals(want) && !(want.isEmpty() && pieces.getText().isBlank())) {
                    pieces.setText(want);
                }
            });
            grid.add(new Label(row.label()), 0, i);
            grid.add(pieces, 1, i);
        }
    }
}
