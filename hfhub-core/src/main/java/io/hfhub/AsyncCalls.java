package io.hfhub;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The asynchronous form of the blocking calls: the same call, run on an executor, answered by a future whose
 * {@code cancel(true)} interrupts the thread running it (a plain {@link CompletableFuture} ignores that flag).
 * One per client and the clients derived from it; the default executor is created on first use.
 */
final class AsyncCalls {
    private final AtomicInteger threadIds = new AtomicInteger();
    private volatile ExecutorService defaultExecutor;

    /**
     * The executor of calls given none: a cached pool of daemon threads named {@code hfhub-async-N}, one per call
     * running (downloads block on I/O, so a bounded pool would only queue them; the client's connection limit
     * bounds the network side), each ending after 60 s idle, so an unused client holds no thread.
     */
    Executor defaultExecutor() {
        ExecutorService pool = defaultExecutor;
        if (pool == null) {
            synchronized (this) {
                pool = defaultExecutor;
                if (pool == null) {
                    pool = Executors.newCachedThreadPool(r -> {
                        Thread t = new Thread(r, "hfhub-async-" + threadIds.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
                    defaultExecutor = pool;
                }
            }
        }
        return pool;
    }

    /** Runs {@code work} on {@code executor}; cancelling the future with {@code true} interrupts it. */
    <T> CompletableFuture<T> submit(Supplier<T> work, Executor executor) {
        Objects.requireNonNull(executor, "executor");
        InterruptibleFuture<T> future = new InterruptibleFuture<>();
        executor.execute(() -> future.run(work));
        return future;
    }

    /** A future that knows the thread computing it, to interrupt it on {@code cancel(true)}. */
    private static final class InterruptibleFuture<T> extends CompletableFuture<T> {
        /** Guarded by {@code this}: set only while the work runs, so no later task of the thread is interrupted. */
        private Thread runner;

        void run(Supplier<T> work) {
            synchronized (this) {
                if (isDone()) {
                    return; // cancelled before it started
                }
                runner = Thread.currentThread();
            }
            try {
                complete(work.get());
            } catch (Throwable t) {
                completeExceptionally(t);
            } finally {
                synchronized (this) {
                    runner = null;
                }
                if (isCancelled()) {
                    Thread.interrupted(); // the interrupt was meant for this call, not for the executor's next task
                }
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled && mayInterruptIfRunning) {
                synchronized (this) {
                    if (runner != null) {
                        runner.interrupt();
                    }
                }
            }
            return cancelled;
        }

        /** Dependent stages are plain futures: cancelling one of them cancels only that stage, as in the JDK. */
        @Override
        public <U> CompletableFuture<U> newIncompleteFuture() {
            return new CompletableFuture<>();
        }
    }
}
