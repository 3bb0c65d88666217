package io.lightningdb.spring.data.test;

import org.springframework.data.repository.CrudRepository;

public interface UnserializableRepository extends CrudRepository<Unserializable, String> {}
