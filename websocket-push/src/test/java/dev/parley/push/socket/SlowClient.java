package dev.parley.push.socket;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Future;

/**
 * A client connection whose writes complete only when the test says so, as a client that reads slowly,
 * or not at all, would have them: each frame handed to it is kept in {@link #written} and waits until
 * {@link #reads()} or {@link #breaks()}. With {@link #readingAtOnce()} a write completes inside
 * {@code sendText}, as a container does when the socket's buffer has room.
 */
final class SlowClient implements RemoteEndpoint.Async {

    final List<String> written = new ArrayList<>();
    private final Deque<SendHandler> inFlight = new ArrayDeque<>();
    private boolean atOnce;
    private boolean gone;

    SlowClient readingAtOnce() {
        atOnce = true;
        return this;
    }

    /** The connection is closed underneath: the next write throws, as the container's does. */
    void disappears() {
        gone = true;
    }

    /** The client reads the oldest frame in flight. */
    void reads() {
        inFlight.remove().onResult(new SendResult());
    }

    /** The oldest write in flight fails (a broken pipe). */
    void breaks() {
        inFlight.remove().onResult(new SendResult(new IOException("broken pipe")));
    }

    int writesInFlight() {
        return inFlight.size();
    }

    @Override
    public void sendText(String text, SendHandler handler) {
        if (gone) {
            throw new IllegalStateException("the WebSocket session has been closed");
        }
        written.add(text);
        if (atOnce) {
            handler.onResult(new SendResult());
        } else {
            inFlight.add(handler);
        }
    }

    @Override
    public long getSendTimeout() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setSendTimeout(long timeout) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Future<Void> sendText(String text) {
        throw new UnsupportedOperationException("the outbox never blocks on a write");
    }

    @Override
    public Future<Void> sendBinary(ByteBuffer data) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void sendBinary(ByteBuffer data, SendHandler handler) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Future<Void> sendObject(Object data) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void sendObject(Object data, SendHandler handler) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setBatchingAllowed(boolean allowed) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean getBatchingAllowed() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void flushBatch() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void sendPing(ByteBuffer applicationData) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void sendPong(ByteBuffer applicationData) {
        throw new UnsupportedOperationException();
    }
}
