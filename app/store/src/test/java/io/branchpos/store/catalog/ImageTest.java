package io.branchpos.store.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The chunked image (decision 0010) reads back exactly what was written, across chunk boundaries. */
class ImageTest {
    @Test
    void arraysLargerThanAChunkAndValuesAcrossChunkEndsReadBackUnchanged() {
        Random random = new Random(7);
        int[] ints = random.ints(700_000).toArray(); // 2.8 MB: spans three chunks
        long[] longs = random.longs(300_001).toArray();
        byte[] bytes = new byte[1_500_003];
        random.nextBytes(bytes);
        Image image = new Image();
        image.string("før");
        image.ints(ints);
        image.putShort((short) -2);
        image.bytes(bytes);
        for (int i = 0; i < 300_000; i++) { // single values that land on every offset of a chunk end
            image.putShort((short) i);
        }
        image.longs(longs);
        image.strings(new String[] {"a", "", "bread"});

        long chunked = image.chunks().stream().mapToLong(ByteBuffer::remaining).sum();
        assertThat(image.chunks()).hasSizeGreaterThan(3);
        assertThat(chunked).isEqualTo(image.length());
        ByteBuffer in = ByteBuffer.wrap(image.toBytes());
        assertThat(in.remaining()).isEqualTo((int) image.length());
        assertThat(Image.readString(in)).isEqualTo("før");
        assertThat(Image.readInts(in)).isEqualTo(ints);
        assertThat(in.getShort()).isEqualTo((short) -2);
        assertThat(Image.readBytes(in)).isEqualTo(bytes);
        for (int i = 0; i < 300_000; i++) {
            assertThat(in.getShort()).isEqualTo((short) i);
        }
        assertThat(Image.readLongs(in)).isEqualTo(longs);
        assertThat(Image.readStrings(in)).containsExactly("a", "", "bread");
        assertThat(in.hasRemaining()).isFalse();
    }
}
