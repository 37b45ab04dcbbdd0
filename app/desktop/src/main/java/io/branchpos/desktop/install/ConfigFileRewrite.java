package io.branchpos.desktop.install;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Removes entries from a {@code .properties} file that IT wrote, leaving every other byte as it was
 * (comments, blank lines, order, line endings, other keys), and replaces the file atomically: a temporary
 * file in the same directory with the same mode and group, flushed to disk, renamed over the original.
 * A reader sees either the old file or the new one, never a half-written file; a crash leaves the old one.
 *
 * <p>It refuses (throws {@link Refused}, changes nothing) when the file is a symbolic link or has other hard
 * links (managed elsewhere, e.g. by configuration management), when its mode grants nobody write permission
 * or this account cannot write it (IT locked it), or when the replacement could not keep the file's group.
 * See decision 0404.
 */
public final class ConfigFileRewrite {
    private ConfigFileRewrite() {
    }

    /** The file was left as it was, for the reason in the message. */
    public static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /**
     * Removes every logical line (continuations included) that defines {@code key} with a value accepted by
     * {@code value}, parsed exactly as {@link Properties#load} parses it.
     *
     * @return the number of entries removed (0: the file was not touched)
     */
    public static int removeEntries(Path file, String key, Predicate<String> value) throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new Refused(file + " is a symbolic link (managed elsewhere?); not rewritten");
        }
        byte[] original = Files.readAllBytes(file);
        List<byte[]> kept = new ArrayList<>();
        int removed = 0;
        for (byte[] logical : logicalLines(original)) {
            Properties p = new Properties();
            p.load(new StringReader(new String(logical, StandardCharsets.UTF_8)));
            String v = p.getProperty(key);
            if (v != null && value.test(v)) {
                removed++;
            } else {
                kept.add(logical);
            }
        }
        if (removed == 0) {
            return 0;
        }
        checkMayRewrite(file);
        int size = kept.stream().mapToInt(b -> b.length).sum();
        ByteBuffer content = ByteBuffer.allocate(size);
        kept.forEach(content::put);
        content.flip();
        replace(file, content);
        return removed;
    }

    private static void checkMayRewrite(Path file) throws IOException {
        if (!Files.isWritable(file)) {
            throw new Refused(file + " is not writable by this account");
        }
        PosixFileAttributes attrs = posix(file);
        if (attrs != null) {
            Set<PosixFilePermission> perms = attrs.permissions();
            if (!perms.contains(PosixFilePermission.OWNER_WRITE) && !perms.contains(PosixFilePermission.GROUP_WRITE)
                    && !perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new Refused(file + " is read-only (mode " + java.nio.file.attribute.PosixFilePermissions.toString(perms) + ")");
            }
            Object links = Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
            if (links instanceof Integer n && n > 1) {
                throw new Refused(file + " has " + n + " hard links (managed elsewhere?); not rewritten");
            }
        }
    }

    private static void replace(Path file, ByteBuffer content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        PosixFileAttributes attrs = posix(file);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                while (content.hasRemaining()) {
                    ch.write(content);
                }
                ch.force(true);
            }
            if (attrs != null) {
                PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
                try {
                    view.setGroup(attrs.group());
                } catch (IOException e) {
                    // the group is who may read it (the branchpos group): a file that lost it would lock others out
                    throw new Refused("cannot give the new " + file + " its group " + attrs.group().getName() + ": " + e.getMessage());
                }
                if (!view.readAttributes().owner().equals(attrs.owner())) {
                    try {
                        view.setOwner(attrs.owner()); // only root may; otherwise the file becomes this account's
                    } catch (IOException e) {
                        // mode and group decide access for the group's members; the owner is cosmetic here
                    }
                }
                view.setPermissions(attrs.permissions());
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new Refused(dir + " does not support an atomic rename; not rewritten");
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot open a directory; the rename is done, only its durability is the OS's
        }
    }

    private static PosixFileAttributes posix(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        return view == null ? null : view.readAttributes();
    }

    /**
     * Splits into logical lines as {@link Properties#load} sees them, each with its line terminators: a natural
     * line that is not blank or a comment and ends in an odd number of backslashes continues on the next one.
     */
    static List<byte[]> logicalLines(byte[] bytes) {
        List<byte[]> natural = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
                if (bytes[i] == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') {
                    i++;
                }
                natural.add(java.util.Arrays.copyOfRange(bytes, start, i + 1));
                start = i + 1;
            }
        }
        if (start < bytes.length) {
            natural.add(java.util.Arrays.copyOfRange(bytes, start, bytes.length));
        }
        List<byte[]> logical = new ArrayList<>();
        for (int i = 0; i < natural.size(); i++) {
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            byte[] first = natural.get(i);
            line.writeBytes(first);
            if (!blankOrComment(first)) {
                while (continues(natural.get(i)) && i + 1 < natural.size()) {
                    line.writeBytes(natural.get(++i));
                }
            }
            logical.add(line.toByteArray());
        }
        return logical;
    }

    private static boolean blankOrComment(byte[] line) {
        for (byte b : line) {
            if (b == ' ' || b == '\t' || b == '\f') {
                continue;
            }
            return b == '#' || b == '!' || b == '\n' || b == '\r';
        }
        return true;
    }

    private static boolean continues(byte[] line) {
        int end = line.length;
        while (end > 0 && (line[end - 1] == '\n' || line[end - 1] == '\r')) {
            end--;
        }
        int backslashes = 0;
        while (end - 1 - backslashes >= 0 && line[end - 1 - backslashes] == '\\') {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }
}
