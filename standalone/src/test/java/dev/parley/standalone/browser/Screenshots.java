package dev.parley.standalone.browser;

import java.nio.file.Path;

/**
 * The README's pictures of the app, taken by the browser tests into {@code docs/screenshots/} only when
 * {@code -Dparley.screenshots=true} asks: a normal build leaves the tracked files alone.
 */
final class Screenshots {

    static final String ENABLED_PROPERTY = "parley.screenshots";

    /** Null when no screenshots are wanted. */
    private final Path folder;

    private Screenshots(Path folder) {
        this.folder = folder;
    }

    /** The project root comes from {@code parley.root}, which the build sets for every test JVM. */
    static Screenshots fromSystemProperties() {
        if (!Boolean.getBoolean(ENABLED_PROPERTY)) {
            return new Screenshots(null);
        }
        Path root = Path.of(System.getProperty("parley.root", ".."));
        return new Screenshots(root.resolve("docs").resolve("screenshots"));
    }

    /** Writes what {@code browser} shows to {@code <name>.png}, when screenshots were asked for. */
    void take(BrowserUser browser, String name) {
        if (folder != null) {
            browser.screenshot(folder.resolve(name + ".png"));
        }
    }
}
