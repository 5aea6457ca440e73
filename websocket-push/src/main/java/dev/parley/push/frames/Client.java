package dev.parley.push.frames;

import dev.parley.kernel.UserId;

/** The connection a frame came in on, as the frames need it: who sent it, the frame rate, where replies go. */
public interface Client {

    UserId user();

    /** Takes one frame from the connection's allowance; false past its rate. */
    boolean takeFrame();

    /** Queues a frame to the client; false when the connection is gone or its queue full. */
    boolean send(String frame);
}
