package dev.parley.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShownTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u0007", "\u001B", "\u007F", "\u0085", "\u009F", "\n", "\t", "\r",
            "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u200E", "\u200F",
            "\u061C", "\u200B", "\u200C", "\u200D", "\u2060", "\u2061", "\u2062", "\u2063", "\u2064", "\uFEFF",
            "\u00AD", "\uD800"})
    void aNameHoldsNoControlBidiOrInvisibleCharacter(String refused) {
        assertThatThrownBy(() -> ShownText.name("title", "ab" + refused + "cd", 1, 100))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("title may not hold");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\u3000"})
    void aNameIsNotBlank(String blank) {
        assertThatThrownBy(() -> ShownText.name("title", blank, 1, 100)).isInstanceOf(InvalidInput.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ada Lovelace", "Ünïcödé", "日本語", "مرحبا", "שלום", "team 🚀", "e\u0301"})
    void aNameMayBeAnyVisibleText(String name) {
        assertThat(ShownText.name("title", name, 1, 100)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u0085", "\u202E", "\u2066", "\u200E", "\u061C", "\u200B", "\u200C",
            "\u2060", "\uFEFF", "\uDC00"})
    void aMessageHoldsNoControlBidiOrInvisibleCharacterButTheFew(String refused) {
        assertThatThrownBy(() -> ShownText.message("text", "hi" + refused + "there"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("text may not hold");
    }

    @ParameterizedTest
    @ValueSource(strings = {"line one\nline two", "line one\r\nline two", "a\tb", "family \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
            "flag \uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC65\uDB40\uDC6E\uDB40\uDC67\uDB40\uDC7F", "מילים mixed words"})
    void aMessageKeepsLineBreaksTabsAndEmojiSequences(String text) {
        assertThat(ShownText.message("text", text)).isEqualTo(text);
    }
}
