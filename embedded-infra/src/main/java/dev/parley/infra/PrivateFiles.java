package dev.parley.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Folders and files that only their owner may read: each is created with its permissions in the same
 * system call, so no other user of the machine can open it in between. Where the file system has no
 * POSIX permissions (Windows), the user profile's own access rules apply.
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** Creates the folder (and missing parents) owner-only, or makes an existing one owner-only. */
    public static void folder(Path dir) throws IOException {
        if (!posix(dir)) {
            Files.createDirectories(dir);
            return;
        }
        if (Files.isDirectory(dir)) {
            Files.setPosixFilePermissions(dir, OWNER_ONLY_FOLDER);
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
        } catch (FileAlreadyExistsException raced) {
            Files.setPosixFilePermissions(dir, OWNER_ONLY_FOLDER);
        }
    }

    /**
     * Writes the text to a new owner-only file beside the target and moves it over the target in one
     * step, so the target is never readable by others, nor ever half written.
     */
    public static void write(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path draft = Files.createTempFile(dir, "." + file.getFileName(), ".new", ownerOnlyFile(dir));
        try {
            Files.writeString(draft, text, StandardCharsets.UTF_8);
            Files.move(draft, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(draft);
        }
    }

    /**
     * Creates the file owner-only with this text unless it exists, and returns what the file holds:
     * when two starts race, both read the one that won.
     */
    public static String createOrRead(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        folder(dir);
        if (!Files.exists(file)) {
            Path draft = Files.createTempFile(dir, "." + file.getFileName(), ".new", ownerOnlyFile(dir));
            try {
                Files.writeString(draft, text, StandardCharsets.UTF_8);
                // A link fails when the name is taken, unlike a move: the first writer's secret stays.
                Files.createLink(file, draft);
            } catch (FileAlreadyExistsException anotherStartWon) {
                // read theirs below
            } finally {
                Files.deleteIfExists(draft);
            }
        }
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }

    private static FileAttribute<?>[] ownerOnlyFile(Path dir) {
        return posix(dir) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)}
                : new FileAttribute<?>[0];
    }

    private static boolean posix(Path path) {
        Path existing = path.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            return existing != null && Files.getFileStore(existing).supportsFileAttributeView("posix");
        } catch (IOException e) {
            return false;
        }
    }
}
