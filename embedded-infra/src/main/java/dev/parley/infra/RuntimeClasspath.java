package dev.parley.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The classpath of a server run as a child JVM, as recorded at build time by the
 * {@code embedded-infra-runtimes} modules: jar files in the local Maven repository.
 */
final class RuntimeClasspath {

    private RuntimeClasspath() {
    }

    static String of(String runtime) throws ServerStartException {
        String resource = "/dev/parley/infra/runtime/" + runtime + ".classpath";
        try (InputStream in = RuntimeClasspath.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ServerStartException(runtime, null, "its classpath list " + resource
                        + " is missing from the build; run ./mvnw install");
            }
            String recorded = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            List<String> missing = Arrays.stream(recorded.split(java.io.File.pathSeparator))
                    .filter(jar -> !Files.exists(Path.of(jar)))
                    .toList();
            if (!missing.isEmpty()) {
                throw new ServerStartException(runtime, null, missing.size() + " of its jars are not in the local"
                        + " Maven repository (first: " + missing.get(0) + "); run ./mvnw install to fetch them");
            }
            return recorded;
        } catch (IOException e) {
            throw new ServerStartException(runtime, null, "could not read " + resource + ": " + e.getMessage());
        }
    }
}
