package dev.parley.standalone.browser;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

/**
 * Finds elements as a person with a screen reader does: by role and accessible name, both as Chromium
 * computes them ({@link WebElement#getAriaRole()}, {@link WebElement#getAccessibleName()}). A control the
 * tests cannot find this way has no usable name for that person either.
 */
final class Accessible extends By {

    /** The elements that can carry each role, natively or by attribute: only these are asked for theirs. */
    private static final Map<String, String> CANDIDATES = Map.ofEntries(
            Map.entry("button", "button, [role=button], input[type=button], input[type=submit]"),
            Map.entry("textbox", "input, textarea, [role=textbox], [contenteditable=true]"),
            Map.entry("searchbox", "input, [role=searchbox]"),
            Map.entry("link", "a[href], [role=link]"),
            Map.entry("checkbox", "input[type=checkbox], [role=checkbox]"),
            Map.entry("heading", "h1, h2, h3, h4, h5, h6, [role=heading]"),
            Map.entry("list", "ul, ol, [role=list], [role=listbox]"),
            Map.entry("listitem", "li, [role=listitem], [role=option]"),
            Map.entry("option", "li, [role=option]"),
            Map.entry("dialog", "dialog, [role=dialog], [role=alertdialog]"));
    /** Landmarks and live regions: sectioning elements, or any element given the role. */
    private static final String SECTIONS = "main, nav, aside, section, form, header, footer, [role]";

    private final String role;
    private final String description;
    private final Predicate<String> name;

    private Accessible(String role, String description, Predicate<String> name) {
        this.role = role;
        this.description = description;
        this.name = name;
    }

    /** The element of this role whose accessible name is exactly {@code name}. */
    static Accessible named(String role, String name) {
        return new Accessible(role, role + " named \"" + name + "\"", name::equals);
    }

    /** The element of this role whose accessible name contains {@code part} (a list entry's name holds its parts). */
    static Accessible nameContaining(String role, String part) {
        return new Accessible(role, role + " with \"" + part + "\" in its name", n -> n.contains(part));
    }

    static Accessible button(String name) {
        return named("button", name);
    }

    static Accessible textbox(String name) {
        return named("textbox", name);
    }

    @Override
    public List<WebElement> findElements(SearchContext context) {
        String css = CANDIDATES.getOrDefault(role, SECTIONS);
        return context.findElements(By.cssSelector(css)).stream()
                .filter(e -> role.equals(e.getAriaRole()) && name.test(e.getAccessibleName()))
                .toList();
    }

    @Override
    public String toString() {
        return description;
    }
}
