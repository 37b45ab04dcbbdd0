package io.branchpos.desktop.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchpos.desktop.manager.ManagerServices;
import io.branchpos.desktop.manager.ManagerTestServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsViewModelTest {
    @TempDir
    Path dir;

    @Test
    void loadsEverySeriesAndExportsThemAsCsv() throws Exception {
        ManagerServices s = ManagerTestServices.open(dir, 5);
        try (var store = s.store()) {
            ReportsViewModel vm = new ReportsViewModel(s, ManagerTestServices.MANAGER, store.businessDay());
            vm.load();
            assertThat(vm.series(ReportsViewModel.Series.BY_HOUR)).hasSize(24);
            Path csv = vm.exportCsv();
            assertThat(Files.readAllLines(csv).get(0)).isEqualTo("report,label,amount,quantity");
        }
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsRefused() {
        ManagerServices s = ManagerTestServices.open(dir, 5);
        try (var store = s.store()) {
            ReportsViewModel vm = new ReportsViewModel(s, ManagerTestServices.MANAGER, store.businessDay());
            vm.toProperty().set(vm.fromProperty().get().minusDays(1));
            vm.load();
            assertThat(vm.messageProperty().get()).contains("end is not before");
        }
    }

    @Test
    void thePdfHasACorrectCrossReferenceTable() {
        byte[] pdf = TextPdf.of("t", List.of("Z REPORT (x)", "line \\ two", "Total 12.50 €"));
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        int xref = Integer.parseInt(text.substring(text.indexOf("startxref\n") + 10, text.indexOf("\n%%EOF")).trim());
        assertThat(text.substring(xref)).startsWith("xref");
        String[] entries = text.substring(xref).split("\n");
        for (int i = 3; i < entries.length && entries[i].endsWith(" n "); i++) {
            int offset = Integer.parseInt(entries[i].substring(0, 10));
            assertThat(text.substring(offset)).startsWith((i - 2) + " 0 obj");
        }
        assertThat(text).contains("(Z REPORT \\(x\\)) Tj").contains("line \\\\ two").contains("12.50 EUR");
    }
}
