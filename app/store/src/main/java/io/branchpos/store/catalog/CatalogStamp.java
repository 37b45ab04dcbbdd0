package io.branchpos.store.catalog;

import io.branchpos.store.WriteContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The catalog's stamp (migration V11): a random value replaced in the same transaction as every
 * change to products, barcodes or tax rates. The saved barcode map and search index
 * ({@link CatalogSnapshotFiles}) are valid only under the stamp they were read at (decision 0010).
 */
final class CatalogStamp {
    static final String BUMP = "UPDATE catalog_stamp SET stamp = CAST(RANDOM_UUID() AS VARCHAR) WHERE id = 1";

    private CatalogStamp() {
    }

    /** The catalog changes in {@code ctx}'s transaction. */
    static void bump(WriteContext ctx) {
        ctx.session().createNativeMutationQuery(BUMP).executeUpdate();
    }

    /** The catalog changes in the transaction {@code c} is in. */
    static void bump(Connection c) throws SQLException {
        try (var st = c.createStatement()) {
            st.executeUpdate(BUMP);
        }
    }

    /** The stamp as committed now. */
    static String read(Connection c) throws SQLException {
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT stamp FROM catalog_stamp WHERE id = 1")) {
            if (!rs.next()) {
                throw new SQLException("catalog_stamp has no row");
            }
            return rs.getString(1);
        }
    }
}
