package io.lightningdb.spring.data.test;

import io.lightningdb.spring.data.core.event.LightningMappingEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Records every lifecycle event published in the test context. */
@Component
public class EventRecorder {
    private final List<LightningMappingEvent<?>> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(LightningMappingEvent<?> event) {
        events.add(event);
    }

    public List<LightningMappingEvent<?>> events() {
        return events;
    }

    public void clear() {
        events.clear();
    }
}
