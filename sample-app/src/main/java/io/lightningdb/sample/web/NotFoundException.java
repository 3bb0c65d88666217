package io.lightningdb.sample.web;

/** The requested user, post or product does not exist. */
public class NotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String what) {
        super(what + " not found");
    }
}
