package io.branchpos.desktop.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.scene.AccessibleAttribute;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The ticket view on its own (headless): what the list of lines does to its rows — lines added,
 * inserted, removed, replaced — shows in the rows in view, their striping and the selection.
 */
class TicketViewTest {
    private static final PseudoClass ODD = PseudoClass.getPseudoClass("odd");
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass VOIDED = PseudoClass.getPseudoClass("voided");

    private final FxRobot robot = new FxRobot();
    private final ObservableList<TicketRow> lines = FXCollections.observableArrayList();
    private TicketView view;
    private Stage stage;

    @BeforeEach
    void show() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        robot.interact(() -> {
            view = new TicketView();
            view.setItems(lines);
            // header ~30 px + 5 rows of 44 px
            stage.setScene(new Scene(view, 640, 30 + 5 * TicketView.ROW_HEIGHT));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void hide() throws Exception {
        robot.interact(() -> stage.hide());
    }

    private static TicketRow line(int no, boolean voided) {
        return new TicketRow(no, "1", "Item " + no, "", "€1.00", "€1.00", voided);
    }

    private void change(Runnable r) {
        robot.interact(r);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<String> shownNames() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Node row = view.rowNode(i);
            if (row != null) {
                out.add(((Label) row.lookup(".line-name")).getText());
            }
        }
        return out;
    }

    @Test
    void appendedLinesShowInOrderAndTheViewFollowsTheLastOne() {
        for (int i = 1; i <= 12; i++) {
            int no = i;
            change(() -> {
                lines.add(line(no, false));
                view.select(lines.size() - 1);
            });
        }
        // only the rows in view are in the scene, and the last line is one of them
        assertThat(shownNames()).hasSizeLessThanOrEqualTo(6).contains("Item 12").doesNotContain("Item 1");
        assertThat(view.rowNode(11).getPseudoClassStates()).contains(SELECTED, ODD);
        assertThat(view.rowNode(10).getPseudoClassStates()).doesNotContain(SELECTED, ODD);

        change(() -> view.select(0));
        assertThat(shownNames()).contains("Item 1").doesNotContain("Item 12");
        assertThat(view.rowNode(0).getPseudoClassStates()).contains(SELECTED);
    }

    @Test
    void insertedAndRemovedLinesRenumberTheRowsAfterThemAndAReplacedLineChangesInPlace() {
        change(() -> lines.setAll(line(1, false), line(2, false), line(3, false)));
        change(() -> view.select(2));
        Node third = view.rowNode(2);

        change(() -> lines.add(1, line(9, false)));
        assertThat(shownNames()).containsExactly("Item 1", "Item 9", "Item 2", "Item 3");
        assertThat(view.rowNode(3)).isSameAs(third);
        assertThat(view.rowNode(3).getPseudoClassStates()).contains(ODD);
        assertThat(view.rowNode(2).getPseudoClassStates()).doesNotContain(ODD);

        change(() -> lines.remove(0));
        assertThat(shownNames()).containsExactly("Item 9", "Item 2", "Item 3");
        assertThat(view.rowNode(0).getPseudoClassStates()).doesNotContain(ODD);
        assertThat(view.rowNode(1).getPseudoClassStates()).contains(ODD);

        change(() -> lines.set(1, line(2, true)));
        assertThat(view.rowNode(1).getPseudoClassStates()).contains(VOIDED);
        assertThat(view.rowNode(0).getPseudoClassStates()).doesNotContain(VOIDED);

        change(() -> lines.clear());
        assertThat(shownNames()).isEmpty();
        assertThat(view.getSelectedIndex()).isEqualTo(-1);
        change(() -> lines.add(line(5, false)));
        assertThat(shownNames()).containsExactly("Item 5");
        assertThat(view.rowNode(0).getPseudoClassStates()).doesNotContain(ODD);
    }

    private Object ask(Node node, AccessibleAttribute attribute, Object... parameters) {
        Object[] out = new Object[1];
        robot.interact(() -> out[0] = node.queryAccessibleAttribute(attribute, parameters));
        return out[0];
    }

    @Test
    void aScreenReaderFindsTheTicketAsAListAndEachRowReadsItsLine() {
        change(() -> lines.setAll(new TicketRow(1, "2", "Milk 1 L", "", "€1.29", "€2.58", false),
                new TicketRow(2, "1", "Bread", "voided", "€2.10", "€2.10", true)));
        change(() -> view.select(1));

        assertThat(view.getAccessibleRole()).isEqualTo(AccessibleRole.LIST_VIEW);
        assertThat(ask(view, AccessibleAttribute.ITEM_COUNT)).isEqualTo(2);
        Node first = (Node) ask(view, AccessibleAttribute.ITEM_AT_INDEX, 0);
        Node second = (Node) ask(view, AccessibleAttribute.ITEM_AT_INDEX, 1);
        assertThat(first).isSameAs(view.rowNode(0));
        assertThat(first.getAccessibleRole()).isEqualTo(AccessibleRole.LIST_ITEM);
        assertThat(ask(first, AccessibleAttribute.TEXT)).isEqualTo("2 × Milk 1 L, €2.58");
        assertThat(ask(second, AccessibleAttribute.TEXT)).isEqualTo("1 × Bread, voided, €2.10");
        assertThat(ask(second, AccessibleAttribute.INDEX)).isEqualTo(1);
        assertThat(ask(second, AccessibleAttribute.SELECTED)).isEqualTo(true);
        assertThat(ask(first, AccessibleAttribute.SELECTED)).isEqualTo(false);
        assertThat(ask(view, AccessibleAttribute.FOCUS_ITEM)).isSameAs(second);
        assertThat(new ArrayList<Object>((List<?>) ask(view, AccessibleAttribute.SELECTED_ITEMS))).containsExactly(second);

        // a changed line reads its new text; the selection moves with the arrow keys' select(i)
        change(() -> lines.set(0, new TicketRow(1, "3", "Milk 1 L", "", "€1.29", "€3.87", false)));
        change(() -> view.select(0));
        assertThat(ask(first, AccessibleAttribute.TEXT)).isEqualTo("3 × Milk 1 L, €3.87");
        assertThat(ask(view, AccessibleAttribute.FOCUS_ITEM)).isSameAs(first);
        assertThat(ask(second, AccessibleAttribute.SELECTED)).isEqualTo(false);
    }

    @Test
    void aLineAddedToATicketLongerThanTheViewIsShownInARowThatScrolledOutNotInANewNode() {
        java.util.Set<Node> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int i = 1; i <= 12; i++) {
            int no = i;
            change(() -> {
                lines.add(line(no, false));
                view.select(lines.size() - 1);
            });
            for (int k = 0; k < lines.size(); k++) {
                if (view.rowNode(k) != null) {
                    seen.add(view.rowNode(k));
                }
            }
        }
        change(() -> {
            lines.add(line(13, true));
            view.select(lines.size() - 1);
        });

        // decision 0310: the row that scrolled out at the previous line is the spare that shows this one
        Node last = view.rowNode(12);
        assertThat(seen).contains(last);
        assertThat(((Label) last.lookup(".line-name")).getText()).isEqualTo("Item 13");
        assertThat(last.getPseudoClassStates()).contains(SELECTED, VOIDED).doesNotContain(ODD);
        assertThat(last.isVisible()).isTrue();
        assertThat(shownNames()).contains("Item 13", "Item 12").doesNotContain("Item 1", "Item 7");
        long selected = java.util.stream.IntStream.range(0, lines.size()).mapToObj(view::rowNode)
                .filter(n -> n != null && n.getPseudoClassStates().contains(SELECTED)).count();
        assertThat(selected).isEqualTo(1);

        // scrolled back up, the first lines come back with their texts (made again as they come into view)
        change(() -> view.select(0));
        assertThat(shownNames()).startsWith("Item 1", "Item 2");
        assertThat(view.rowNode(0).getPseudoClassStates()).contains(SELECTED).doesNotContain(ODD);
        assertThat(view.rowNode(1).getPseudoClassStates()).contains(ODD).doesNotContain(SELECTED);
    }
}
