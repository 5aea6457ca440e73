package dev.parley.platform.web;

import java.io.IOException;

/**
 * A request body that grew past its route's limit while being read (a chunked body, which declares no
 * length). An {@link IOException}, so that it leaves the JSON parser as the read failure it is; the
 * problem advice answers it {@code 413}.
 */
public final class BodyTooLarge extends IOException {

    private final long maxBodyBytes;

    BodyTooLarge(long maxBodyBytes) {
        super("the request body is larger than " + maxBodyBytes + " bytes", null);
        this.maxBodyBytes = maxBodyBytes;
    }

    long maxBodyBytes() {
        return maxBodyBytes;
    }
}
