package io.branchpos.sync.client;

/**
 * Receives status snapshots on the sync thread. Must return fast, must not block and must not
 * throw; the desktop hands the snapshot to the FX thread ({@code Platform.runLater}).
 */
@FunctionalInterface
public interface SyncStatusListener {
    void onStatus(SyncStatus status);
}
