package dev.parley.kernel;

/** A refusal that arrived from another node, carrying the code and words it was refused with there. */
public final class Refused extends ChatException {

    public Refused(ErrorCode code, String message) {
        super(code, message);
    }
}
