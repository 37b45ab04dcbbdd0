package io.branchpos.desktop.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.domain.catalog.Product;
import io.branchpos.domain.catalog.Sku;
import io.branchpos.domain.catalog.UnitOfMeasure;
import io.branchpos.domain.money.Money;
import io.branchpos.domain.tax.TaxRate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class CheckoutViewModelTest {
    private static final Product MILK = new Product(new Sku("1"), "Whole Milk 1 l", "Dairy", TaxRate.of("R", "7"),
            UnitOfMeasure.PIECE, Money.of("1.19", "EUR"), true, false);

    /** A background executor that runs tasks only when told, to reorder completions. */
    static final class ManualExecutor implements Executor {
        final Deque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable r) {
            tasks.add(r);
        }

        void runLast() {
            tasks.removeLast().run();
        }

        void runAll() {
            while (!tasks.isEmpty()) {
                tasks.removeFirst().run();
            }
        }
    }

    private static ProductSearch fixed(List<Product> hits) {
        return new ProductSearch() {
            @Override
            public List<Product> search(String query, int limit) {
                return query.startsWith("mil") ? hits : List.of();
            }

            @Override
            public Optional<Product> byBarcode(String code) {
                return Optional.empty();
            }
        };
    }

    @Test
    void typingShowsMatchingProductsWithLocalisedPrices() {
        ManualExecutor bg = new ManualExecutor();
        CheckoutViewModel vm = new CheckoutViewModel(fixed(List.of(MILK)), bg, Runnable::run, Locale.GERMANY);
        vm.queryProperty().set("milk");
        bg.runAll();
        assertThat(vm.results()).extracting(ProductRow::name).containsExactly("Whole Milk 1 l");
        assertThat(vm.results().get(0).price()).isEqualTo("1,19\u00a0€");
    }

    @Test
    void aSlowOlderSearchNeverOverwritesANewerOne() {
        ManualExecutor bg = new ManualExecutor();
        CheckoutViewModel vm = new CheckoutViewModel(fixed(List.of(MILK)), bg, Runnable::run, Locale.US);
        vm.queryProperty().set("mil");
        vm.queryProperty().set("xyz");
        bg.runLast(); // "xyz" finishes first: nothing found
        bg.runAll(); // then the stale "mil" result arrives
        assertThat(vm.results()).isEmpty();
        assertThat(vm.messageProperty().get()).isEqualTo("No product matches \"xyz\"");
    }

    @Test
    void clearingTheFieldClearsResults() {
        ManualExecutor bg = new ManualExecutor();
        CheckoutViewModel vm = new CheckoutViewModel(fixed(List.of(MILK)), bg, Runnable::run, Locale.US);
        vm.queryProperty().set("milk");
        bg.runAll();
        vm.queryProperty().set("  ");
        assertThat(vm.results()).isEmpty();
    }

    @Test
    void aFailingSearchIsAMessageNotACrash() {
        ProductSearch broken = new ProductSearch() {
            @Override
            public List<Product> search(String query, int limit) {
                throw new IllegalStateException("database is closed");
            }

            @Override
            public Optional<Product> byBarcode(String code) {
                return Optional.empty();
            }
        };
        CheckoutViewModel vm = new CheckoutViewModel(broken, Runnable::run, Runnable::run, Locale.US);
        vm.queryProperty().set("milk");
        assertThat(vm.messageProperty().get()).isEqualTo("Search failed: database is closed");
    }
}
