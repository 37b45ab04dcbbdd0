package io.branchpos.desktop.common;

import java.util.function.Supplier;
import javafx.scene.control.Button;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.GridPane;

/**
 * The on-screen numeric keypad for touch screens: types into whichever field {@code target}
 * returns, and its Enter does what the physical Enter key does.
 */
public final class Keypad {
    private Keypad() {
    }

    public static void fill(GridPane grid, Supplier<TextInputControl> target, Runnable enter, boolean withMultiply) {
        String[][] keys = {
            {"7", "8", "9", "⌫"},
            {"4", "5", "6", withMultiply ? "×" : "C"},
            {"1", "2", "3", withMultiply ? "C" : ""},
            {"0", "00", withMultiply ? "." : "", "↵"},
        };
        for (int r = 0; r < keys.length; r++) {
            for (int c = 0; c < keys[r].length; c++) {
                String k = keys[r][c];
                if (k.isEmpty()) {
                    continue;
                }
                Button b = new Button(k);
                b.setFocusTraversable(false);
                b.getStyleClass().add("keypad-button");
                if ("↵".equals(k)) {
                    b.getStyleClass().add("keypad-enter");
                }
                b.setMaxWidth(Double.MAX_VALUE);
                b.setMaxHeight(Double.MAX_VALUE);
                b.setOnAction(e -> press(k, target.get(), enter));
                GridPane.setFillWidth(b, true);
                grid.add(b, c, r);
            }
        }
        for (int c = 0; c < 4; c++) {
            javafx.scene.layout.ColumnConstraints cc = new javafx.scene.layout.ColumnConstraints();
            cc.setPercentWidth(25);
            grid.getColumnConstraints().add(cc);
        }
    }

    private static void press(String key, TextInputControl field, Runnable enter) {
        switch (key) {
            case "↵" -> enter.run();
            case "⌫" -> {
                String t = field.getText();
                if (t != null && !t.isEmpty()) {
                    field.setText(t.substring(0, t.length() - 1));
                }
            }
            case "C" -> field.clear();
            case "×" -> field.appendText("*");
            default -> field.appendText(key);
        }
        field.requestFocus();
        field.positionCaret(field.getText().length());
    }
}
