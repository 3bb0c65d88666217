package io.lightningdb.sample.products;

import io.lightningdb.spring.data.index.Indexed;
import org.springframework.data.annotation.Id;

/** A catalogue product with a numeric id (keys sort numerically) and an indexed category and price. */
public class Product {
    @Id
    private Long id;

    private String name;

    @Indexed
    private String category;

    @Indexed
    private long priceCents;

    Product() {}

    public Product(Long id, String name, String category, long priceCents) {
        this.id = id;
        this.name = name;
        this.category = category;
        this.priceCents = priceCents;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getCategory() {
        return category;
    }

    public long getPriceCents() {
        return priceCents;
    }

    Product withId(Long id) {
        return new Product(id, name, category, priceCents);
    }
}
