package io.branchpos.desktop.sync;

import io.branchpos.store.journal.JournalRepository;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The manager's view of sync: the status line, how many events wait for HQ, and every event HQ
 * quarantined with its reason (they count as delivered; HQ replays or resolves them).
 */
public final class SyncViewModel {
    /** One quarantined event as the list shows it. */
    public record Row(long seq, String type, String reason, String when) {
    }

    private final JournalRepository journal;
    private final Supplier<String> statusLine;
    private final Executor background;
    private final Executor ui;
    private final ZoneId zone;
    private final ObservableList<Row> quarantined = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper pending = new ReadOnlyStringWrapper("");
    private final ResourceBundle texts;

    public SyncViewModel(JournalRepository journal, Supplier<String> statusLine, Executor background, Executor ui,
            ZoneId zone, ResourceBundle texts) {
        this.journal = journal;
        this.statusLine = statusLine;
        this.background = background;
        this.ui = ui;
        this.zone = zone;
        this.texts = texts;
    }

    public ObservableList<Row> quarantined() {
        return quarantined;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty pendingProperty() {
        return pending.getReadOnlyProperty();
    }

    public void refresh() {
        background.execute(() -> {
            long waiting = journal.pendingCount();
            Instant oldest = journal.oldestPendingAt().orElse(null);
            List<Row> rows = journal.quarantined().stream()
                    .map(q -> new Row(q.seq(), q.type() == null ? "?" : q.type(), q.reason(),
                            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(q.recordedAt().atZone(zone))))
                    .toList();
            String pendingText = waiting == 0 ? texts.getString("syncscreen.nothingWaiting")
                    : java.text.MessageFormat.format(texts.getString("syncscreen.waiting"), waiting,
                            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(oldest.atZone(zone)));
            String line = statusLine.get();
            ui.execute(() -> {
                quarantined.setAll(rows);
                pending.set(pendingText);
                status.set(line);
            });
        });
    }
}
