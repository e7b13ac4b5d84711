package dev.herald.domain;

/** A resource that does not exist in the caller's org; ids of other orgs look exactly like this. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what) {
        super(what + " not found");
    }
}
