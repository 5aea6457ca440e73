package dev.parley.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Holds one phase to the protocol's promises: every acknowledged message is in every member's history
 * once, at its acknowledged seq, with gapless seqs; every member received it, live or by catch-up; no
 * message was stored twice or pushed twice on one connection. Also measures when acks and live pushes
 * flowed again after the kill.
 */
final class PhaseCheck {

    private final Fault fault;
    private final long killedAt;
    private final Map<String, List<ChatUser>> members;
    private final Map<ChatUser, ClientRecord> records;

    private PhaseCheck(Fault fault, long killedAt, Map<String, List<ChatUser>> members, Map<ChatUser, ClientRecord> records) {
        this.fault = fault;
        this.killedAt = killedAt;
        this.members = members;
        this.records = records;
    }

    /** {@code histories}: key {@code conversationId + " " + userName}, each member's whole history. */
    static PhaseResult check(Fault fault, long killedAt, Map<String, List<ChatUser>> members,
                             Map<ChatUser, ClientRecord> records, Map<String, List<JsonNode>> histories) {
        return new PhaseCheck(fault, killedAt, members, records).verdict(histories);
    }

    /**
     * Whether acks and live pushes flow again, judged on what the clients saw so far: a message first
     * sent after {@code restartedAt} reached every member live, and no send failed after it.
     */
    static boolean recovered(Fault fault, long killedAt, long restartedAt, Map<String, List<ChatUser>> members,
                             Map<ChatUser, ClientRecord> records) {
        PhaseCheck check = new PhaseCheck(fault, killedAt, members, records);
        List<ClientRecord.Ack> acks = records.values().stream().flatMap(record -> record.acks().stream()).toList();
        boolean freshMessageReachedAll = acks.stream()
                .anyMatch(ack -> ack.firstTriedAt() >= restartedAt && check.arrivedAtAll(ack) != null);
        return freshMessageReachedAll && check.acksAgain(acks).recovered() && check.pushesAgain(acks).recovered();
    }

    private PhaseResult verdict(Map<String, List<JsonNode>> histories) {
        List<ClientRecord.Ack> acks = records.values().stream().flatMap(record -> record.acks().stream()).toList();
        Set<String> problems = new LinkedHashSet<>();
        Set<String> lost = new LinkedHashSet<>();
        Set<String> duplicates = new LinkedHashSet<>();
        Set<String> gaps = new LinkedHashSet<>();

        for (Map.Entry<String, List<ChatUser>> conversation : members.entrySet()) {
            for (ChatUser member : conversation.getValue()) {
                List<JsonNode> history = histories.get(key(conversation.getKey(), member));
                if (history == null) {
                    problems.add(member.name() + " could not read the history of " + conversation.getKey());
                    continue;
                }
                inspect(conversation.getKey(), history, duplicates, gaps);
            }
        }
        for (ClientRecord.Ack ack : acks) {
            String message = ack.conversationId() + " seq " + ack.seq() + " (" + ack.clientMsgId() + ")";
            for (ChatUser member : members.get(ack.conversationId())) {
                List<JsonNode> history = histories.get(key(ack.conversationId(), member));
                if (history != null && !containsAsAcked(history, ack)) {
                    lost.add(message);
                    problems.add(message + ": acked, but not so in the history " + member.name() + " reads");
                }
                if (!member.holds(ack.conversationId(), ack.seq())) {
                    gaps.add(message + " " + member.name());
                    problems.add(message + ": " + member.name() + " never received it, live or by catch-up");
                }
            }
        }
        int duplicatePushes = records.values().stream().mapToInt(ClientRecord::duplicatePushes).sum();
        if (duplicatePushes > 0) {
            problems.add(duplicatePushes + " message pushes came twice on one connection");
        }
        duplicates.forEach(problems::add);
        gaps.stream().filter(gap -> gap.startsWith("gap")).forEach(problems::add);
        return new PhaseResult(fault, acks.size(), lost.size(), duplicates.size() + duplicatePushes, gaps.size(),
                acksAgain(acks), pushesAgain(acks), clientsSaw(), List.copyOf(problems));
    }

    /** Adds what is stored twice, and the seqs missing below the conversation's last. */
    private static void inspect(String conversation, List<JsonNode> history, Set<String> duplicates, Set<String> gaps) {
        Map<String, Integer> bySenderAndClientId = new HashMap<>();
        Map<Long, Integer> bySeq = new TreeMap<>();
        long last = 0;
        for (JsonNode message : history) {
            bySenderAndClientId.merge(message.path("senderId").asText() + "/" + message.path("clientMsgId").asText(), 1, Integer::sum);
            bySeq.merge(message.path("seq").asLong(), 1, Integer::sum);
            last = Math.max(last, message.path("seq").asLong());
        }
        bySenderAndClientId.forEach((id, count) -> {
            if (count > 1) {
                duplicates.add("stored " + count + " times in " + conversation + ": " + id);
            }
        });
        bySeq.forEach((seq, count) -> {
            if (count > 1) {
                duplicates.add("seq " + seq + " of " + conversation + " holds " + count + " messages");
            }
        });
        for (long seq = 1; seq <= last; seq++) {
            if (!bySeq.containsKey(seq)) {
                gaps.add("gap: seq " + seq + " of " + conversation + " is missing from its history");
            }
        }
    }

    private static boolean containsAsAcked(List<JsonNode> history, ClientRecord.Ack ack) {
        return history.stream().anyMatch(message -> message.path("seq").asLong() == ack.seq()
                && ack.messageId().equals(message.path("messageId").asText())
                && ack.clientMsgId().equals(message.path("clientMsgId").asText()));
    }

    /** From the kill to the first ack after the last send that was refused or unanswered. */
    private Recovery acksAgain(List<ClientRecord.Ack> acks) {
        long lastFailure = records.values().stream().flatMap(record -> record.failures().stream())
                .mapToLong(ClientRecord.Failure::at).filter(at -> at >= killedAt).max().orElse(Long.MIN_VALUE);
        if (lastFailure == Long.MIN_VALUE) {
            return Recovery.UNINTERRUPTED;
        }
        return acks.stream().mapToLong(ClientRecord.Ack::ackedAt).filter(at -> at > lastFailure).min()
                .stream().mapToObj(at -> Recovery.after(killedAt, at)).findFirst().orElse(Recovery.NOT_RECOVERED);
    }

    /**
     * From the kill until every member got a message live again: the arrival at its last member of the
     * first message sent after the last one that some member did not get live.
     */
    private Recovery pushesAgain(List<ClientRecord.Ack> acks) {
        List<ClientRecord.Ack> afterKill = acks.stream().filter(ack -> ack.firstTriedAt() >= killedAt)
                .sorted(java.util.Comparator.comparingLong(ClientRecord.Ack::firstTriedAt)).toList();
        long lastMissed = Long.MIN_VALUE;
        for (ClientRecord.Ack ack : afterKill) {
            if (arrivedAtAll(ack) == null) {
                lastMissed = ack.firstTriedAt();
            }
        }
        if (lastMissed == Long.MIN_VALUE) {
            return afterKill.isEmpty() ? Recovery.NOT_RECOVERED : Recovery.UNINTERRUPTED;
        }
        for (ClientRecord.Ack ack : afterKill) {
            Long arrived = arrivedAtAll(ack);
            if (ack.firstTriedAt() > lastMissed && arrived != null) {
                return Recovery.after(killedAt, arrived);
            }
        }
        return Recovery.NOT_RECOVERED;
    }

    /** When the last member got this message live, or null if one did not. */
    private Long arrivedAtAll(ClientRecord.Ack ack) {
        long last = Long.MIN_VALUE;
        for (ChatUser member : members.get(ack.conversationId())) {
            Long at = records.get(member).pushedAt(ack.conversationId(), ack.seq());
            if (at == null) {
                return null;
            }
            last = Math.max(last, at);
        }
        return last;
    }

    /** Refusals, silences and closes the clients met, and what they did about them, in a few words. */
    private String clientsSaw() {
        Map<String, Long> failures = records.values().stream().flatMap(record -> record.failures().stream())
                .collect(Collectors.groupingBy(ClientRecord.Failure::what, TreeMap::new, Collectors.counting()));
        Map<String, Integer> closes = new TreeMap<>();
        records.values().forEach(record -> record.closes().forEach((code, count) -> closes.merge(code, count, Integer::sum)));
        int reconnects = records.values().stream().mapToInt(ClientRecord::reconnects).sum();
        int catchUps = records.values().stream().mapToInt(ClientRecord::catchUps).sum();
        int givenUp = records.values().stream().mapToInt(ClientRecord::givenUp).sum();
        List<String> parts = new ArrayList<>();
        failures.forEach((what, count) -> parts.add(what + " ×" + count));
        if (!closes.isEmpty()) {
            parts.add("closed " + closes.entrySet().stream().map(close -> close.getKey() + " ×" + close.getValue())
                    .collect(Collectors.joining(", ")));
        }
        if (reconnects > 0) {
            parts.add(reconnects + " reconnects");
        }
        if (catchUps > 0) {
            parts.add(catchUps + " catch-ups");
        }
        if (givenUp > 0) {
            parts.add(givenUp + " sends never acked");
        }
        return parts.isEmpty() ? "nothing" : String.join("; ", parts);
    }

    static String key(String conversation, ChatUser member) {
        return conversation + " " + member.name();
    }
}
