package dev.parley.push.frames;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * A frame a client sends (docs/protocol.md), bound by Jackson from its {@code type}: one record per type,
 * each field as the protocol types it. Fields are boxed so that a missing one reads as null; which are
 * required is checked where the frame is answered ({@link ClientFrames}), with the protocol's wording.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ClientFrame.Send.class, name = "send"),
        @JsonSubTypes.Type(value = ClientFrame.MarkDelivered.class, name = "markDelivered"),
        @JsonSubTypes.Type(value = ClientFrame.MarkRead.class, name = "markRead"),
        @JsonSubTypes.Type(value = ClientFrame.Typing.class, name = "typing"),
        @JsonSubTypes.Type(value = ClientFrame.OpenDirect.class, name = "openDirect"),
        @JsonSubTypes.Type(value = ClientFrame.CreateGroup.class, name = "createGroup"),
        @JsonSubTypes.Type(value = ClientFrame.AddMembers.class, name = "addMembers"),
        @JsonSubTypes.Type(value = ClientFrame.RemoveMember.class, name = "removeMember"),
        @JsonSubTypes.Type(value = ClientFrame.LeaveGroup.class, name = "leaveGroup"),
        @JsonSubTypes.Type(value = ClientFrame.RenameGroup.class, name = "renameGroup"),
        @JsonSubTypes.Type(value = ClientFrame.Conversations.class, name = "conversations"),
        @JsonSubTypes.Type(value = ClientFrame.History.class, name = "history"),
        @JsonSubTypes.Type(value = ClientFrame.Ping.class, name = "ping")})
public sealed interface ClientFrame {

    /** The client's request id, echoed on the reply; may be null. */
    String id();

    record Send(String id, String conversationId, String clientMsgId, String text, String mediaId) implements ClientFrame {
    }

    record MarkDelivered(String id, String conversationId, Long seq) implements ClientFrame {
    }

    record MarkRead(String id, String conversationId, Long seq) implements ClientFrame {
    }

    record Typing(String id, String conversationId, Boolean active) implements ClientFrame {
    }

    record OpenDirect(String id, String userId) implements ClientFrame {
    }

    /** {@code conversationId} is optional: a client that chooses it makes its retry name the same group. */
    record CreateGroup(String id, String conversationId, String title, List<String> memberIds) implements ClientFrame {
    }

    record AddMembers(String id, String conversationId, List<String> userIds) implements ClientFrame {
    }

    record RemoveMember(String id, String conversationId, String userId) implements ClientFrame {
    }

    record LeaveGroup(String id, String conversationId) implements ClientFrame {
    }

    record RenameGroup(String id, String conversationId, String title) implements ClientFrame {
    }

    record Conversations(String id) implements ClientFrame {
    }

    record History(String id, String conversationId, Long afterSeq, Long beforeSeq, Long limit) implements ClientFrame {
    }

    record Ping(String id) implements ClientFrame {
    }
}
