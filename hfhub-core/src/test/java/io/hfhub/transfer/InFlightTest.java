package io.hfhub.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.HfHubException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One execution per key in a JVM, and what a cancelled caller does to the others: nothing. */
@Timeout(30)
class InFlightTest {
    private final InFlight<String, String> inFlight = new InFlight<>();

    /** Runs {@code inFlight.run("k", work)} on a thread; the result or the failure lands in the references. */
    private Thread start(String name, java.util.function.Supplier<String> work, AtomicReference<Object> outcome) {
        Thread t = new Thread(() -> {
            try {
                outcome.set(inFlight.run("k", work));
            } catch (RuntimeException e) {
                outcome.set(e);
            }
        }, name);
        t.start();
        return t;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitWaiting(Thread t) throws InterruptedException {
        while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
            Thread.sleep(5);
        }
    }

    @Test
    void aWaiterTakesTheWorkOverWhenTheRunnerIsInterrupted() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        AtomicReference<Object> runnerOutcome = new AtomicReference<>();
        Thread runner = start("runner", () -> {
            running.countDown();
            try {
                new CountDownLatch(1).await(); // until interrupted, like a download waiting on its disk writer
                return "never";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HfHubException("interrupted", e);
            }
        }, runnerOutcome);
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicBoolean waiterRan = new AtomicBoolean();
        AtomicReference<Object> waiterOutcome = new AtomicReference<>();
        Thread waiter = start("waiter", () -> {
            waiterRan.set(true);
            return "done by the waiter";
        }, waiterOutcome);
        awaitWaiting(waiter);
        assertThat(waiterRan).isFalse(); // it waits for the runner's execution

        runner.interrupt();
        runner.join();
        waiter.join();
        assertThat(runnerOutcome.get()).isInstanceOf(HfHubException.class);
        assertThat(waiterOutcome.get()).isEqualTo("done by the waiter");
    }

    @Test
    void aFailureOfTheRunnerIsEveryWaitersFailure() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Object> runnerOutcome = new AtomicReference<>();
        Thread runner = start("runner", () -> {
            awaitQuietly(release);
            throw new HfHubException("the disk is full");
        }, runnerOutcome);
        awaitWaiting(runner);
        AtomicReference<Object> waiterOutcome = new AtomicReference<>();
        Thread waiter = start("waiter", () -> "should not run", waiterOutcome);
        awaitWaiting(waiter);
        release.countDown();
        runner.join();
        waiter.join();
        assertThat(waiterOutcome.get()).isInstanceOf(HfHubException.class).hasToString(
                HfHubException.class.getName() + ": the disk is full");
    }

    @Test
    void aWaitersOwnInterruptEndsItsWaitAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Object> runnerOutcome = new AtomicReference<>();
        Thread runner = start("runner", () -> {
            awaitQuietly(release);
            return "runner's";
        }, runnerOutcome);
        awaitWaiting(runner);
        AtomicReference<Object> waiterOutcome = new AtomicReference<>();
        AtomicBoolean flag = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            try {
                waiterOutcome.set(inFlight.run("k", () -> "should not run"));
            } catch (RuntimeException e) {
                waiterOutcome.set(e);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        waiter.start();
        awaitWaiting(waiter);
        waiter.interrupt();
        waiter.join();
        assertThat(waiterOutcome.get()).isInstanceOf(HfHubException.class);
        assertThat(flag).isTrue();
        release.countDown();
        runner.join();
        assertThat(runnerOutcome.get()).isEqualTo("runner's");
    }
}
