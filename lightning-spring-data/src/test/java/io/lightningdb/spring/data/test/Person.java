package io.lightningdb.spring.data.test;

import io.lightningdb.spring.data.index.Indexed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.data.annotation.Id;

/** A test entity with indexed (lastName, age, active, born) and plain properties. */
public class Person {
    @Id
    private String id;

    private String firstName;

    @Indexed
    private String lastName;

    @Indexed
    private int age;

    private Integer height;

    @Indexed
    private boolean active;

    private boolean vip;

    @Indexed
    private Instant born;

    private Instant joined;

    private String city;

    private String nickname;

    private List<String> tags = new ArrayList<>();

    public Person() {}

    public Person(String id, String firstName, String lastName, int age) {
        this.id = id;
        this.firstName = firstName;
        this.lastName = lastName;
        this.age = age;
        this.height = 150 + age;
        this.born = Instant.parse("2000-01-01T00:00:00Z").minusSeconds(age * 86_400L);
        this.joined = born;
    }

    public Person with(String city, boolean active, String nickname, String... tags) {
        this.city = city;
        this.active = active;
        this.vip = active;
        this.nickname = nickname;
        this.tags = new ArrayList<>(List.of(tags));
        return this;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getFirstName() {
        return firstName;
    }

    public void setFirstName(String firstName) {
        this.firstName = firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public void setLastName(String lastName) {
        this.lastName = lastName;
    }

    public int getAge() {
        return age;
    }

    public void setAge(int age) {
        this.age = age;
    }

    public Integer getHeight() {
        return height;
    }

    public boolean isActive() {
        return active;
    }

    public boolean isVip() {
        return vip;
    }

    public Instant getBorn() {
        return born;
    }

    public Instant getJoined() {
        return joined;
    }

    public String getCity() {
        return city;
    }

    public void setCity(String city) {
        this.city = city;
    }

    public String getNickname() {
        return nickname;
    }

    public List<String> getTags() {
        return tags;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Person p
                && Objects.equals(id, p.id)
                && Objects.equals(firstName, p.firstName)
                && Objects.equals(lastName, p.lastName)
                && age == p.age
                && active == p.active
                && Objects.equals(city, p.city)
                && Objects.equals(nickname, p.nickname)
                && Objects.equals(tags, p.tags)
                && Objects.equals(born, p.born);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, lastName, age);
    }

    @Override
    public String toString() {
        return "Person[" + id + " " + firstName + " " + lastName + " " + age + " " + city + "]";
    }
}
