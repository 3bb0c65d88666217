package io.lightningdb.spring.data.test;

import org.springframework.data.repository.CrudRepository;
import org.springframework.data.repository.PagingAndSortingRepository;

public interface CounterRepository extends CrudRepository<Counter, Long>, PagingAndSortingRepository<Counter, Long> {}
