package io.lightningdb.spring.data.test;

import org.springframework.data.annotation.Id;

/** A test entity with a numeric id, to check numeric key order. */
public record Counter(@Id Long id, String name) {}
