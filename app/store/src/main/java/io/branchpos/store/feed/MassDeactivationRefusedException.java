package io.branchpos.store.feed;

/** A page would deactivate most of the catalog and HQ did not mark it intended: nothing was applied. */
public final class MassDeactivationRefusedException extends RuntimeException {
    public MassDeactivationRefusedException(String message) {
        super(message);
    }
}
