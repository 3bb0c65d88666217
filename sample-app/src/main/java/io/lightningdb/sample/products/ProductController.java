package io.lightningdb.sample.products;

import io.lightningdb.sample.web.NotFoundException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The product catalogue over REST.
 *
 * <pre>{@code
 * curl -X PUT localhost:8080/products/1 -H 'Content-Type: application/json' -d '{"name":"Kettle","category":"kitchen","priceCents":2999}'
 * curl 'localhost:8080/products?category=kitchen'
 * curl 'localhost:8080/products?minPrice=1000&maxPrice=5000'
 * curl -X DELETE localhost:8080/products/1
 * }</pre>
 */
@RestController
class ProductController {
    private final ProductRepository products;

    ProductController(ProductRepository products) {
        this.products = products;
    }

    @PutMapping("/products/{id}")
    Product put(@PathVariable long id, @RequestBody Product product) {
        return products.save(product.withId(id));
    }

    @GetMapping("/products/{id}")
    Product get(@PathVariable long id) {
        return products.findById(id).orElseThrow(() -> new NotFoundException("product " + id));
    }

    @GetMapping(value = "/products", params = "category")
    List<Product> byCategory(@RequestParam String category) {
        return products.findByCategoryOrderByPriceCentsAsc(category);
    }

    @GetMapping(
            value = "/products",
            params = {"minPrice", "maxPrice"})
    List<Product> byPrice(@RequestParam long minPrice, @RequestParam long maxPrice) {
        return products.findByPriceCentsBetween(minPrice, maxPrice);
    }

    @GetMapping(
            value = "/products",
            params = {"!category", "!minPrice"})
    List<Product> all() {
        return products.findAll();
    }

    @DeleteMapping("/products/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        products.deleteById(id);
    }
}
