package io.lightningdb.spring.data.test;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Transfers between versioned accounts, the classic invariant test. */
@Service
public class BankService {
    private final AccountRepository accounts;

    public BankService(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Transactional
    public void transfer(String from, String to, long amount) {
        Account source = accounts.findById(from).orElseThrow();
        Account target = accounts.findById(to).orElseThrow();
        source.setBalance(source.getBalance() - amount);
        target.setBalance(target.getBalance() + amount);
        accounts.saveAll(java.util.List.of(source, target));
    }

    @Transactional(readOnly = true)
    public long total() {
        return accounts.findAll().stream().mapToLong(Account::getBalance).sum();
    }
}
