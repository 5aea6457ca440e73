package dev.parley.push.frames;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.push.frames.FrameReader.Read;
import dev.parley.push.frames.FrameReader.Unreadable;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameReaderTest {

    private final FrameReader reader = new FrameReader(new ObjectMapper());

    @Test
    void aFrameIsBoundToTheRecordOfItsType() {
        assertThat(reader.read("""
                {"type":"send","id":"r1","conversationId":"d:1","clientMsgId":"c1","text":"hi","extra":true}"""))
                .isEqualTo(new Read(new ClientFrame.Send("r1", "d:1", "c1", "hi", null)));
        assertThat(reader.read("""
                {"type":"createGroup","title":"t","memberIds":["u1","u2"]}"""))
                .isEqualTo(new Read(new ClientFrame.CreateGroup(null, null, "t", List.of("u1", "u2"))));
        assertThat(reader.read("""
                {"type":"history","id":"h","conversationId":"d:1","afterSeq":9223372036854775807}"""))
                .isEqualTo(new Read(new ClientFrame.History("h", "d:1", Long.MAX_VALUE, null, null)));
    }

    @Test
    void textThatIsNoFrameIsRefusedWithoutAnId() {
        assertThat(reader.read("{not json")).isInstanceOfSatisfying(Unreadable.class, unreadable -> {
            assertThat(unreadable.id()).isNull();
            assertThat(unreadable.reason()).startsWith("malformed JSON");
        });
        assertThat(reader.read("[1,2]")).isEqualTo(new Unreadable(null, "a frame is one JSON object"));
        assertThat(reader.read("{\"type\":\"ping\",\"id\":7}"))
                .isEqualTo(new Unreadable(null, "id must be a string of at most 64 characters"));
        assertThat(reader.read("{\"type\":\"ping\",\"id\":\"" + "x".repeat(65) + "\"}"))
                .isEqualTo(new Unreadable(null, "id must be a string of at most 64 characters"));
    }

    @Test
    void aFrameOfAnUnknownOrMissingTypeKeepsItsIdForTheError() {
        assertThat(reader.read("{\"type\":\"dance\",\"id\":\"r2\"}")).isEqualTo(new Unreadable("r2", "unknown type 'dance'"));
        assertThat(reader.read("{\"id\":\"r3\"}")).isEqualTo(new Unreadable("r3", "type is required"));
    }

    @Test
    void fieldsTakeOnlyTheTypeTheProtocolGivesThem() {
        assertMistyped("{\"type\":\"markRead\",\"id\":\"m\",\"conversationId\":\"d:1\",\"seq\":\"5\"}", "seq");
        assertMistyped("{\"type\":\"markRead\",\"id\":\"m\",\"conversationId\":\"d:1\",\"seq\":1.5}", "seq");
        assertMistyped("{\"type\":\"send\",\"id\":\"m\",\"conversationId\":7}", "conversationId");
        assertMistyped("{\"type\":\"typing\",\"id\":\"m\",\"conversationId\":\"d:1\",\"active\":1}", "active");
        assertMistyped("{\"type\":\"typing\",\"id\":\"m\",\"conversationId\":\"d:1\",\"active\":\"true\"}", "active");
        assertMistyped("{\"type\":\"addMembers\",\"id\":\"m\",\"conversationId\":\"g:1\",\"userIds\":\"u1\"}", "userIds");
        assertMistyped("{\"type\":\"addMembers\",\"id\":\"m\",\"conversationId\":\"g:1\",\"userIds\":[1]}", "userIds");
    }

    /** An error's words are the protocol's, never Jackson's (which name its classes and internals). */
    @Test
    void refusalsNameTheFieldAndWhatItTakesWithoutQuotingTheParser() {
        List<String> frames = List.of("{not json", "{\"type\":\"ping\"", "{\"type\":\"markRead\",\"id\":\"m\",\"seq\":\"5\"}",
                "{\"type\":\"markRead\",\"id\":\"m\",\"seq\":99999999999999999999999}",
                "{\"type\":\"history\",\"id\":\"m\",\"limit\":1e30}",
                "{\"type\":\"addMembers\",\"id\":\"m\",\"userIds\":{\"a\":1}}");
        for (String text : frames) {
            assertThat(reader.read(text)).as(text).isInstanceOfSatisfying(Unreadable.class, unreadable ->
                    assertThat(unreadable.reason()).doesNotContain("java.", "`", "Jackson", "jackson", "Cannot", "Unexpected"));
        }
        assertThat(reader.read("{\"type\":\"markRead\",\"id\":\"m\",\"seq\":99999999999999999999999}"))
                .isEqualTo(new Unreadable("m", "seq is out of range"));
        assertThat(reader.read("{\"type\":\"markRead\",\"id\":\"m\",\"seq\":\"5\"}"))
                .isEqualTo(new Unreadable("m", "seq must be an integer"));
    }

    private void assertMistyped(String text, String field) {
        assertThat(reader.read(text)).isInstanceOfSatisfying(Unreadable.class, unreadable -> {
            assertThat(unreadable.id()).isEqualTo("m");
            assertThat(unreadable.reason()).startsWith(field);
        });
    }
}
