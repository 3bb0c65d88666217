package io.lightningdb.spring.boot.test.autoconfigure.app;

import org.springframework.stereotype.Component;

/** A scanned component the slice must leave out. */
@Component
public class SomeWebComponent {}
