package io.branchpos.desktop.dayclose;

import io.branchpos.domain.till.Denomination;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;

/** One line of a cash count: a note or coin and how many pieces were counted. */
public final class DenominationRow {
    private final Denomination denomination;
    private final IntegerProperty pieces = new SimpleIntegerProperty(0);

    public DenominationRow(Denomination denomination) {
        this.denomination = denomination;
    }

    public Denomination denomination() {
        return denomination;
    }

    public IntegerProperty piecesProperty() {
        return pieces;
    }

    public String label() {
        return denomination.value().stripTrailingZeros().toPlainString()
                + (denomination.kind() == Denomination.Kind.NOTE ? " note" : " coin");
    }
}
