package io.lightningdb.spring.data.repository;

import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;
import org.springframework.data.repository.NoRepositoryBean;
import org.springframework.data.repository.query.QueryByExampleExecutor;

/**
 * The full Lightning repository: CRUD, paging and sorting with {@code List} results, and Query by
 * Example. Repositories may extend this or any Spring Data base interface ({@code CrudRepository},
 * {@code ListCrudRepository}, {@code PagingAndSortingRepository}, ...); all are implemented.
 *
 * <pre>{@code
 * public interface PersonRepository extends LightningRepository<Person, String> {
 *     List<Person> findByLastNameAndAgeGreaterThan(String lastName, int age);
 *     Page<Person> findByCity(String city, Pageable pageable);
 * }
 * }</pre>
 *
 * @param <T> the entity type
 * @param <ID> the id type: String, Long, Integer or UUID
 */
@NoRepositoryBean
public interface LightningRepository<T, ID>
        extends ListCrudRepository<T, ID>, ListPagingAndSortingRepository<T, ID>, QueryByExampleExecutor<T> {}
