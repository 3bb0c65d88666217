package io.lightningdb.internal.iterator;

import io.lightningdb.internal.key.InternalKey;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Merges sorted children into one sorted stream with a binary heap. Children never yield equal
 * internal keys (sequence numbers are unique per key), so ties cannot occur.
 */
public final class MergingIterator implements InternalIterator {
    private final List<InternalIterator> children;
    private final PriorityQueue<InternalIterator> heap;
    private final Comparator<InternalIterator> order;
    private InternalIterator current;

    public MergingIterator(List<InternalIterator> children, Direction direction) {
        this.children = children;
        Comparator<InternalIterator> byKey = (a, b) -> InternalKey.compare(a.key(), b.key());
        this.order = direction == Direction.FORWARD ? byKey : byKey.reversed();
        this.heap = new PriorityQueue<>(Math.max(1, children.size()), order);
        for (InternalIterator child : children) {
            if (child.valid()) {
                heap.add(child);
            }
        }
        current = heap.poll();
    }

    @Override
    public boolean valid() {
        return current != null;
    }

    @Override
    public byte[] key() {
        return current.key();
    }

    @Override
    public byte[] value() {
        return current.value();
    }

    @Override
    public void next() {
        current.next();
        if (!current.valid()) {
            current = heap.poll();
            return;
        }
        // Sequential reads mostly stay in one child: skip the heap while it keeps the lead.
        InternalIterator runnerUp = heap.peek();
        if (runnerUp != null && order.compare(current, runnerUp) > 0) {
            heap.add(current);
            current = heap.poll();
        }
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (InternalIterator child : children) {
            try {
                child.close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
