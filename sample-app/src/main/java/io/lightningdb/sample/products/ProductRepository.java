package io.lightningdb.sample.products;

import io.lightningdb.spring.data.repository.LightningRepository;
import java.util.List;

/** The product catalogue: CRUD, paging, sorting and Query by Example from {@link LightningRepository}. */
public interface ProductRepository extends LightningRepository<Product, Long> {

    List<Product> findByCategoryOrderByPriceCentsAsc(String category);

    List<Product> findByPriceCentsBetween(long min, long max);
}
