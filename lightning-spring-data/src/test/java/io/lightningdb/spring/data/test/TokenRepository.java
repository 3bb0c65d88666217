package io.lightningdb.spring.data.test;

import java.util.UUID;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;

public interface TokenRepository extends ListCrudRepository<Token, UUID>, ListPagingAndSortingRepository<Token, UUID> {}
