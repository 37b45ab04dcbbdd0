package io.branchpos.desktop.reports;

import io.branchpos.desktop.reports.ReportsViewModel.Series;
import io.branchpos.store.report.ReportRepository.Bucket;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.PieChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import io.branchpos.store.report.ReportRepository.AuditRow;

/** Thin view of the reports: charts follow the view model's series. */
public final class ReportsController {
    private final ReportsViewModel model;

    @FXML private DatePicker fromPicker;
    @FXML private DatePicker toPicker;
    @FXML private Label messageLabel;
    @FXML private BarChart<String, Number> hourChart;
    @FXML private PieChart categoryChart;
    @FXML private BarChart<String, Number> cashierChart;
    @FXML private PieChart tenderChart;
    @FXML private BarChart<String, Number> topChart;
    @FXML private BarChart<String, Number> returnsChart;
    @FXML private BarChart<String, Number> valuationChart;
    @FXML private TableView<AuditRow> auditTable;
    @FXML private TableColumn<AuditRow, String> auditAt;
    @FXML private TableColumn<AuditRow, String> auditType;
    @FXML private TableColumn<AuditRow, String> auditUser;
    @FXML private TableColumn<AuditRow, String> auditDetail;

    public ReportsController(ReportsViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        fromPicker.valueProperty().bindBidirectional(model.fromProperty());
        toPicker.valueProperty().bindBidirectional(model.toProperty());
        messageLabel.textProperty().bind(model.messageProperty());
        bar(hourChart, model.series(Series.BY_HOUR));
        pie(categoryChart, model.series(Series.BY_CATEGORY));
        bar(cashierChart, model.series(Series.BY_CASHIER));
        pie(tenderChart, model.series(Series.BY_TENDER));
        bar(topChart, model.series(Series.TOP_PRODUCTS));
        bar(returnsChart, model.series(Series.RETURNS));
        bar(valuationChart, model.series(Series.STOCK_VALUATION));
        auditTable.setItems(model.audit());
        column(auditAt, a -> a.at().toString());
        column(auditType, AuditRow::type);
        column(auditUser, AuditRow::user);
        column(auditDetail, AuditRow::detail);
        model.load();
    }

    private static <R> void column(TableColumn<R, String> c, Function<R, String> f) {
        c.setCellValueFactory(x -> new ReadOnlyStringWrapper(f.apply(x.getValue())));
    }

    private static void bar(BarChart<String, Number> chart, ObservableList<Bucket> data) {
        Runnable update = () -> {
            XYChart.Series<String, Number> s = new XYChart.Series<>();
            for (Bucket b : data) {
                s.getData().add(new XYChart.Data<>(shorten(b.label()), b.amount()));
            }
            chart.getData().setAll(List.of(s));
        };
        data.addListener((ListChangeListener<Bucket>) c -> update.run());
        update.run();
    }

    private static void pie(PieChart chart, ObservableList<Bucket> data) {
        Runnable update = () -> chart.getData().setAll(data.stream()
                .map(b -> new PieChart.Data(b.label() + " " + b.amount().toPlainString(), b.amount().doubleValue()))
                .toList());
        data.addListener((ListChangeListener<Bucket>) c -> update.run());
        update.run();
    }

    private static String shorten(String label) {
        return label.length() > 22 ? label.substring(0, 21) + "…" : label;
    }

    @FXML
    private void load() {
        model.load();
    }

    @FXML
    private void exportCsv() {
        model.exportCsv();
    }
}
