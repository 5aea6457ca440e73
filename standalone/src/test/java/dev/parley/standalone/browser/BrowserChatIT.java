package dev.parley.standalone.browser;

import static dev.parley.standalone.browser.Accessible.button;
import static dev.parley.standalone.browser.Accessible.named;
import static dev.parley.standalone.browser.Accessible.nameContaining;
import static dev.parley.standalone.browser.Accessible.textbox;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.standalone.StandaloneParley;
import dev.parley.testing.UsesRealServers;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.pagefactory.ByChained;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Parley's web app in a real Chromium against the whole of Parley: people register, find each other,
 * chat, see ticks and typing, lose their connection and come back, and make a group. Each person has a
 * browser of their own, started once for the class; the tests build on each other, in order, as one story.
 * Elements are found by role and accessible name (web-client's README lists the names), or by what they say.
 */
@SpringBootTest(classes = StandaloneParley.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
@RequiresChromium
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StoryInOrder.class)
// The same application context as the module's other plain StandaloneParley tests (no properties of its own,
// not dirtied): in a whole build, the browsers come on top of a Parley already started.
class BrowserChatIT {

    /** Under each message of one's own: its status (sent, delivered, read), as the app marks it for tests. */
    private static final String STATUS = "[data-status]";

    /** Each look submits a search: well within the user-searches limit (60 at once, then one a second). */
    private static final Duration SEARCHED_AGAIN_EVERY = Duration.ofSeconds(1);

    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final Person ada = new Person("ada_" + run, "Ada Lovelace");
    private final Person bob = new Person("bob_" + run, "Bob Marley");
    private final Person chloe = new Person("chloe_" + run, "Chloé Zhao");
    private final List<BrowserUser> browsers = new ArrayList<>();
    private final Screenshots screenshots = Screenshots.fromSystemProperties();

    @LocalServerPort
    int port;

    @AfterAll
    void closeBrowsers() {
        browsers.forEach(BrowserUser::close);
    }

    @Test
    @Order(1)
    void peopleRegisterAndAreSignedIn() {
        register(ada);
        register(bob);

        // A reload keeps the session: the stored tokens sign the page in again.
        ada.browser.visit("/");
        ada.browser.see(button("Sign out"));
        ada.browser.seeText(By.cssSelector("[data-testid=connection]"), "Online");
    }

    @Test
    @Order(2)
    void theyFindEachOtherByNameAndChatSeeingTheTicksChange() {
        openDirectChat(ada, bob);
        ada.browser.typeAndEnter(textbox("Message"), "Hi Bob! Are you free on Saturday?");

        // Bob is online but has not opened the chat: delivered, not read.
        ada.browser.waitUntil("the message delivered",
                d -> statusOf(ownMessage(ada, "Are you free on Saturday?")).equals("delivered"));

        bob.browser.click(nameContaining("button", ada.displayName));
        bob.browser.seeText(messages(), "Hi Bob! Are you free on Saturday?");
        ada.browser.waitUntil("the message read", d -> statusOf(ownMessage(ada, "Are you free on Saturday?")).equals("read"));

        // What Bob types shows under Ada's messages while he types, and his message when he sends it.
        bob.browser.type(textbox("Message"), "Yes, all day");
        ada.browser.seeText(typing(), bob.displayName + " is typing");
        bob.browser.see(textbox("Message")).sendKeys(Keys.ENTER);
        ada.browser.seeText(messages(), "Yes, all day");
        ada.browser.waitUntil("typing cleared", d -> d.findElement(typing()).getText().isBlank());
    }

    @Test
    @Order(3)
    void oneWhoseConnectionDropsFindsTheMissedMessagesWhenBack() {
        bob.browser.goOffline();
        bob.browser.seeText(By.cssSelector("[data-testid=connection]"), "Offline");

        List<String> missed = List.of("Bring the tent", "And the blue kettle", "Train at 9:40 from platform 2");
        for (String text : missed) {
            ada.browser.typeAndEnter(textbox("Message"), text);
        }
        ada.browser.seeText(messages(), missed.get(missed.size() - 1));

        bob.browser.goOnline();
        bob.browser.seeText(By.cssSelector("[data-testid=connection]"), "Online");
        for (String text : missed) {
            bob.browser.seeText(messages(), text);
        }
        // Bob's conversation with Ada is open on his screen: what the catch-up fills in under it is read.
        ada.browser.waitUntil("the missed messages read", d ->
                statusOf(ownMessage(ada, missed.get(missed.size() - 1))).equals("read"));
    }

    @Test
    @Order(4)
    void aPictureSentShowsAsAThumbnailAndFullSizeOnAClick() throws IOException {
        Path picture = Files.createTempFile("parley-browser-", ".jpg");
        try {
            writePicture(picture, 800, 600);
            // The file input behind "Attach" takes the file as a person's file picker would; what the
            // composer holds goes with it as its caption.
            ada.browser.type(textbox("Message"), "The view from the top");
            ada.browser.see(By.cssSelector("input[type=file][aria-label='Attach a file']")).sendKeys(picture.toString());

            // Bob's browser loads the thumbnail from its signed URL (the store, named by the page's policy).
            WebElement thumbnail = bob.browser.see(By.cssSelector("img[alt='Image from " + ada.displayName + "']"));
            bob.browser.waitUntil("the thumbnail loaded", d -> loadedWidth(thumbnail) > 0);
            bob.browser.seeText(messages(), "The view from the top");
            bob.browser.click(button("Open image from " + ada.displayName + " full size"));
            By fullSize = By.cssSelector("dialog img[alt='The image, full size']");
            WebElement full = bob.browser.see(fullSize);
            bob.browser.waitUntil("the full image loaded", d -> loadedWidth(full) == 800);
            bob.browser.click(button("Close image"));
            bob.browser.seeNo(fullSize);
            ada.browser.waitUntil("the picture read", d -> statusOf(lastOwnMessage(ada)).equals("read"));
        } finally {
            Files.deleteIfExists(picture);
        }
    }

    /** A photo-like JPEG: a sky, a sun and hills, so that the README's screenshot shows a picture. */
    private static void writePicture(Path file, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(0x6fa8dc), 0, height, new Color(0xd9ecf7)));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(0xf6c343));
        g.fillOval(width * 2 / 3, height / 8, width / 6, width / 6);
        g.setColor(new Color(0x4e8c3a));
        g.fillOval(-width / 4, height * 3 / 5, width, height);
        g.setColor(new Color(0x386b2a));
        g.fillOval(width / 3, height * 2 / 3, width, height);
        g.dispose();
        ImageIO.write(image, "jpg", file.toFile());
    }

    /** The width of the image as loaded; 0 while it loads or when it failed to. */
    private static long loadedWidth(WebElement image) {
        String width = image.getDomProperty("naturalWidth");
        return width == null ? 0 : Long.parseLong(width);
    }

    @Test
    @Order(5)
    void aThirdCreatesAGroupWithBothAndEveryoneSeesItsMessages() {
        register(chloe);
        chloe.browser.click(button("New group"));
        chloe.browser.type(textbox("Group title"), "Saturday hike");
        addToNewGroup(chloe, ada);
        addToNewGroup(chloe, bob);
        chloe.browser.click(button("Create group"));
        chloe.browser.see(named("heading", "Saturday hike"));
        chloe.browser.typeAndEnter(textbox("Message"), "Welcome to the hike group!");

        for (Person member : List.of(ada, bob)) {
            member.browser.click(nameContaining("button", "Saturday hike"));
            member.browser.seeText(messages(), "Welcome to the hike group!");
        }
        ada.browser.typeAndEnter(textbox("Message"), "I'll bring sandwiches");
        bob.browser.seeText(messages(), "I'll bring sandwiches");
        chloe.browser.seeText(messages(), "I'll bring sandwiches");

        // Roles come with the summary: Bob sees Chloé as the group's admin and, being a member, no way to
        // remove anyone.
        bob.browser.click(button("Members"));
        bob.browser.seeText(By.xpath("//ul[@aria-label='Members']/li[contains(., '" + chloe.displayName + "')]"), "admin");
        bob.browser.seeNo(button("Remove " + chloe.displayName));
    }

    @Test
    @Order(6)
    void theListAndAConversationFitADesktopAndAPhone() {
        BrowserUser browser = ada.browser;
        for (Screen screen : Screen.values()) {
            browser.viewport(screen.width, screen.height, screen.phone);
            // A fresh page shows the list with no conversation open, as after signing in.
            browser.visit("/");
            browser.see(named("navigation", "Conversations"));
            browser.see(nameContaining("button", "Saturday hike"));
            screenshots.take(browser, screen.name + "-list");

            browser.click(nameContaining("button", bob.displayName));
            browser.seeText(messages(), "Train at 9:40 from platform 2");
            // A page loaded after the receipts and presence were pushed: the ticks come from the summary's
            // member watermarks, Bob's presence from the presence route.
            browser.waitUntil("Bob's read ticks after a reload",
                    d -> statusOf(ownMessage(ada, "Train at 9:40 from platform 2")).equals("read"));
            browser.seeText(By.cssSelector("[data-testid=presence]"), "online");
            screenshots.take(browser, screen.name + "-conversation");
            if (screen.phone) {
                // A phone shows one pane at a time: the way back to the list is a button.
                browser.click(button("Back to conversations"));
                browser.see(nameContaining("button", "Saturday hike"));
            }
        }
    }

    @Test
    @Order(7)
    void olderMessagesLoadAsOneScrollsUp() {
        // A page (50) after the group's first two messages: those two are on the page before.
        chloe.browser.click(nameContaining("button", "Saturday hike"));
        // Typed into the one composer found once: finding it by name each time costs a dozen driver calls.
        WebElement composer = chloe.browser.see(textbox("Message"));
        for (int item = 1; item <= 50; item++) {
            composer.sendKeys("Plan item " + item, Keys.ENTER);
        }
        // Sent in order, each after the one before is acked: the last one stored means all are.
        chloe.browser.waitUntil("every plan item stored", d -> lastOwnMessage(chloe).getText().contains("Plan item 50")
                && List.of("sent", "delivered", "read").contains(statusOf(lastOwnMessage(chloe))));

        // A fresh page holds the latest page only; scrolling to the top of the messages loads the one before.
        BrowserUser browser = bob.browser;
        browser.visit("/");
        browser.click(nameContaining("button", "Saturday hike"));
        WebElement region = browser.seeText(messages(), "Plan item 50");
        assertThat(region.getText()).doesNotContain("Welcome to the hike group!");
        browser.scrollToTop(region);
        browser.seeText(messages(), "Welcome to the hike group!");
        browser.see(By.xpath("//*[normalize-space(.)='The conversation starts here']"));
    }

    @Test
    @Order(8)
    void theGroupIsRenamedItsAdminRemovesOneAndAnotherLeaves() {
        chloe.browser.click(button("Members"));
        chloe.browser.type(textbox("Group title"), "Sunday hike");
        chloe.browser.click(button("Rename"));
        ada.browser.see(nameContaining("button", "Sunday hike"));

        chloe.browser.click(button("Remove " + bob.displayName));
        bob.browser.seeText(By.cssSelector(".errors"), chloe.displayName + " removed you from Sunday hike");
        bob.browser.seeNo(nameContaining("button", "hike"));

        ada.browser.click(nameContaining("button", "Sunday hike"));
        ada.browser.click(button("Members"));
        ada.browser.click(button("Leave group"));
        ada.browser.click(button("Yes, leave"));
        ada.browser.seeNo(nameContaining("button", "Sunday hike"));
        chloe.browser.seeNo(button("Remove " + ada.displayName));
    }

    @Test
    @Order(9)
    void oneSignsOutIsToldInWordsThatTheirNameIsTakenAndSignsBackIn() {
        BrowserUser browser = bob.browser;
        browser.click(button("Sign out"));
        Accessible registration = named("form", "Create an account");
        browser.type(new ByChained(registration, textbox("Username")), bob.username);
        browser.type(new ByChained(registration, textbox("Display name")), bob.displayName);
        browser.type(new ByChained(registration, textbox("Password")), bob.password());
        browser.click(new ByChained(registration, button("Create account")));
        browser.seeText(By.cssSelector("main.auth p.error"), "the username " + bob.username + " is taken");

        Accessible signIn = named("form", "Sign in");
        browser.type(new ByChained(signIn, textbox("Username")), bob.username);
        browser.type(new ByChained(signIn, textbox("Password")), bob.password());
        browser.click(new ByChained(signIn, button("Sign in")));
        browser.see(button("Sign out"));
        browser.see(nameContaining("button", ada.displayName));
    }

    private void register(Person person) {
        BrowserUser browser = BrowserUser.open(person.username, "http://127.0.0.1:" + port);
        browsers.add(browser);
        person.browser = browser;
        browser.see(named("heading", "Parley"));
        Accessible form = named("form", "Create an account");
        browser.type(new ByChained(form, textbox("Username")), person.username);
        browser.type(new ByChained(form, textbox("Display name")), person.displayName);
        browser.type(new ByChained(form, textbox("Password")), person.password());
        browser.click(new ByChained(form, button("Create account")));
        browser.see(button("Sign out"));
        browser.seeText(By.cssSelector("[data-testid=connection]"), "Online");
    }

    /** Starts a direct chat from {@code from}'s browser with {@code to}, found by their username. */
    private void openDirectChat(Person from, Person to) {
        from.browser.click(button("New chat"));
        from.browser.click(findInSearch(from, "Search users by username", "Chat with " + to.displayName, to));
        from.browser.see(named("heading", to.displayName));
    }

    private void addToNewGroup(Person creator, Person member) {
        creator.browser.click(findInSearch(creator, "Find people to add",
                "Add " + member.displayName + " to the new group", member));
    }

    /**
     * Searches for {@code wanted} by username until the result's button shows: a new user reaches the
     * search a moment after registering (the projection's lag), so the search is submitted again meanwhile.
     */
    private Accessible findInSearch(Person searcher, String searchBox, String resultButton, Person wanted) {
        Accessible box = named("searchbox", searchBox);
        Accessible result = button(resultButton);
        searcher.browser.type(box, wanted.username);
        searcher.browser.waitUntil(resultButton, d -> {
            if (d.findElements(result).stream().anyMatch(WebElement::isDisplayed)) {
                return true;
            }
            searcher.browser.see(box).sendKeys(Keys.ENTER);
            return false;
        }, SEARCHED_AGAIN_EVERY);
        return result;
    }

    /** The message holding {@code text} in the open conversation's history. */
    private static WebElement ownMessage(Person person, String text) {
        return person.browser.seeText(new ByChained(named("list", "Message history"), By.tagName("li")), text);
    }

    /** The newest of the person's own messages the open conversation shows (there is one at least). */
    private static WebElement lastOwnMessage(Person person) {
        List<WebElement> own = person.browser.all(By.cssSelector("li.message.mine"));
        return own.get(own.size() - 1);
    }

    private static String statusOf(WebElement message) {
        List<WebElement> status = message.findElements(By.cssSelector(STATUS));
        return status.isEmpty() ? "" : status.get(0).getAttribute("data-status");
    }

    private static By messages() {
        return named("region", "Messages");
    }

    private static By typing() {
        return By.cssSelector("[data-testid=typing]");
    }

    /** The two screen sizes the app is laid out for, in CSS pixels. */
    private enum Screen {
        DESKTOP("desktop", 1280, 800, false),
        PHONE("phone", 390, 844, true);

        final String name;
        final int width;
        final int height;
        final boolean phone;

        Screen(String name, int width, int height, boolean phone) {
            this.name = name;
            this.width = width;
            this.height = height;
            this.phone = phone;
        }
    }

    /** One person of the story and, once registered, their browser. */
    private static final class Person {
        final String username;
        final String displayName;
        BrowserUser browser;

        Person(String username, String displayName) {
            this.username = username;
            this.displayName = displayName;
        }

        String password() {
            return "correct horse " + username;
        }
    }
}
