package io.branchpos.store.sale;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchpos.store.LocalStore;
import io.branchpos.store.TestStores;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The foreign keys of {@code sale_line} and {@code payment} to {@code sale} hold. Their indexes cost
 * each sale a B-tree page of its own, but H2 2.4 cannot carry a foreign key on the composite primary
 * key (decision 0013), so any later attempt to save those bytes must keep these green.
 */
class SaleForeignKeysTest {
    @TempDir
    Path dir;

    @Test
    void aLineForASaleThatDoesNotExistIsRefused() {
        try (LocalStore store = TestStores.open(dir)) {
            assertThatThrownBy(() -> store.jdbc(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO sale_line(sale_id, line_no, sku,"
                        + " description, quantity, unit_price, list_price, discount, tax_code, tax_rate, net, tax, gross)"
                        + " VALUES (?, 1, 'X', 'x', 1, 1, 1, 0, 'S', 0, 1, 0, 1)")) {
                    ps.setObject(1, UUID.randomUUID());
                    return ps.executeUpdate();
                }
            })).hasMessageContaining("Referential integrity");
        }
    }

    @Test
    void aPaymentForASaleThatDoesNotExistIsRefused() {
        try (LocalStore store = TestStores.open(dir)) {
            assertThatThrownBy(() -> store.jdbc(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO payment(sale_id, payment_no, tender,"
                        + " amount) VALUES (?, 1, 'CASH', 1)")) {
                    ps.setObject(1, UUID.randomUUID());
                    return ps.executeUpdate();
                }
            })).hasMessageContaining("Referential integrity");
        }
    }
}
