package dev.parley.standalone.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the machine's Chromium and its chromedriver are (Debian's packages {@code chromium} and
 * {@code chromium-driver} by default): named explicitly, because Selenium Manager would try to download
 * a driver, and this machine reaches no browser CDN.
 */
record Chromium(Path browser, Path driver) {

    /** System properties that point the tests at another installation. */
    static final String BROWSER_PROPERTY = "parley.browser.chromium";
    static final String DRIVER_PROPERTY = "parley.browser.chromedriver";

    static Chromium configured() {
        return new Chromium(
                Path.of(System.getProperty(BROWSER_PROPERTY, "/usr/bin/chromium")),
                Path.of(System.getProperty(DRIVER_PROPERTY, "/usr/bin/chromedriver")));
    }

    /** Why the browser tests cannot run here, or empty when both programs are installed. */
    Optional<String> missing() {
        if (!Files.isExecutable(browser)) {
            return Optional.of("no Chromium at " + browser);
        }
        if (!Files.isExecutable(driver)) {
            return Optional.of("no chromedriver at " + driver);
        }
        return Optional.empty();
    }
}
