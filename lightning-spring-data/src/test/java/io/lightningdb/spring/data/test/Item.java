package io.lightningdb.spring.data.test;

import io.lightningdb.spring.data.index.Indexed;
import org.springframework.data.annotation.Id;
import org.springframework.data.keyvalue.annotation.KeySpace;

/** The entity of the query property test: indexed and plain properties of each kind, all nullable. */
@KeySpace("items")
public class Item {
    @Id
    private Integer id;

    @Indexed
    private String category;

    private String label;

    @Indexed
    private Integer rank;

    private Integer score;

    @Indexed
    private Boolean flag;

    public Item() {}

    public Item(Integer id, String category, String label, Integer rank, Integer score, Boolean flag) {
        this.id = id;
        this.category = category;
        this.label = label;
        this.rank = rank;
        this.score = score;
        this.flag = flag;
    }

    public Integer getId() {
        return id;
    }

    /** The value of the property named {@code path}, as the in-memory model reads it. */
    public Object get(String path) {
        return switch (path) {
            case "category" -> category;
            case "label" -> label;
            case "rank" -> rank;
            case "score" -> score;
            case "flag" -> flag;
            default -> id;
        };
    }

    @Override
    public String toString() {
        return "Item[" + id + " " + category + " " + label + " " + rank + " " + score + " " + flag + "]";
    }
}
