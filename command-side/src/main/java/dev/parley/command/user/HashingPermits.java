package dev.parley.command.user;

import dev.parley.kernel.ErrorCode;
import dev.parley.kernel.Refused;
import dev.parley.platform.security.AuthProperties;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Bounds the password hashes this instance computes at once: each Argon2id hash holds 16 MiB while it
 * runs, so a crowd of sign-ins (even for names that do not exist, which hash a decoy just the same) must
 * not be able to hold hundreds of them. Past the permits a request is answered {@code UNAVAILABLE} at once
 * rather than queued: a queue would hold the requests' threads and bodies instead.
 */
@Component
class HashingPermits {

    private final Semaphore permits;

    HashingPermits(AuthProperties properties) {
        this.permits = new Semaphore(properties.signIn().concurrentHashes());
    }

    /** Runs {@code hashing} under a permit; {@code UNAVAILABLE} when none is free. */
    <T> T hash(Supplier<T> hashing) {
        if (!permits.tryAcquire()) {
            throw new Refused(ErrorCode.UNAVAILABLE, "too many sign-ins at once; retry in a moment");
        }
        try {
            return hashing.get();
        } finally {
            permits.release();
        }
    }
}
