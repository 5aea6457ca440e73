package dev.parley.push.frames;

import dev.parley.kernel.UserId;

/** The connection a frame came in on, as the frames need it: who sent it, the frame rate, where replies go. */
public interface Client {

    UserId user();

    /**
     * Takes one frame from the connection's allowance: 0 when taken, else the nanoseconds until one is
     * back (the frame is then refused).
     */
    long takeFrame();

    /** Queues a frame to the client; false when the connection is gone or its queue full. */
    boolean send(String frame);
}
