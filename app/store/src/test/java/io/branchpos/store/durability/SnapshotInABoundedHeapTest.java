package io.branchpos.store.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A till runs with a bounded heap ({@code -Xmx256m}, installers/client-jvm-options). A new terminal
 * of a large chain loads its catalog from a feed snapshot and then builds and saves its barcode map
 * and search index; none of that may need more heap than the catalog's share of it. Here at half
 * the scale: 100,000 products in 128 MB, in a child JVM with real H2 files. Loading held every
 * product's parsed tree until the end and raised H2's page cache to 256 MB, and saving the search
 * index doubled one contiguous buffer: each ran out of memory on its own (found at 200k SKUs with
 * the shipped options).
 */
class SnapshotInABoundedHeapTest {
    @TempDir
    Path dir;

    @Test
    void aLargeSnapshotIsLoadedAndIndexedWithinATillsHeap() throws Exception {
        Path childLog = dir.resolve("child-stderr.log");
        Process child = ChildJvm.start(ChildJvm.command("128m", SnapshotLoadingChild.class,
                dir.resolve("data").toString(), "100000", "index"), childLog);
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.startsWith("READ ")) {
                    lines.add(line);
                }
            }
        }
        assertThat(child.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(lines).as("the child's log:%n%s", ChildJvm.tail(childLog)).containsExactly("LOADED", "INDEXED 100000");
        assertThat(child.exitValue()).isZero();
    }
}
