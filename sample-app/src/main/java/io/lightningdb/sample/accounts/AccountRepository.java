package io.lightningdb.sample.accounts;

import org.springframework.data.repository.ListCrudRepository;

/** Accounts by id; registered automatically by the starter. */
public interface AccountRepository extends ListCrudRepository<Account, String> {}
