package dev.parley.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {

    @TempDir
    Path dir;

    @Test
    void aSecretIsCreatedOwnerOnlyInAnOwnerOnlyFolderAndKeptOnLaterCalls() throws Exception {
        Path file = dir.resolve("secrets/redis-password");

        String first = PrivateFiles.createOrRead(file, "first");
        String second = PrivateFiles.createOrRead(file, "second");

        assertThat(first).isEqualTo("first");
        assertThat(second).as("an existing secret is reused").isEqualTo("first");
        assertThat(permissions(file)).isEqualTo("rw-------");
        assertThat(permissions(file.getParent())).isEqualTo("rwx------");
        try (var left = Files.list(file.getParent())) {
            assertThat(left).as("no draft is left behind").containsExactly(file);
        }
    }

    @Test
    void anExistingFolderIsMadeOwnerOnly() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("redis"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        PrivateFiles.folder(folder);

        assertThat(permissions(folder)).isEqualTo("rwx------");
    }

    @Test
    void aRewrittenFileIsOwnerOnlyEvenWhenTheOldOneWasNot() throws Exception {
        Path file = Files.writeString(dir.resolve("s3proxy.properties"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        PrivateFiles.write(file, "new");

        assertThat(Files.readString(file)).isEqualTo("new");
        assertThat(permissions(file)).isEqualTo("rw-------");
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
