package dev.parley.standalone.browser;

import static dev.parley.standalone.browser.Accessible.button;
import static dev.parley.standalone.browser.Accessible.named;
import static dev.parley.standalone.browser.Accessible.nameContaining;
import static dev.parley.standalone.browser.Accessible.textbox;

import dev.parley.standalone.StandaloneParley;
import dev.parley.testing.UsesRealServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
    @Order(5)
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
