package io.lightningdb.spring.data.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightningdb.LightningDb;
import io.lightningdb.spring.data.core.LightningTemplate;
import io.lightningdb.spring.data.test.Item;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.springframework.data.domain.Sort;

/**
 * Random entities and random queries: the engine (index scans or filtered scans, then sort, offset,
 * limit) must return exactly what a plain Java evaluation over an in-memory list returns.
 */
class QueryModelPropertyTest {
    private static final List<String> PATHS = List.of("category", "label", "rank", "score", "flag");

    private Path dir;
    private LightningDb db;
    private LightningTemplate template;

    @BeforeProperty
    void open() throws IOException {
        dir = Files.createTempDirectory("lightning-query-model");
        db = LightningDb.open(dir);
        template = new LightningTemplate(db);
    }

    @AfterProperty
    void close() throws IOException {
        db.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A generated query: its criteria and the same predicate in plain Java. */
    record Spec(Criteria criteria, Predicate<Item> model, String description) {
        @Override
        public String toString() {
            return description;
        }
    }

    @Property(tries = 150)
    void queriesMatchTheInMemoryModel(
            @ForAll("items") List<Item> items,
            @ForAll("specs") List<Spec> specs,
            @ForAll("sorts") Sort sort,
            @ForAll("offsets") int offset,
            @ForAll("limits") int limit) {
        template.deleteAll(Item.class);
        template.saveAll(items);
        List<Item> byId =
                items.stream().sorted(Comparator.comparing(Item::getId)).toList();

        for (Spec spec : specs) {
            List<Item> expected =
                    new ArrayList<>(byId.stream().filter(spec.model()).toList());
            expected.sort(modelComparator(sort));
            List<Integer> expectedIds = expected.stream()
                    .skip(offset)
                    .limit(limit < 0 ? Long.MAX_VALUE : limit)
                    .map(Item::getId)
                    .toList();

            LightningQuery query =
                    LightningQuery.of(spec.criteria()).sorted(sort).skip(offset);
            List<Item> actual = template.find(limit < 0 ? query : query.limit(limit), Item.class);

            assertThat(actual).as(spec + " " + sort).extracting(Item::getId).containsExactlyElementsOf(expectedIds);
            assertThat(template.count(spec.criteria(), Item.class))
                    .as(spec.description())
                    .isEqualTo(expected.size());
        }
    }

    @Provide
    Arbitrary<List<Item>> items() {
        Arbitrary<Item> item = Combinators.combine(
                        Arbitraries.integers().between(-50, 50),
                        strings(),
                        strings(),
                        ints(),
                        ints(),
                        Arbitraries.of(true, false).injectNull(0.2))
                .as(Item::new);
        return item.list().ofMaxSize(25).uniqueElements(Item::getId);
    }

    @Provide
    Arbitrary<List<Spec>> specs() {
        Arbitrary<Spec> branch = condition().list().ofMinSize(1).ofMaxSize(2).map(QueryModelPropertyTest::and);
        return branch.list()
                .ofMinSize(1)
                .ofMaxSize(2)
                .map(QueryModelPropertyTest::or)
                .list()
                .ofSize(4);
    }

    @Provide
    Arbitrary<Sort> sorts() {
        Arbitrary<Sort.Order> order = Combinators.combine(Arbitraries.of(PATHS), Arbitraries.of(true, false))
                .as((path, asc) -> asc ? Sort.Order.asc(path) : Sort.Order.desc(path));
        return order.list().ofMaxSize(2).uniqueElements(Sort.Order::getProperty).map(Sort::by);
    }

    @Provide
    Arbitrary<Integer> offsets() {
        return Arbitraries.integers().between(0, 5);
    }

    @Provide
    Arbitrary<Integer> limits() {
        return Arbitraries.integers().between(-1, 8);
    }

    private static Arbitrary<String> strings() {
        return Arbitraries.strings().withChars("aAb").ofMaxLength(2).injectNull(0.15);
    }

    private static Arbitrary<Integer> ints() {
        return Arbitraries.integers().between(-3, 3).injectNull(0.15);
    }

    private static Arbitrary<Spec> condition() {
        Arbitrary<Spec> text = Combinators.combine(
                        Arbitraries.of("category", "label"),
                        Arbitraries.of(
                                "eq",
                                "ne",
                                "lt",
                                "gte",
                                "between",
                                "in",
                                "starts",
                                "contains",
                                "null",
                                "notnull",
                                "eqIgnoreCase"),
                        strings(),
                        strings().filter(Objects::nonNull))
                .as(QueryModelPropertyTest::text);
        Arbitrary<Spec> number = Combinators.combine(
                        Arbitraries.of("rank", "score"),
                        Arbitraries.of("eq", "ne", "lt", "lte", "gt", "gte", "between", "in", "null"),
                        ints(),
                        Arbitraries.integers().between(-3, 3))
                .as(QueryModelPropertyTest::number);
        Arbitrary<Spec> bool = Arbitraries.of("true", "false", "null").map(op -> switch (op) {
            case "true" -> spec("flag", Operator.TRUE, List.of(), false, i -> Boolean.TRUE.equals(i.get("flag")));
            case "false" -> spec("flag", Operator.FALSE, List.of(), false, i -> Boolean.FALSE.equals(i.get("flag")));
            default -> spec("flag", Operator.IS_NULL, List.of(), false, i -> i.get("flag") == null);
        });
        return Arbitraries.oneOf(text, number, bool);
    }

    private static Spec text(String path, String op, String v, String w) {
        Predicate<String> nonNull = s -> s != null;
        return switch (op) {
            case "eq" -> spec(path, Operator.EQUALS, list(v), false, i -> Objects.equals(i.get(path), v));
            case "ne" -> spec(path, Operator.NOT_EQUALS, list(v), false, i -> !Objects.equals(i.get(path), v));
            case "lt" ->
                spec(
                        path,
                        Operator.LESS_THAN,
                        list(v),
                        false,
                        i -> v != null
                                && nonNull.test((String) i.get(path))
                                && ((String) i.get(path)).compareTo(v) < 0);
            case "gte" ->
                spec(
                        path,
                        Operator.GREATER_THAN_EQUAL,
                        list(v),
                        false,
                        i -> v != null
                                && nonNull.test((String) i.get(path))
                                && ((String) i.get(path)).compareTo(v) >= 0);
            case "between" ->
                spec(
                        path,
                        Operator.BETWEEN,
                        list(v, w),
                        false,
                        i -> v != null
                                && nonNull.test((String) i.get(path))
                                && ((String) i.get(path)).compareTo(v) >= 0
                                && ((String) i.get(path)).compareTo(w) <= 0);
            case "in" ->
                spec(
                        path,
                        Operator.IN,
                        List.of(w, w + "a"),
                        false,
                        i -> list(w, w + "a").contains(i.get(path)));
            case "starts" ->
                spec(
                        path,
                        Operator.STARTING_WITH,
                        list(w),
                        false,
                        i -> i.get(path) != null && ((String) i.get(path)).startsWith(w));
            case "contains" ->
                spec(
                        path,
                        Operator.CONTAINING,
                        list(w),
                        false,
                        i -> i.get(path) != null && ((String) i.get(path)).contains(w));
            case "null" -> spec(path, Operator.IS_NULL, List.of(), false, i -> i.get(path) == null);
            case "notnull" -> spec(path, Operator.IS_NOT_NULL, List.of(), false, i -> i.get(path) != null);
            default ->
                spec(
                        path,
                        Operator.EQUALS,
                        list(w),
                        true,
                        i -> i.get(path) != null
                                && ((String) i.get(path))
                                        .toLowerCase(Locale.ROOT)
                                        .equals(w.toLowerCase(Locale.ROOT)));
        };
    }

    private static Spec number(String path, String op, Integer v, int w) {
        Predicate<Item> present = i -> i.get(path) != null && v != null;
        return switch (op) {
            case "eq" -> spec(path, Operator.EQUALS, list(v), false, i -> Objects.equals(i.get(path), v));
            case "ne" -> spec(path, Operator.NOT_EQUALS, list(v), false, i -> !Objects.equals(i.get(path), v));
            case "lt" ->
                spec(path, Operator.LESS_THAN, list(v), false, i -> present.test(i) && (Integer) i.get(path) < v);
            case "lte" ->
                spec(
                        path,
                        Operator.LESS_THAN_EQUAL,
                        list(v),
                        false,
                        i -> present.test(i) && (Integer) i.get(path) <= v);
            case "gt" ->
                spec(path, Operator.GREATER_THAN, list(v), false, i -> present.test(i) && (Integer) i.get(path) > v);
            case "gte" ->
                spec(
                        path,
                        Operator.GREATER_THAN_EQUAL,
                        list(v),
                        false,
                        i -> present.test(i) && (Integer) i.get(path) >= v);
            case "between" ->
                spec(
                        path,
                        Operator.BETWEEN,
                        list(v, w),
                        false,
                        i -> present.test(i) && (Integer) i.get(path) >= v && (Integer) i.get(path) <= w);
            case "in" ->
                spec(
                        path,
                        Operator.IN,
                        List.of(w, w + 1),
                        false,
                        i -> list(w, w + 1).contains(i.get(path)));
            default -> spec(path, Operator.IS_NULL, List.of(), false, i -> i.get(path) == null);
        };
    }

    private static List<Object> list(Object... values) {
        return Arrays.asList(values); // unlike List.of, allows nulls and contains(null)
    }

    private static Spec spec(String path, Operator op, List<Object> values, boolean ignoreCase, Predicate<Item> model) {
        Condition c = new Condition(path, op, values, ignoreCase);
        return new Spec(Criteria.where(c), model, c.toString());
    }

    private static Spec and(List<Spec> parts) {
        List<Condition> conditions =
                parts.stream().map(s -> s.criteria().branches().get(0).get(0)).toList();
        Predicate<Item> model = parts.stream().map(Spec::model).reduce(i -> true, Predicate::and);
        return new Spec(Criteria.allOf(conditions), model, conditions.toString());
    }

    private static Spec or(List<Spec> branches) {
        Criteria criteria =
                branches.stream().map(Spec::criteria).reduce(Criteria::or).orElseThrow();
        Predicate<Item> model = branches.stream().map(Spec::model).reduce(i -> false, Predicate::or);
        return new Spec(
                criteria,
                model,
                branches.stream().map(Spec::description).toList().toString());
    }

    /** Nulls first ascending, last descending; a stable sort over id order breaks ties by id. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Item> modelComparator(Sort sort) {
        Comparator<Item> result = (a, b) -> 0;
        for (Sort.Order order : sort) {
            Comparator<Comparable> natural = Comparator.naturalOrder();
            Comparator<Comparable> values =
                    order.isAscending() ? Comparator.nullsFirst(natural) : Comparator.nullsLast(natural.reversed());
            result = result.thenComparing(i -> (Comparable) i.get(order.getProperty()), values);
        }
        return result;
    }
}
