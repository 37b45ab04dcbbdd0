package io.branchpos.desktop.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileRewriteTest {
    static final String KEY = "enrollment.code";

    @TempDir
    Path dir;

    @Test
    void removesOnlyTheCodeEntryAndKeepsEveryOtherByte() throws Exception {
        String before = "# BranchPOS terminal, pre-seeded by IT\r\n"
                + "server.url=https://hq.example.com\n"
                + "\n"
                + "branch.code = B-001\n"
                + "# one-time code below\n"
                + "   enrollment.code = ABCD-1234   \n"
                + "receipt.footer=Thanks \\\n"
                + "    enrollment.code=not-a-key-here\n"
                + "!enrollment.code=ABCD-1234 (a comment, stays)\n"
                + "terminal.id:T-001";
        Path file = write("branchpos.properties", before);

        assertThat(ConfigFileRewrite.removeEntries(file, KEY, v -> v.trim().equals("ABCD-1234"))).isEqualTo(1);

        assertThat(Files.readString(file)).isEqualTo(before.replace("   enrollment.code = ABCD-1234   \n", ""));
        Properties after = load(file);
        assertThat(after).doesNotContainKey(KEY);
        assertThat(after.getProperty("receipt.footer")).isEqualTo("Thanks enrollment.code=not-a-key-here");
        assertThat(after.getProperty("terminal.id")).isEqualTo("T-001");
    }

    @Test
    void aCodeContinuedOverSeveralLinesGoesWhole() throws Exception {
        Path file = write("c.properties", "a=1\nenrollment.code=ABCD-\\\n   1234\nb=2\n");
        assertThat(ConfigFileRewrite.removeEntries(file, KEY, "ABCD-1234"::equals)).isEqualTo(1);
        assertThat(Files.readString(file)).isEqualTo("a=1\nb=2\n");
    }

    @Test
    void anEntryWithAnotherValueIsKeptAndTheFileNotTouched() throws Exception {
        Path file = write("c.properties", "enrollment.code=NEW-CODE\n");
        Object inode = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        assertThat(ConfigFileRewrite.removeEntries(file, KEY, "OLD-CODE"::equals)).isZero();
        assertThat(Files.readString(file)).isEqualTo("enrollment.code=NEW-CODE\n");
        assertThat(Files.readAttributes(file, BasicFileAttributes.class).fileKey()).isEqualTo(inode);
    }

    @Test
    void theFileIsReplacedByRenameWithItsModeAndGroupAndNoTemporaryFileIsLeft() throws Exception {
        String before = "server.url=http://hq\nenrollment.code=X1\n";
        Path file = write("branchpos.properties", before);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
        Object group = Files.getAttribute(file, "posix:group");
        Object inode = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
            ConfigFileRewrite.removeEntries(file, KEY, "X1"::equals);

            // a process that had the old file open still reads it whole: it was never truncated or rewritten in place
            ByteBuffer old = ByteBuffer.allocate(100);
            reader.read(old, 0);
            assertThat(new String(old.array(), 0, old.position(), StandardCharsets.UTF_8)).isEqualTo(before);
        }
        assertThat(Files.readString(file)).isEqualTo("server.url=http://hq\n");
        assertThat(Files.readAttributes(file, BasicFileAttributes.class).fileKey()).as("a new inode").isNotEqualTo(inode);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-rw----");
        assertThat(Files.getAttribute(file, "posix:group")).isEqualTo(group);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aReadOnlyFileIsRefusedAndLeftAsItWas() throws Exception {
        // IT locks the file by mode (0440): respected even by root, who could write it anyway
        Path file = write("c.properties", "enrollment.code=X1\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r-----"));
        assertThatThrownBy(() -> ConfigFileRewrite.removeEntries(file, KEY, "X1"::equals))
                .isInstanceOf(ConfigFileRewrite.Refused.class).hasMessageContaining("read-only");
        assertThat(Files.readString(file)).isEqualTo("enrollment.code=X1\n");
    }

    @Test
    void aSymbolicLinkOrAHardLinkedFileIsRefused() throws Exception {
        Path managed = write("managed.properties", "enrollment.code=X1\n");
        Path link = Files.createSymbolicLink(dir.resolve("branchpos.properties"), managed);
        assertThatThrownBy(() -> ConfigFileRewrite.removeEntries(link, KEY, "X1"::equals))
                .isInstanceOf(ConfigFileRewrite.Refused.class).hasMessageContaining("symbolic link");
        Path hard = Files.createLink(dir.resolve("hard.properties"), managed);
        assertThatThrownBy(() -> ConfigFileRewrite.removeEntries(hard, KEY, "X1"::equals))
                .isInstanceOf(ConfigFileRewrite.Refused.class).hasMessageContaining("hard links");
        assertThat(Files.readString(managed)).isEqualTo("enrollment.code=X1\n");
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    private Path write(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    private static Properties load(Path file) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(file)));
        return p;
    }
}
