package io.branchpos.desktop.feed;

import io.branchpos.store.feed.FeedEntry;
import io.branchpos.store.feed.FeedStore;
import io.branchpos.store.feed.MassDeactivationRefusedException;
import io.branchpos.sync.client.CatalogSink;
import io.branchpos.sync.protocol.FeedChange;
import io.branchpos.sync.protocol.FeedPage;
import io.branchpos.sync.protocol.ProtocolJson;
import io.branchpos.sync.protocol.FeedSnapshot;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** {@link CatalogSink} over the terminal's store: one page and its cursor per H2 transaction. */
public final class StoreCatalogSink implements CatalogSink {
    private final FeedStore feed;

    public StoreCatalogSink(FeedStore feed) {
        this.feed = feed;
    }

    @Override
    public String cursor() {
        return feed.state().cursor();
    }

    @Override
    public boolean wantsSnapshot() {
        return feed.wantsSnapshot();
    }

    @Override
    public long loadSnapshot(FeedSnapshot.Reader snapshot) {
        return loadSnapshot(snapshot.cursor(), snapshot.rows());
    }

    /** Loads the changes of a snapshot taken at {@code cursor} as they arrive (see {@link FeedStore#loadSnapshot}). */
    public long loadSnapshot(String cursor, Iterator<FeedSnapshot.Row> rows) {
        return feed.loadSnapshot(cursor, new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public FeedEntry next() {
                FeedSnapshot.Row r = rows.next();
                return new FeedEntry(r.kind(), r.key(), r.intended(), r.dataJson());
            }
        });
    }

    @Override
    public void apply(String after, FeedPage page) {
        List<FeedEntry> entries = new ArrayList<>(page.changes().size());
        for (FeedChange c : page.changes()) {
            entries.add(new FeedEntry(c.kind(), c.key(), c.intended(),
                    c.data() == null ? "{}" : ProtocolJson.writeString(c.data())));
        }
        try {
            feed.apply(after, entries, page.nextCursor(), page.hasMore(), page.remaining());
        } catch (MassDeactivationRefusedException e) {
            throw new RefusedPageException(e.getMessage());
        }
    }
}
