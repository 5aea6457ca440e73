package dev.parley.bench.realtime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Hands every socket's measured frames to the step under way, and after it to the step just closed, which
 * still notes late pushes until the next step starts. Each step ignores the other's ids.
 */
final class CurrentStep implements UserSocket.Frames {

    private volatile StepTraffic traffic;
    private volatile StepTraffic closing;

    void start(StepTraffic step) {
        closing = null;
        traffic = step;
    }

    void stop() {
        closing = traffic;
        traffic = null;
    }

    @Override
    public void reply(String id, JsonNode frame, long receivedNanos) {
        StepTraffic step = traffic;
        if (step != null) {
            step.reply(id, frame, receivedNanos);
        }
    }

    @Override
    public void message(UserSocket to, String clientMsgId, boolean first, boolean own, long receivedNanos) {
        StepTraffic step = traffic;
        if (step != null) {
            step.message(to, clientMsgId, first, own, receivedNanos);
        }
        StepTraffic late = closing;
        if (late != null) {
            late.message(to, clientMsgId, first, own, receivedNanos);
        }
    }
}
