package io.hfhub.transfer;

import io.hfhub.HfHubException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Concurrent requests for the same key inside one JVM share one execution: the first runs, the rest wait. A run
 * stopped by an interrupt of its own thread (a cancelled download) is not a failure of the others: one of them
 * takes the work over. A waiter's own interrupt ends its wait at once.
 */
public final class InFlight<K, V> {
    private final ConcurrentHashMap<K, CompletableFuture<V>> running = new ConcurrentHashMap<>();

    public V run(K key, Supplier<V> work) {
        while (true) {
            CompletableFuture<V> mine = new CompletableFuture<>();
            CompletableFuture<V> existing = running.putIfAbsent(key, mine);
            if (existing == null) {
                return runAs(key, mine, work);
            }
            try {
                return existing.get();
            } catch (CancellationException e) {
                running.remove(key, existing); // its runner was interrupted: take the work over
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HfHubException("interrupted while waiting for the same download in another thread", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new HfHubException(String.valueOf(e.getCause()), e.getCause());
            }
        }
    }

    private V runAs(K key, CompletableFuture<V> mine, Supplier<V> work) {
        try {
            V value = work.get();
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            if (Thread.currentThread().isInterrupted()) {
                mine.cancel(false); // the work is undone, not failed: a waiter runs it again
            } else {
                mine.completeExceptionally(e);
            }
            throw e;
        } finally {
            running.remove(key, mine);
        }
    }
}
