package io.branchpos.store.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved catalog file is streamed through a small window straight into its arrays (decision
 * 0023): values and arrays that cross the window's edges read back unchanged, the checksum covers
 * every byte read, and a file cut short or altered is refused, never half-used.
 */
class ImageInputTest {
    @TempDir
    Path dir;

    private static Image sample(Random random, int[] ints, long[] longs, byte[] bytes) {
        Image image = new Image();
        image.string("før");
        image.ints(ints);
        image.putShort((short) -2);
        image.bytes(bytes);
        for (int i = 0; i < 70_000; i++) { // single values at every offset of a window's end
            image.putShort((short) i);
        }
        image.longs(longs);
        image.strings(new String[] {"a", "", "bread"});
        return image;
    }

    private Path write(Image image) throws Exception {
        Path f = dir.resolve("image.bin");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (ByteBuffer b : image.chunks()) {
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
        }
        return f;
    }

    @Test
    void streamedFromAFileArraysAndValuesAcrossWindowEdgesReadBackUnchangedAndTheChecksumCoversAllBytes()
            throws Exception {
        Random random = new Random(11);
        int[] ints = random.ints(100_003).toArray();
        long[] longs = random.longs(30_001).toArray();
        byte[] bytes = new byte[150_001];
        random.nextBytes(bytes);
        Image image = sample(random, ints, longs, bytes);
        Path f = write(image);
        byte[] all = Files.readAllBytes(f);

        CRC32 crc = new CRC32();
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            ImageInput in = ImageInput.streaming(ch, ch.size(), crc);
            assertThat(in.readString()).isEqualTo("før");
            assertThat(in.readInts()).isEqualTo(ints);
            assertThat(in.getShort()).isEqualTo((short) -2);
            assertThat(in.readBytes()).isEqualTo(bytes);
            for (int i = 0; i < 70_000; i++) {
                assertThat(in.getShort()).isEqualTo((short) i);
            }
            assertThat(in.readLongs()).isEqualTo(longs);
            assertThat(in.readStrings()).containsExactly("a", "", "bread");
            assertThat(in.remaining()).isZero();
        }
        CRC32 whole = new CRC32();
        whole.update(all);
        assertThat(crc.getValue()).isEqualTo(whole.getValue());
    }

    @Test
    void aFileCutShortUnderflowsAndACountLargerThanWhatIsLeftIsRefusedBeforeAnythingIsAllocated() throws Exception {
        Random random = new Random(3);
        Image image = sample(random, random.ints(20_000).toArray(), random.longs(10).toArray(), new byte[10]);
        Path f = write(image);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            ImageInput in = ImageInput.streaming(ch, ch.size() - 1_000, new CRC32());
            in.readString();
            assertThat(in.readInts()).hasSize(20_000);
            in.getShort();
            in.readBytes();
            assertThrows(BufferUnderflowException.class, () -> {
                for (int i = 0; i < 70_000; i++) {
                    in.getShort();
                }
            });
        }
        ByteBuffer huge = ByteBuffer.allocate(8).putInt(Integer.MAX_VALUE).putInt(0);
        huge.flip();
        assertThrows(IllegalArgumentException.class, () -> ImageInput.of(huge).readInts());
    }

    @Test
    void aSavedSnapshotLoadsThroughTheStreamAndOneAlteredByteOrAnOlderStampGivesNothing() throws Exception {
        CatalogSnapshotFiles files = new CatalogSnapshotFiles(dir);
        int[] ints = new Random(5).ints(50_000).toArray();
        Image image = new Image();
        image.ints(ints);
        files.save("t", "stamp-1", image);

        assertThat(files.load("t", "stamp-1", ImageInput::readInts)).hasValueSatisfying(a -> assertThat(a).isEqualTo(ints));
        assertThat(files.load("t", "stamp-2", ImageInput::readInts)).isEmpty();
        // a reader that leaves bytes unread gets nothing either
        assertThat(files.load("t", "stamp-1", in -> in.intCount())).isEmpty();

        Path f = files.file("t");
        byte[] bytes = Files.readAllBytes(f);
        bytes[bytes.length / 2] ^= 0x10; // inside the ints: parses, but the checksum does not hold
        Files.write(f, bytes);
        assertThat(files.load("t", "stamp-1", ImageInput::readInts)).isEmpty();
        assertThat(files.load("missing", "stamp-1", ImageInput::readInts)).isEmpty();
    }
}
