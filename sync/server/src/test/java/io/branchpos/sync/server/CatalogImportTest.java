package io.branchpos.sync.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchpos.sync.server.catalog.CatalogImporter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CatalogImportTest {
    private static TestServer hq;
    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        hq = TestServer.fresh();
    }

    @AfterAll
    static void stop() {
        hq.close();
    }

    private CatalogImporter importer() {
        return new CatalogImporter(hq.dataSource, Instant.parse("2026-11-22T12:00:00Z"));
    }

    private static void ddl(String sql) throws Exception {
        try (var c = hq.dataSource.getConnection(); var st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void aCleanCsvImportsTaxesProductsBarcodesAndPricesAndReachesTheFeed() throws Exception {
        assertTrue(importer().importFile(file("taxes.csv", "code,percent,name\nSTD,19,standard\nRED,7,\"reduced, food\"\n"), false, "ops").ok());
        long feedBefore = hq.count("select count(*) from feed_change");
        CatalogImporter.Report r = importer().importFile(file("products.csv", """
                sku,name,category,tax_code,unit,currency,price,barcodes,active
                A1,"Milk 1l, organic",Dairy,RED,PIECE,EUR,1.19,4000000000017;4000000000024,true
                A2,Cheese,Dairy,RED,KILOGRAM,EUR,12.90,,true
                """), false, "ops");
        assertTrue(r.committed(), r.problems().toString());
        assertEquals(2, r.products());
        assertEquals(2, r.prices());
        assertEquals("Milk 1l, organic", hq.single("select name from catalog_product where sku = 'A1'"));
        assertEquals(2L, hq.count("select count(*) from catalog_barcode where sku = 'A1'"));
        assertEquals(0, new BigDecimal("12.90").compareTo((BigDecimal) hq.single("select price from catalog_price where sku = 'A2'")));
        assertTrue(hq.count("select count(*) from feed_change") > feedBefore);
        // importing the same file again changes no price
        assertEquals(0, importer().importFile(dir.resolve("products.csv"), false, "ops").prices());
    }

    @Test
    void aRowOnlyTheDatabaseRefusesIsStillReportedByLineAndNothingIsImported() throws Exception {
        importer().importFile(file("taxes.json", "{\"taxes\":[{\"code\":\"STD\",\"percent\":\"19\",\"name\":\"standard\"}]}"), false, "ops");
        long products = hq.count("select count(*) from catalog_product");
        long feed = hq.count("select count(*) from feed_change");
        // a rule only the database knows (here a constraint added for the test): the set-wise write
        // is refused as a whole and the row-by-row pass names the line
        ddl("alter table catalog_product add constraint test_refuses_l2 check (sku <> 'L2') not valid");
        CatalogImporter.Report r;
        try {
            r = importer().importFile(file("refused.csv", "sku,name,category,tax_code,unit,currency,price,barcodes\n"
                    + "L1,Fine,Food,STD,PIECE,EUR,1.00,\n"
                    + "L2,Refused,Food,STD,PIECE,EUR,1.00,\n"), false, "ops");
        } finally {
            ddl("alter table catalog_product drop constraint test_refuses_l2");
        }
        assertFalse(r.ok());
        assertEquals(1, r.problems().size(), r.problems().toString());
        assertTrue(r.problems().get(0).toString().startsWith("line 3: refused by the database"), r.problems().toString());
        assertEquals(products, hq.count("select count(*) from catalog_product"));
        assertEquals(feed, hq.count("select count(*) from feed_change"));
    }

    @Test
    void oneBadRowAndNothingIsImportedWithEveryProblemReportedByLine() throws Exception {
        importer().importFile(file("taxes.json", "{\"taxes\":[{\"code\":\"STD\",\"percent\":\"19\",\"name\":\"standard\"}]}"), false, "ops");
        long products = hq.count("select count(*) from catalog_product");
        Path csv = file("bad.csv", """
                sku,name,category,tax_code,unit,currency,price,barcodes
                B1,Good,Food,STD,PIECE,EUR,1.00,4000000001001
                B2,,Food,STD,PIECE,EUR,1.00,
                B3,Bad price,Food,STD,PIECE,EUR,1.005,
                B4,Bad tax,Food,NOPE,PIECE,EUR,1.00,
                B5,Bad unit,Food,STD,BUCKET,EUR,1.00,
                B6,Same barcode,Food,STD,PIECE,EUR,1.00,4000000001001
                """);
        for (boolean dryRun : new boolean[] {true, false}) {
            CatalogImporter.Report r = importer().importFile(csv, dryRun, "ops");
            assertFalse(r.ok());
            assertFalse(r.committed());
            String report = r.problems().toString();
            assertTrue(report.contains("line 3: name is missing"), report);
            assertTrue(report.contains("line 4: price 1.005 has more decimals than EUR allows"), report);
            assertTrue(report.contains("line 5: unknown tax code NOPE"), report);
            assertTrue(report.contains("line 6: unit must be one of"), report);
            assertTrue(report.contains("line 7: barcode 4000000001001 is also given at line 2"), report);
            assertEquals(products, hq.count("select count(*) from catalog_product"), "nothing half-imported");
        }
    }

    @Test
    void aJsonDryRunReportsAndChangesNothing() throws Exception {
        long feed = hq.count("select count(*) from feed_change");
        CatalogImporter.Report r = importer().importFile(file("catalog.json", """
                {"taxes": [{"code": "ZERO", "percent": "0", "name": "zero"}],
                 "products": [{"sku": "J1", "name": "Book", "category": "Books", "taxCode": "ZERO", "unit": "PIECE",
                               "currency": "EUR", "price": "9.99", "barcodes": ["9780000000002"],
                               "effectiveFrom": "2026-12-01T06:00:00Z"}]}
                """), true, "ops");
        assertTrue(r.ok(), r.problems().toString());
        assertTrue(r.dryRun());
        assertEquals(1, r.prices());
        assertEquals(feed, hq.count("select count(*) from feed_change"));
        assertEquals(0L, hq.count("select count(*) from catalog_product where sku = 'J1'"));
    }

    @Test
    void priceSetFromTheCommandLineSchedulesAPriceVersion() throws Exception {
        importer().importFile(file("t.csv", "code,percent,name\nSTD,19,standard\n"), false, "ops");
        importer().importFile(file("p.csv", "sku,name,category,tax_code,unit,currency,price\nC1,Cola,Drinks,STD,PIECE,EUR,1.50\n"), false, "ops");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true));
        int exit;
        try {
            exit = new CommandLine(new ServerMain()).execute("price", "set", "--db-url", hq.jdbcUrl, "--db-password", "postgres",
                    "--sku", "C1", "--price", "1.39", "--from", "2026-12-24T00:00:00Z", "--by", "maria");
        } finally {
            System.setOut(old);
        }
        assertEquals(0, exit, out.toString());
        assertTrue(out.toString().contains("price of C1 is 1.39 from 2026-12-24T00:00:00Z"), out.toString());
        assertEquals("maria", hq.single("select created_by from catalog_price where sku = 'C1' and price = 1.39"));
        assertEquals(1L, hq.count("select count(*) from feed_change where kind = 'PRICE' and entity_key = 'C1@2026-12-24T00:00:00Z'"));
    }

    @Test
    void anOptionalCostColumnIsStoredAndCarriedInTheProductFeedDataAndABadCostIsReportedByLine() throws Exception {
        importer().importFile(file("t.csv", "code,percent,name\nSTD,19,standard\n"), false, "ops");
        CatalogImporter.Report bad = importer().importFile(file("bad.csv",
                "sku,name,category,tax_code,unit,currency,price,cost\nK1,Kettle,Home,STD,PIECE,EUR,29.90,-3\nK2,Cup,Home,STD,PIECE,EUR,4.90,abc\n"),
                false, "ops");
        assertFalse(bad.ok());
        assertTrue(bad.problems().toString().contains("line 2: cost cannot be negative"), bad.problems().toString());
        assertTrue(bad.problems().toString().contains("line 3:"), bad.problems().toString());
        assertEquals(0L, hq.count("select count(*) from catalog_product where sku in ('K1', 'K2')"));

        CatalogImporter.Report ok = importer().importFile(file("good.csv",
                "sku,name,category,tax_code,unit,currency,price,cost\nK1,Kettle,Home,STD,PIECE,EUR,29.90,17.3\nK2,Cup,Home,STD,PIECE,EUR,4.90,\n"),
                false, "ops");
        assertTrue(ok.committed(), ok.problems().toString());
        assertEquals(0, new BigDecimal("17.30").compareTo((BigDecimal) hq.single("select cost from catalog_product where sku = 'K1'")));
        String k1 = (String) hq.single("select data from feed_change where kind = 'PRODUCT' and entity_key = 'K1' order by change_id desc limit 1");
        assertTrue(k1.contains("\"cost\":\"17.3\""), k1);
        String k2 = (String) hq.single("select data from feed_change where kind = 'PRODUCT' and entity_key = 'K2' order by change_id desc limit 1");
        assertFalse(k2.contains("cost"), "no cost, no field: " + k2);

        importer().importFile(file("nocost.csv", "sku,name,category,tax_code,unit,currency,price\nK1,Kettle XL,Home,STD,PIECE,EUR,29.90\n"),
                false, "ops");
        assertEquals(0, new BigDecimal("17.30").compareTo((BigDecimal) hq.single("select cost from catalog_product where sku = 'K1'")),
                "a file without the cost column keeps the cost");
    }
}
