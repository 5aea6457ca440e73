package dev.parley.faults;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one client saw during one phase: its acknowledged sends, the refusals and silences it resent
 * after, the live pushes it received (first arrival of each message), the pushes that came twice on one
 * connection, its socket closes, reconnects and catch-ups. Times are {@link System#nanoTime()} values.
 * Written by the client's own threads, read by the phase's check once they have stopped.
 */
final class ClientRecord {

    /** A send the server acknowledged: the promise the check holds the server to. */
    record Ack(String conversationId, String clientMsgId, long seq, String messageId, long firstTriedAt, long ackedAt) {
    }

    /** A send that was not acknowledged this time: {@code what} is an error code, {@code no answer} or {@code closed}. */
    record Failure(String what, long at) {
    }

    private final List<Ack> acks = new ArrayList<>();
    private final List<Failure> failures = new ArrayList<>();
    private final Map<String, Long> pushes = new HashMap<>();
    private final Map<String, Integer> closes = new TreeMap<>();
    private int duplicatePushes;
    private int reconnects;
    private int catchUps;
    private int givenUp;

    synchronized void acked(Ack ack) {
        acks.add(ack);
    }

    synchronized void failed(String what, long at) {
        failures.add(new Failure(what, at));
    }

    /** A live push; false if this message came before (a duplicate when on the same connection). */
    synchronized boolean pushed(String conversationId, long seq, long at) {
        return pushes.putIfAbsent(conversationId + "#" + seq, at) == null;
    }

    synchronized void duplicatePush() {
        duplicatePushes++;
    }

    synchronized void closed(int code) {
        closes.merge(code == -1 ? "error" : Integer.toString(code), 1, Integer::sum);
    }

    synchronized void reconnected() {
        reconnects++;
    }

    synchronized void caughtUp() {
        catchUps++;
    }

    /** A send never acknowledged within the phase's drain time: not promised, so it may or may not be stored. */
    synchronized void gaveUp() {
        givenUp++;
    }

    synchronized List<Ack> acks() {
        return List.copyOf(acks);
    }

    synchronized List<Failure> failures() {
        return List.copyOf(failures);
    }

    /** When this message was first pushed live to this client, if it was. */
    synchronized Long pushedAt(String conversationId, long seq) {
        return pushes.get(conversationId + "#" + seq);
    }

    synchronized Map<String, Integer> closes() {
        return Map.copyOf(closes);
    }

    synchronized int duplicatePushes() {
        return duplicatePushes;
    }

    synchronized int reconnects() {
        return reconnects;
    }

    synchronized int catchUps() {
        return catchUps;
    }

    synchronized int givenUp() {
        return givenUp;
    }
}
