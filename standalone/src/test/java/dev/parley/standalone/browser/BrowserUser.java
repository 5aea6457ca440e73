package dev.parley.standalone.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person at one browser: a headless Chromium session of its own (its own profile, storage and
 * socket), driven through what the page shows and names. Every wait is on something a person would see.
 */
final class BrowserUser implements AutoCloseable {

    /**
     * How long to wait for what a person waits for: a page, a push, a tick. Far above the answer's time
     * even on a loaded 2-core machine; only something that never comes reaches it.
     */
    static final Duration SEEN_WITHIN = Duration.ofSeconds(30);

    /**
     * Run in every page before its own scripts: keeps the page's open WebSockets in a set, so that
     * {@link #goOffline()} can fail them as a lost network does. The page's own code is untouched.
     */
    private static final String SOCKETS_KEPT = """
            (() => {
              const open = new Set();
              window.__parleyTestOpenSockets = open;
              window.WebSocket = class extends window.WebSocket {
                constructor(...args) {
                  super(...args);
                  open.add(this);
                  this.addEventListener('close', () => open.delete(this));
                }
              };
            })();
            """;

    /** How often a wait looks at the page again (Selenium's own default). */
    private static final Duration ASKED_EVERY = Duration.ofMillis(500);

    /** How much of a page's text and console a failure's message quotes. */
    private static final int SHOWN_IN_FAILURES_CHARS = 2_000;

    private final String who;
    private final ChromeDriver driver;
    private final String baseUrl;

    private BrowserUser(String who, ChromeDriver driver, String baseUrl) {
        this.who = who;
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    /** Starts a browser for {@code who} (named in failures) and opens Parley's page at {@code baseUrl}. */
    static BrowserUser open(String who, String baseUrl) {
        Chromium chromium = Chromium.configured();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.browser().toFile());
        options.addArguments("--headless=new", "--window-size=1280,800", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--lang=en-US");
        LoggingPreferences console = new LoggingPreferences();
        console.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, console);
        if ("root".equals(System.getProperty("user.name"))) {
            // Chromium refuses to start as root with its sandbox on (CI containers often run as root);
            // the pages it opens here are Parley's own, on loopback.
            options.addArguments("--no-sandbox");
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromium.driver().toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(SEEN_WITHIN).scriptTimeout(SEEN_WITHIN);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", SOCKETS_KEPT));
        BrowserUser user = new BrowserUser(who, driver, baseUrl);
        user.visit("/");
        return user;
    }

    void visit(String path) {
        driver.get(baseUrl + path);
    }

    /** Waits until {@code condition} holds (non-null, not false), re-asking through stale elements. */
    <T> T waitUntil(String what, Function<WebDriver, T> condition) {
        return waitUntil(what, condition, ASKED_EVERY);
    }

    /** As {@link #waitUntil(String, Function)}, asking every {@code interval}: for a condition that costs a request. */
    <T> T waitUntil(String what, Function<WebDriver, T> condition, Duration interval) {
        return new WebDriverWait(driver, SEEN_WITHIN, interval)
                .ignoring(StaleElementReferenceException.class)
                .withMessage(() -> who + " never saw " + what + "; " + whatItShows())
                .until(condition);
    }

    /** For a failure's message: where the page is, the words it shows, and what its console said. */
    private String whatItShows() {
        try {
            String text = driver.findElement(By.tagName("body")).getText();
            String console = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(LogEntry::toString).collect(Collectors.joining("\n"));
            return "the page at " + driver.getCurrentUrl() + " shows:\n" + abbreviated(text)
                    + "\nits console said:\n" + abbreviated(console);
        } catch (RuntimeException e) {
            return "the page could not be read: " + e;
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= SHOWN_IN_FAILURES_CHARS ? text : text.substring(0, SHOWN_IN_FAILURES_CHARS) + "…";
    }

    /** The one visible element {@code by} finds, waiting for it to appear. */
    WebElement see(By by) {
        return see(driver, by);
    }

    WebElement see(SearchContext within, By by) {
        return waitUntil(by.toString(), d -> within.findElements(by).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** Waits until nothing visible matches {@code by}. */
    void seeNo(By by) {
        waitUntil("no " + by, d -> d.findElements(by).stream().noneMatch(WebElement::isDisplayed));
    }

    /** Waits until the visible text of what {@code by} finds holds {@code text}; returns that element. */
    WebElement seeText(By by, String text) {
        return waitUntil("\"" + text + "\" in " + by, d -> d.findElements(by).stream()
                .filter(e -> e.isDisplayed() && e.getText().contains(text)).findFirst().orElse(null));
    }

    void click(By by) {
        see(by).click();
    }

    /** Types into the field {@code by} finds, replacing what it held. */
    void type(By by, String text) {
        WebElement field = see(by);
        field.clear();
        field.sendKeys(text);
    }

    void typeAndEnter(By by, String text) {
        type(by, text);
        see(by).sendKeys(Keys.ENTER);
    }

    /** Scrolls {@code element} to its top, as a person dragging or wheeling up to its first line does. */
    void scrollToTop(WebElement element) {
        driver.executeScript("arguments[0].scrollTop = 0;", element);
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    /**
     * Cuts this browser off the network as a lost connection would, until {@link #goOnline()}: Chromium's
     * network emulation (DevTools protocol) fails every new request and socket, but leaves an open
     * WebSocket alone (Chromium 156), so the page's open sockets are then failed too, as a dropped network
     * fails them. Offline first: the page must not reconnect in between.
     */
    void goOffline() {
        emulateNetwork(true);
        driver.executeScript("for (const socket of window.__parleyTestOpenSockets) socket.close(4000, 'network lost');");
    }

    void goOnline() {
        emulateNetwork(false);
    }

    private void emulateNetwork(boolean offline) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of(
                "offline", offline, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    /** Lays the page out as a screen of this many CSS pixels would (a phone's with {@code mobile}). */
    void viewport(int width, int height, boolean mobile) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WebDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
    }

    @Override
    public String toString() {
        return who;
    }
}
