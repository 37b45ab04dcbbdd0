package io.branchpos.sync.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchpos.sync.protocol.ProtocolJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PromotionCommandsTest {
    private static TestServer hq;

    @BeforeAll
    static void start() {
        hq = TestServer.fresh();
    }

    @AfterAll
    static void stop() {
        hq.close();
    }

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ServerMain());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--db-url", hq.jdbcUrl, "--db-password", "postgres", "--by", "maria"));
        int exit = cl.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private JsonNode lastFeedData(String id) throws Exception {
        List<List<Object>> rows = hq.rows("select data from feed_change where kind = 'PROMOTION' and entity_key = ? "
                + "order by xid desc, change_id desc limit 1", id);
        return ProtocolJson.mapper().readTree((String) rows.get(0).get(0));
    }

    @Test
    void aMixAndMatchPromotionIsVersionedAndReachesTheFeedAndEndingItIsANewVersion() throws Exception {
        Run first = run("promotion", "set", "--id", "WINE3", "--name", "Any 3 wines for 12", "--any", "3", "--for", "12.00",
                "--category", "Wine", "--from", "2026-12-01T00:00:00Z", "--until", "2027-01-01T00:00:00Z");
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains("promotion WINE3 version 1"), first.out());
        JsonNode d = lastFeedData("WINE3");
        assertEquals("MIX_AND_MATCH", d.path("kind").asText());
        assertEquals(3, d.path("count").asInt());
        assertEquals("12.00", d.path("price").asText());
        assertEquals("Wine", d.path("target").path("category").asText());
        assertEquals(1, d.path("version").asLong());

        Run second = run("promotion", "set", "--id", "WINE3", "--name", "Any 3 wines for 11", "--any", "3", "--for", "11.00",
                "--category", "Wine", "--from", "2026-12-01T00:00:00Z");
        assertEquals(0, second.exit(), second.err());
        assertEquals(2, lastFeedData("WINE3").path("version").asLong());
        assertTrue(lastFeedData("WINE3").path("validUntil").isNull());

        Run end = run("promotion", "end", "--id", "WINE3", "--at", "2026-12-24T18:00:00Z");
        assertEquals(0, end.exit(), end.err());
        JsonNode ended = lastFeedData("WINE3");
        assertEquals(3, ended.path("version").asLong());
        assertEquals("2026-12-24T18:00:00Z", ended.path("validUntil").asText());
        assertEquals("11.00", ended.path("price").asText());
        assertEquals(3L, hq.count("select count(*) from promotion_version where promotion_id = 'WINE3'"));
        assertEquals("maria", hq.single("select created_by from promotion_version where promotion_id = 'WINE3' and version = 3"));
    }

    @Test
    void buyXGetYAndPercentOffAreAccepted() throws Exception {
        Run bogo = run("promotion", "set", "--id", "COLA-B2G1", "--name", "Cola 3 for 2", "--buy", "2", "--get", "1",
                "--sku", "C1", "--sku", "C2");
        assertEquals(0, bogo.exit(), bogo.err());
        JsonNode d = lastFeedData("COLA-B2G1");
        assertEquals("BUY_X_GET_Y", d.path("kind").asText());
        assertEquals("100", d.path("percent").asText());
        assertEquals(2, d.path("target").path("skus").size());
        Run pct = run("promotion", "set", "--id", "DAIRY25", "--name", "Dairy -25%", "--percent-off", "25", "--category", "Dairy");
        assertEquals(0, pct.exit(), pct.err());
    }

    @Test
    void aBadPromotionIsRefusedWithEveryReasonAndNothingIsWritten() {
        long before = hq.count("select count(*) from feed_change where kind = 'PROMOTION'");
        Run bad = run("promotion", "set", "--id", "BAD", "--name", "Bad", "--percent-off", "120", "--sku", "A",
                "--category", "Dairy", "--from", "2026-12-10T00:00:00Z", "--until", "2026-12-01T00:00:00Z");
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("percent off must be more than 0 and at most 100"), bad.err());
        assertTrue(bad.err().contains("either --sku"), bad.err());
        assertTrue(bad.err().contains("before it starts"), bad.err());
        Run twoKinds = run("promotion", "set", "--id", "BAD", "--name", "Bad", "--percent-off", "10", "--amount-off", "1",
                "--sku", "A");
        assertEquals(2, twoKinds.exit(), twoKinds.err());
        Run unknown = run("promotion", "end", "--id", "NOPE");
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().contains("no promotion with id NOPE"), unknown.err());
        assertEquals(before, hq.count("select count(*) from feed_change where kind = 'PROMOTION'"));
        assertEquals(0L, hq.count("select count(*) from promotion where promotion_id = 'BAD'"));
    }
}
