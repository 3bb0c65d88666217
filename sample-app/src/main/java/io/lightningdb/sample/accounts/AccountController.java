package io.lightningdb.sample.accounts;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Accounts and transfers over REST.
 *
 * <pre>{@code
 * curl -X POST localhost:8080/accounts -H 'Content-Type: application/json' -d '{"id":"alice","owner":"Alice","balance":10000}'
 * curl -X POST localhost:8080/transfers -H 'Content-Type: application/json' -d '{"from":"alice","to":"bob","amount":2500}'
 * }</pre>
 */
@RestController
class AccountController {
    private final AccountRepository accounts;
    private final TransferService transfers;

    AccountController(AccountRepository accounts, TransferService transfers) {
        this.accounts = accounts;
        this.transfers = transfers;
    }

    @PostMapping("/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    Account open(@RequestBody Account account) {
        return accounts.save(account);
    }

    @GetMapping("/accounts")
    List<Account> all() {
        return accounts.findAll();
    }

    @GetMapping("/accounts/{id}")
    Account one(@PathVariable String id) {
        return accounts.findById(id).orElseThrow(() -> new AccountNotFoundException(id));
    }

    @PostMapping("/transfers")
    TransferRequest transfer(@RequestBody TransferRequest request) {
        transfers.transfer(request.from(), request.to(), request.amount());
        return request;
    }

    /** A transfer of {@code amount} cents. */
    record TransferRequest(String from, String to, long amount) {}
}
