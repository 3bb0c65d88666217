package io.lightningdb.spring.data.repository.support;

import io.lightningdb.spring.data.core.LightningTemplate;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.core.support.RepositoryFactoryBeanSupport;
import org.springframework.data.repository.core.support.RepositoryFactorySupport;
import org.springframework.util.Assert;

/**
 * The Spring {@code FactoryBean} {@code @EnableLightningRepositories} registers for each repository
 * interface; it needs a {@link LightningTemplate}.
 *
 * @param <T> the repository type
 * @param <S> the entity type
 * @param <ID> the id type
 */
public class LightningRepositoryFactoryBean<T extends Repository<S, ID>, S, ID>
        extends RepositoryFactoryBeanSupport<T, S, ID> {
    private LightningTemplate template;

    /** A factory bean for {@code repositoryInterface}. */
    public LightningRepositoryFactoryBean(Class<? extends T> repositoryInterface) {
        super(repositoryInterface);
    }

    /** The template repositories store entities through. */
    public void setLightningTemplate(LightningTemplate template) {
        this.template = template;
        setMappingContext(template.getMappingContext());
    }

    @Override
    protected RepositoryFactorySupport createRepositoryFactory() {
        return new LightningRepositoryFactory(template);
    }

    @Override
    public void afterPropertiesSet() {
        Assert.state(template != null, "A LightningTemplate is required");
        super.afterPropertiesSet();
    }
}
