package io.lightningdb.internal.iterator;

import java.util.List;

/**
 * Merges sorted children into one sorted stream with a binary heap of the children not in the
 * lead, comparing their keys in place ({@link KeySlice}). Children never yield equal internal keys
 * (sequence numbers are unique per key), so ties cannot occur.
 */
public final class MergingIterator implements InternalIterator {
    private final List<InternalIterator> children;
    private final boolean reverse;
    private final Child[] heap;
    private final KeySlice key = new KeySlice();
    private int size;
    private Child current;

    /** A child and its key slice, read once: the slice is the same for the child's whole life. */
    private record Child(InternalIterator iterator, KeySlice key) {}

    public MergingIterator(List<InternalIterator> children, Direction direction) {
        this.children = children;
        this.reverse = direction == Direction.REVERSE;
        this.heap = new Child[children.size()];
        for (InternalIterator child : children) {
            if (child.valid()) {
                heap[size] = new Child(child, child.keySlice());
                siftUp(size++);
            }
        }
        current = poll();
        pointAtKey();
    }

    @Override
    public boolean valid() {
        return current != null;
    }

    @Override
    public byte[] key() {
        return current.iterator.key();
    }

    @Override
    public KeySlice keySlice() {
        return key;
    }

    @Override
    public byte[] value() {
        return current.iterator.value();
    }

    @Override
    public void next() {
        current.iterator.next();
        if (!current.iterator.valid()) {
            current = poll();
        } else if (size > 0 && precedes(heap[0], current)) {
            // sequential reads mostly stay in one child: the heap changes only when it loses the lead
            Child lead = heap[0];
            heap[0] = current;
            siftDown(0);
            current = lead;
        }
        pointAtKey();
    }

    private void pointAtKey() {
        if (current != null) {
            key.set(current.key);
        }
    }

    /** Whether {@code a} comes before {@code b} in the merge's direction. */
    private boolean precedes(Child a, Child b) {
        int c = a.key.compareTo(b.key);
        return reverse ? c > 0 : c < 0;
    }

    private Child poll() {
        if (size == 0) {
            return null;
        }
        Child first = heap[0];
        heap[0] = heap[--size];
        heap[size] = null;
        if (size > 0) {
            siftDown(0);
        }
        return first;
    }

    private void siftUp(int i) {
        Child c = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!precedes(c, heap[parent])) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = c;
    }

    private void siftDown(int i) {
        Child c = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && precedes(heap[right], heap[child])) {
                child = right;
            }
            if (!precedes(heap[child], c)) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = c;
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
