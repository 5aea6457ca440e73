package dev.parley.push.routing;

import java.util.List;

/**
 * What one node sends another on its channel: the deliveries for users whose sockets are there, in order.
 * Each entry names the users on that node it is for; its {@code frame} is the push's JSON text, sent to the
 * sockets as it is.
 */
record NodeEnvelope(List<Entry> entries) {

    record Entry(List<String> users, String frame, String conversationId, long messageSeq) {
    }
}
