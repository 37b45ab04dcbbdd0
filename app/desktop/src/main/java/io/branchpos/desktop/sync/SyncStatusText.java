package io.branchpos.desktop.sync;

import io.branchpos.sync.client.SyncStatus;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ResourceBundle;

/** The one line the status bar shows about sync, e.g. "Sync: offline — 12 waiting (oldest 3 h)". */
public final class SyncStatusText {
    private SyncStatusText() {
    }

    public static String of(SyncStatus s, Instant now, ResourceBundle texts) {
        String state = texts.getString("sync.state." + s.state().name());
        if (s.pendingCount() == 0) {
            return MessageFormat.format(texts.getString("sync.line.clear"), state);
        }
        String age = s.oldestPendingAge(now).map(SyncStatusText::age).orElse("");
        return MessageFormat.format(texts.getString("sync.line.pending"), state, s.pendingCount(), age);
    }

    static String age(Duration d) {
        if (d.toDays() >= 1) {
            return d.toDays() + " d";
        }
        if (d.toHours() >= 1) {
            return d.toHours() + " h";
        }
        if (d.toMinutes() >= 1) {
            return d.toMinutes() + " min";
        }
        return d.toSeconds() + " s";
    }
}
