package dev.parley.bench.realtime;

import com.fasterxml.jackson.databind.JsonNode;

/** Hands every socket's measured frames to the step under way; between steps they are dropped. */
final class CurrentStep implements UserSocket.Frames {

    private volatile StepTraffic traffic;

    void start(StepTraffic step) {
        traffic = step;
    }

    void stop() {
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
    }
}
