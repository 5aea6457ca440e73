package dev.parley.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The project's files, found from wherever the tests run. */
final class ProjectFiles {

    /**
     * The project root: the nearest folder at or above the working directory that holds
     * docker-compose.yml. Surefire runs in the module's folder, one below the root.
     */
    static final Path ROOT = findRoot();

    private ProjectFiles() {
    }

    private static Path findRoot() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No docker-compose.yml in " + start + " or any folder above it;"
                + " the deployment checks run from inside the Parley project");
    }

    /** A path inside the project, given relative to its root. */
    static Path path(String relative) {
        return ROOT.resolve(relative).normalize();
    }

    /** The text of a file inside the project; fails clearly when it is missing. */
    static String read(String relative) {
        Path file = path(relative);
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("Expected the file " + relative + " at " + file + ", but there is none");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Whether any .java file under {@code dir} contains {@code text}; false when the folder does not exist. */
    static boolean anyJavaFileContains(Path dir, String text) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java") && Files.isRegularFile(f))
                    .anyMatch(f -> contains(f, text));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** The version in the root pom.xml, the one every module inherits. */
    static String projectVersion() {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element project = factory.newDocumentBuilder().parse(path("pom.xml").toFile()).getDocumentElement();
            // The direct child, not the parent's <version>.
            for (Node n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals("version")) {
                    return e.getTextContent().trim();
                }
            }
            throw new AssertionError("The root pom.xml declares no <version> of its own");
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the root pom.xml", e);
        }
    }
}
