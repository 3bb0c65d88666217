package io.lightningdb.spring.data.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightningdb.spring.data.test.Person;
import io.lightningdb.spring.data.test.PersonRepository;
import io.lightningdb.spring.data.test.SpringTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;

class PagingSortingTest extends SpringTestBase {
    @Autowired
    PersonRepository people;

    @BeforeEach
    void load() {
        // ids ascend while ages descend, so id order and age order disagree
        people.saveAll(IntStream.range(0, 25)
                .mapToObj(i -> new Person(String.format("p%02d", i), "F" + (i % 3), "L", 100 - i)
                        .with(i % 2 == 0 ? "Even" : "Odd", i % 2 == 0, null))
                .toList());
    }

    @Test
    void findAllSorted() {
        assertThat(people.findAll(Sort.by("age"))).extracting(Person::getAge).isSorted();
        assertThat(people.findAll(Sort.by(Sort.Order.asc("firstName"), Sort.Order.desc("age"))))
                .extracting(p -> p.getFirstName() + "/" + p.getAge())
                .startsWith("F0/100", "F0/97");
    }

    @Test
    void pagesAreSlicesOfTheSortedResult() {
        Page<Person> page = people.findAll(PageRequest.of(1, 10, Sort.by("age")));
        assertThat(page.getTotalElements()).isEqualTo(25);
        assertThat(page.getTotalPages()).isEqualTo(3);
        assertThat(page.getContent())
                .extracting(Person::getAge)
                .containsExactlyElementsOf(IntStream.rangeClosed(86, 95).boxed().toList());
    }

    @Test
    void unsortedPagesFollowIdOrder() {
        List<String> all = new ArrayList<>();
        Pageable request = PageRequest.of(0, 7);
        Page<Person> page;
        do {
            page = people.findAll(request);
            page.forEach(p -> all.add(p.getId()));
            request = page.nextPageable();
        } while (page.hasNext());
        assertThat(all).hasSize(25).isSorted();
    }

    @Test
    void derivedPageSortsBeforePaging() {
        Page<Person> page = people.findByActive(true, PageRequest.of(0, 3, Sort.by("age")));
        assertThat(page.getTotalElements()).isEqualTo(13);
        assertThat(page.getContent()).extracting(Person::getAge).containsExactly(76, 78, 80);
    }

    @Test
    void derivedSlice() {
        Slice<Person> first = people.findByVip(false, PageRequest.of(0, 5, Sort.by(Sort.Direction.DESC, "age")));
        assertThat(first.hasNext()).isTrue();
        assertThat(first.getContent()).extracting(Person::getAge).containsExactly(99, 97, 95, 93, 91);
        Slice<Person> last = people.findByVip(false, PageRequest.of(2, 5, Sort.by(Sort.Direction.DESC, "age")));
        assertThat(last.hasNext()).isFalse();
        assertThat(last.getContent()).extracting(Person::getAge).containsExactly(79, 77);
    }

    @Test
    void dynamicSortAndLimit() {
        assertThat(people.findByCity("Odd", Sort.by("age")))
                .extracting(Person::getAge)
                .startsWith(77, 79)
                .hasSize(12);
        assertThat(people.findByCity("Odd", Limit.of(2), Sort.by(Sort.Direction.DESC, "age")))
                .extracting(Person::getAge)
                .containsExactly(99, 97);
    }
}
