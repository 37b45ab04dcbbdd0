package io.branchpos.store.journal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.io.Serializable;
import java.util.Objects;

/** (terminal, seq): the primary key that makes a journal gapless and ordered per terminal. */
@Embeddable
public class JournalEventKey implements Serializable {
    private static final long serialVersionUID = 1L;

    @Column(name = "terminal_id")
    String terminalId;
    @Column(name = "seq")
    long seq;

    protected JournalEventKey() {
    }

    JournalEventKey(String terminalId, long seq) {
        this.terminalId = terminalId;
        this.seq = seq;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JournalEventKey k && k.seq == seq && k.terminalId.equals(terminalId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(terminalId, seq);
    }
}
