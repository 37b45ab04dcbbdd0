package io.branchpos.store.catalog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The barcode map and the search index saved in the data directory ({@code cache/}), each under
 * the catalog stamp it was read at (decision 0010). A file is used only if its stamp is the
 * database's stamp now, its format is this version's and its checksum holds; anything else is
 * ignored (and the caller rebuilds from the tables). Written to a temporary file and renamed, so
 * a reader never sees half a file.
 */
final class CatalogSnapshotFiles {
    private static final Logger log = LoggerFactory.getLogger(CatalogSnapshotFiles.class);
    private static final int MAGIC = 0x42504353; // "BPCS"
    static final int FORMAT = 2; // 2: search index with packed SKUs and names

    private final Path dir;

    CatalogSnapshotFiles(Path dataDirectory) {
        this.dir = dataDirectory.resolve("cache");
    }

    Path file(String name) {
        return dir.resolve(name + ".bin");
    }

    /**
     * What {@code parse} makes of the payload saved as {@code name} under {@code stamp}, or empty
     * (missing, stale, corrupt, or {@code parse} threw: logged). The payload is streamed from the
     * file into {@code parse} (decision 0023: no copy of the whole file on the heap) and the checksum
     * is checked over what was read before the result is returned; {@code parse} must read the whole
     * payload (both readers check that nothing is left).
     */
    <T> Optional<T> load(String name, String stamp, java.util.function.Function<ImageInput, T> parse) {
        Path f = file(name);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 16 + 8) {
                log.warn("{} is not a snapshot of this version; rebuilding from the database", f);
                return Optional.empty();
            }
            CRC32 crc = new CRC32();
            ImageInput in = ImageInput.streaming(ch, size - 8, crc);
            if (in.getInt() != MAGIC || in.getInt() != FORMAT) {
                log.warn("{} is not a snapshot of this version; rebuilding from the database", f);
                return Optional.empty();
            }
            String saved = in.readString();
            if (!saved.equals(stamp)) {
                log.info("{} is of an older catalog; rebuilding from the database", f);
                return Optional.empty();
            }
            int length = in.getInt();
            if (length != in.remaining()) {
                log.warn("{} is damaged (length); rebuilding from the database", f);
                return Optional.empty();
            }
            T parsed = parse.apply(in);
            if (in.remaining() != 0) {
                log.warn("{} is damaged (not all read); rebuilding from the database", f);
                return Optional.empty();
            }
            ByteBuffer tail = ByteBuffer.allocate(8);
            while (tail.hasRemaining()) {
                if (ch.read(tail, size - 8 + tail.position()) < 0) {
                    throw new java.io.EOFException("checksum cut short");
                }
            }
            if (crc.getValue() != tail.getLong(0)) {
                log.warn("{} is damaged (checksum); rebuilding from the database", f);
                return Optional.empty();
            }
            return Optional.of(parsed);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | java.io.UncheckedIOException | OutOfMemoryError e) {
            log.warn("cannot read {}: {}; rebuilding from the database", f, e.toString());
            return Optional.empty();
        } catch (RuntimeException e) {
            log.warn("{} is damaged ({}); rebuilding from the database", f, e.toString());
            return Optional.empty();
        }
    }

    /** Saves {@code payload} as {@code name} under {@code stamp}; a failure is logged, never thrown. */
    void save(String name, String stamp, Image payload) {
        Path f = file(name);
        try {
            Files.createDirectories(dir);
            byte[] s = stamp.getBytes(StandardCharsets.UTF_8);
            long length = payload.length();
            if (length > Integer.MAX_VALUE - 64) {
                throw new IllegalStateException(name + " image of " + length + " bytes");
            }
            ByteBuffer header = ByteBuffer.allocate(4 + 4 + 4 + s.length + 4);
            header.putInt(MAGIC).putInt(FORMAT).putInt(s.length).put(s).putInt((int) length);
            header.flip();
            CRC32 crc = new CRC32();
            // one fixed temporary name: a save cut short by the process ending leaves one stale
            // file at most, overwritten by the next save
            Path tmp = dir.resolve(name + ".bin.tmp");
            // streamed from the image's chunks: no second copy of a ~40 MB image on the heap
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                crc.update(header.duplicate());
                writeFully(ch, header);
                for (ByteBuffer chunk : payload.chunks()) {
                    crc.update(chunk.duplicate());
                    writeFully(ch, chunk);
                }
                ByteBuffer tail = ByteBuffer.allocate(8).putLong(crc.getValue());
                tail.flip();
                writeFully(ch, tail);
            }
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot save {}: {} (the next start rebuilds it from the database)", f, e.toString());
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }
}
